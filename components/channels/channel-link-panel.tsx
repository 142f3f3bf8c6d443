'use client';
import { KeyRound, Loader2, QrCode as QrIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import type { ChannelLink } from '@/lib/realtime/events';
import { formatPairingCode } from '@/lib/ui/format';
import { QrCode } from './qr-code';

/**
 * Linking a number: the QR to scan (redrawn every time WhatsApp rotates it) and, for a phone
 * without a usable camera, an 8-character code to type on the phone instead.
 */
export function ChannelLinkPanel({
  link,
  loading,
  pairingBusy,
  onRequestPairing,
}: {
  link: ChannelLink | null | undefined;
  loading: boolean;
  pairingBusy: boolean;
  onRequestPairing: (phone: string) => void;
}) {
  const t = useTranslations('channels');
  const [phone, setPhone] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (phone.trim()) onRequestPairing(phone.trim());
  }

  return (
    <div data-testid="channel-link" className="grid gap-4 rounded-md border bg-muted/30 p-4 md:grid-cols-[auto_1fr]">
      <div className="flex flex-col items-center gap-2">
        {link?.qr ? (
          <QrCode value={link.qr} label={t('qrLabel')} data-testid="channel-qr" className="size-56 rounded-md border bg-white p-1" />
        ) : (
          <div data-testid="channel-qr-waiting" className="grid size-56 place-items-center rounded-md border border-dashed bg-card text-center text-xs text-muted-foreground">
            <span className="flex flex-col items-center gap-2 px-4">
              {loading || !link?.pairing_code ? <Loader2 className="size-5 animate-spin" aria-hidden /> : <QrIcon className="size-5" aria-hidden />}
              {link?.pairing_code ? t('qrReplacedByCode') : t('qrWaiting')}
            </span>
          </div>
        )}
        {link?.qr && <p className="text-[11px] text-muted-foreground">{t('qrRotates')}</p>}
      </div>
      <div className="flex min-w-0 flex-col gap-4">
        <div>
          <h3 className="flex items-center gap-1.5 text-sm font-semibold">
            <QrIcon className="size-4 text-primary" aria-hidden />
            {t('scanTitle')}
          </h3>
          <ol className="mt-1.5 list-decimal space-y-0.5 pl-5 text-[13px] text-muted-foreground">
            <li>{t('scanStep1')}</li>
            <li>{t('scanStep2')}</li>
            <li>{t('scanStep3')}</li>
          </ol>
        </div>
        <div className="border-t pt-3">
          <h3 className="flex items-center gap-1.5 text-sm font-semibold">
            <KeyRound className="size-4 text-primary" aria-hidden />
            {t('pairingTitle')}
          </h3>
          <p className="mt-0.5 text-xs text-muted-foreground">{t('pairingHint')}</p>
          <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
            <div className="flex min-w-48 flex-1 flex-col gap-1.5">
              <Label htmlFor="pairing-phone">{t('pairingPhone')}</Label>
              <Input
                id="pairing-phone"
                data-testid="pairing-phone"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                inputMode="tel"
                placeholder="628123456789"
                autoComplete="off"
              />
            </div>
            <Button type="submit" variant="outline" data-testid="pairing-request" disabled={pairingBusy || !phone.trim()}>
              {pairingBusy && <Loader2 className="animate-spin" aria-hidden />}
              {t('pairingRequest')}
            </Button>
          </form>
          {link?.pairing_code && (
            <div className="mt-3 rounded-md border bg-card p-3">
              <div className="text-xs text-muted-foreground">{t('pairingYourCode')}</div>
              <div data-testid="pairing-code" className="font-mono text-2xl font-semibold tracking-[0.2em]">
                {formatPairingCode(link.pairing_code)}
              </div>
              <p className="mt-1 text-xs text-muted-foreground">{t('pairingSteps')}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
