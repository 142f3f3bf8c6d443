'use client';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { ChannelStatus } from '@/lib/domain/views';

const TONE = {
  new: 'neutral',
  qr: 'medium',
  pairing: 'medium',
  connecting: 'medium',
  connected: 'success',
  disconnected: 'high',
  logged_out: 'danger',
  stopped: 'danger',
} as const satisfies Record<ChannelStatus, string>;

/** Statuses a WhatsApp number is down in: the banner shows them until it is connected again. */
export const DOWN_STATUSES: ReadonlySet<ChannelStatus> = new Set(['disconnected', 'logged_out', 'stopped']);

/** Statuses in which the number is waiting for someone to scan a QR or type a pairing code. */
export const LINKING_STATUSES: ReadonlySet<ChannelStatus> = new Set(['new', 'qr', 'pairing']);

export function ChannelStatusBadge({ status }: { status: ChannelStatus }) {
  const t = useTranslations('channels.statuses');
  return (
    <Badge tone={TONE[status]} data-testid="channel-status" data-status={status}>
      <span
        aria-hidden
        className={`size-1.5 rounded-full bg-current ${status === 'connecting' || status === 'disconnected' ? 'animate-pulse' : ''}`}
      />
      {t(status)}
    </Badge>
  );
}
