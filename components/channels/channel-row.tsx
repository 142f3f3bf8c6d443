'use client';
import { FlaskConical, Link2, Loader2, Smartphone, Unlink, Webhook } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ChannelView } from '@/lib/domain/views';
import { useChannelLink } from '@/lib/ui/queries';
import { ChannelLinkPanel } from './channel-link-panel';
import { ChannelStatusBadge, LINKING_STATUSES } from './channel-status-badge';
import { useChannelActions } from './use-channel-actions';

const KIND_ICON = { baileys: Smartphone, cloud: Smartphone, gateway: Webhook, simulator: FlaskConical } as const;

/** Statuses in which a person has to start linking again (a QR that expired counts as `new`). */
const RELINK = new Set(['new', 'logged_out', 'stopped']);

export function ChannelRow({ channel }: { channel: ChannelView }) {
  const t = useTranslations('channels');
  const whatsapp = channel.kind === 'baileys';
  const linking = whatsapp && LINKING_STATUSES.has(channel.status);
  const link = useChannelLink(channel.id, linking);
  const actions = useChannelActions(channel.id);
  const [confirming, setConfirming] = useState(false);
  const Icon = KIND_ICON[channel.kind];
  // A number that is `new` with a live QR is being linked; without one (not started, or expired) it needs a click.
  const showPanel = linking && (channel.status !== 'new' || Boolean(link.data?.qr || link.data?.pairing_code));
  const preparing = channel.status === 'new' && !channel.status_reason && !showPanel;

  return (
    <li data-testid="channel-row" data-channel-id={channel.id} data-status={channel.status} data-kind={channel.kind} className="flex flex-col gap-3 border-b px-4 py-3 last:border-b-0">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <span className="grid size-9 shrink-0 place-items-center rounded-full bg-accent text-accent-foreground">
          <Icon className="size-4" aria-hidden />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span data-testid="channel-name-label" className="font-medium">
              {channel.name}
            </span>
            <Badge tone="neutral" data-testid="channel-kind">
              {t(`kinds.${channel.kind}`)}
            </Badge>
            {!whatsapp && <Badge tone="neutral">{t('builtIn')}</Badge>}
            <ChannelStatusBadge status={channel.status} />
          </div>
          <div className="mt-0.5 text-xs text-muted-foreground">
            <span data-testid="channel-phone" className="tabular-nums">
              {channel.phone ? `+${channel.phone}` : whatsapp ? t('noPhone') : t('builtInHint')}
            </span>
          </div>
          {(channel.status_reason || preparing) && (
            <p data-testid="channel-reason" className="mt-1 text-xs text-muted-foreground">
              {preparing ? t('preparing') : channel.status_reason}
            </p>
          )}
        </div>
        {whatsapp && (
          <div className="flex shrink-0 items-center gap-2">
            {RELINK.has(channel.status) && (
              <Button size="sm" data-testid="channel-relink" onClick={() => void actions.relink()} disabled={actions.busy !== null}>
                {actions.busy === 'relink' ? <Loader2 className="animate-spin" aria-hidden /> : <Link2 aria-hidden />}
                {channel.status === 'new' ? t('link') : t('relink')}
              </Button>
            )}
            {!['new', 'logged_out'].includes(channel.status) &&
              (confirming ? (
                <span className="flex items-center gap-1.5 text-xs">
                  <span className="text-muted-foreground">{t('unlinkConfirm')}</span>
                  <Button
                    size="xs"
                    variant="destructive"
                    data-testid="channel-unlink-confirm"
                    disabled={actions.busy !== null}
                    onClick={() => void actions.unlink().then(() => setConfirming(false))}
                  >
                    {actions.busy === 'unlink' && <Loader2 className="animate-spin" aria-hidden />}
                    {t('unlinkYes')}
                  </Button>
                  <Button size="xs" variant="ghost" data-testid="channel-unlink-cancel" onClick={() => setConfirming(false)}>
                    {t('cancel')}
                  </Button>
                </span>
              ) : (
                <Button size="sm" variant="outline" data-testid="channel-unlink" onClick={() => setConfirming(true)} disabled={actions.busy !== null}>
                  <Unlink aria-hidden />
                  {t('unlink')}
                </Button>
              ))}
          </div>
        )}
      </div>
      {actions.error && (
        <Notice tone="error" data-testid="channel-error">
          {actions.error}
        </Notice>
      )}
      {showPanel && (
        <ChannelLinkPanel
          link={link.data}
          loading={link.isPending}
          pairingBusy={actions.busy === 'pairing'}
          onRequestPairing={(phone) => void actions.requestPairingCode(phone)}
        />
      )}
    </li>
  );
}
