'use client';
import { CheckCircle2, WifiOff, X } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ChannelView } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { formatPhone } from '@/lib/ui/format';
import { useDesk } from './desk-context';
import { useChannelAlerts } from './use-channel-alerts';

const numberLabel = (channel: ChannelView) => (channel.phone ? `${channel.name} (${formatPhone(channel.phone)})` : channel.name);

/** Across the desk for supervisors and admins: a WhatsApp number dropped (red) or is back (green, briefly). */
export function ChannelBanner() {
  const t = useTranslations('channelBanner');
  const ts = useTranslations('channels.statuses');
  const { me, supervises } = useDesk();
  const { items, dismiss } = useChannelAlerts(supervises);
  if (!items.length) return null;
  return (
    <div className="flex flex-col" role="status" aria-live="polite">
      {items.map(({ channel, kind, reason, key }) => (
        <div
          key={key}
          data-testid="channel-banner"
          data-kind={kind}
          data-channel-id={channel.id}
          className={cn(
            'flex items-center gap-2 border-b px-4 py-1.5 text-[13px] text-white',
            kind === 'down' ? 'bg-red-600 dark:bg-red-700' : 'bg-emerald-600 dark:bg-emerald-700',
          )}
        >
          {kind === 'down' ? <WifiOff className="size-4 shrink-0" aria-hidden /> : <CheckCircle2 className="size-4 shrink-0" aria-hidden />}
          <span className="min-w-0 flex-1">
            {kind === 'down' ? (
              <>
                <span className="font-medium">{t('down', { number: numberLabel(channel) })}</span>
                {': '}
                <span data-testid="channel-banner-reason">{reason ?? ts(channel.status)}</span>
              </>
            ) : (
              <span className="font-medium">{t('up', { number: numberLabel(channel) })}</span>
            )}
          </span>
          {kind === 'down' && me.role === 'admin' && (
            <Link href="/admin/channels" data-testid="channel-banner-link" className="shrink-0 font-medium underline underline-offset-2 hover:no-underline">
              {t('open')}
            </Link>
          )}
          <button
            type="button"
            data-testid="channel-banner-dismiss"
            onClick={() => dismiss(key)}
            aria-label={t('dismiss')}
            title={t('dismiss')}
            className="grid size-6 shrink-0 place-items-center rounded hover:bg-white/15"
          >
            <X className="size-3.5" />
          </button>
        </div>
      ))}
    </div>
  );
}
