'use client';
import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Ref } from 'react';
import { Button } from '@/components/ui/button';
import type { TicketView } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { customerLabel, formatPhone } from '@/lib/ui/format';
import { rowSlaState, SLA_ROW_CLASS } from '@/lib/ui/sla-alerts';
import { ChannelTag } from './channel-tag';
import { PriorityBadge } from './priority-badge';
import { SlaMark } from './sla-mark';
import { WaitingTime } from './waiting-time';

const EDGE: Record<TicketView['priority'], string> = {
  urgent: 'before:bg-red-500',
  high: 'before:bg-orange-500',
  medium: 'before:bg-sky-500',
  low: 'before:bg-zinc-300 dark:before:bg-zinc-600',
};

interface Props {
  ticket: TicketView;
  focused: boolean;
  claiming: boolean;
  disabled: boolean;
  onClaim: (id: number) => void;
  onFocus: (id: number) => void;
  ref?: Ref<HTMLLIElement>;
}

export function QueueItem({ ticket, focused, claiming, disabled, onClaim, onFocus, ref }: Props) {
  const t = useTranslations('queue');
  const sla = rowSlaState(ticket);
  return (
    <li
      ref={ref}
      data-testid="queue-item"
      data-ticket-id={ticket.id}
      data-priority={ticket.priority}
      data-sla={sla}
      data-escalated={ticket.escalated_at ? 'true' : undefined}
      tabIndex={focused ? 0 : -1}
      aria-selected={focused}
      onFocus={() => onFocus(ticket.id)}
      className={cn(
        'relative flex items-center gap-4 border-b py-2.5 pl-5 pr-4 outline-none transition-colors before:absolute before:inset-y-2 before:left-1.5 before:w-[3px] before:rounded-full hover:bg-muted/50',
        EDGE[ticket.priority],
        SLA_ROW_CLASS[sla],
        // A late row keeps its tint when focused: the focus shows as a ring instead.
        focused && (sla === 'ok' ? 'bg-accent/60 hover:bg-accent/60' : 'ring-2 ring-inset ring-ring/50'),
      )}
    >
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span data-testid="queue-item-name" className="truncate font-medium">
            {customerLabel(ticket)}
          </span>
          <span data-testid="queue-item-phone" className="shrink-0 text-xs text-muted-foreground tabular-nums">
            {formatPhone(ticket.customer_phone)}
          </span>
          <ChannelTag ticket={ticket} data-testid="queue-item-channel" className="text-[11px] text-muted-foreground/80" />
        </div>
        <p data-testid="queue-item-preview" className="mt-0.5 truncate text-[13px] text-muted-foreground">
          {ticket.preview || '—'}
        </p>
      </div>
      <SlaMark ticket={ticket} />
      <PriorityBadge priority={ticket.priority} data-testid="queue-item-priority" />
      <WaitingTime
        since={ticket.queued_at}
        sla={sla}
        data-testid="queue-item-waiting"
        className="w-20 shrink-0 text-right text-xs text-muted-foreground"
      />
      <Button
        size="sm"
        data-testid="claim-button"
        onClick={() => onClaim(ticket.id)}
        disabled={disabled}
        aria-label={t('claimLabel', { name: customerLabel(ticket) })}
        className="w-24"
      >
        {claiming && <Loader2 className="animate-spin" aria-hidden />}
        {claiming ? t('claiming') : t('claim')}
      </Button>
    </li>
  );
}
