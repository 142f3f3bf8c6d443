'use client';
import { AlarmClock, Flame } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { TicketView } from '@/lib/domain/views';
import { rowSlaState } from '@/lib/ui/sla-alerts';

/**
 * Words next to the colour, so a late ticket reads as late without relying on the tint:
 * "nearly late" / "past SLA" while it waits, "escalated" when an answer took too long.
 */
export function SlaMark({ ticket }: { ticket: Pick<TicketView, 'status' | 'sla_state' | 'escalated_at'> }) {
  const t = useTranslations('sla');
  const state = rowSlaState(ticket);
  const escalated = ticket.escalated_at !== null && ticket.status !== 'resolved';
  if (state === 'ok' && !escalated) return null;
  return (
    <>
      {state !== 'ok' && (
        <Badge
          tone={state === 'breached' ? 'danger' : 'high'}
          data-testid="sla-badge"
          data-sla={state}
          className={state === 'warning' ? 'border-amber-500/40 bg-amber-500/15 text-amber-800 dark:text-amber-200' : undefined}
        >
          <AlarmClock className="size-3" aria-hidden />
          {t(state === 'breached' ? 'badgeBreached' : 'badgeWarning')}
        </Badge>
      )}
      {escalated && (
        <Badge tone="danger" data-testid="escalated-badge" title={t('escalatedTitle')}>
          <Flame className="size-3" aria-hidden />
          {t('badgeEscalated')}
        </Badge>
      )}
    </>
  );
}
