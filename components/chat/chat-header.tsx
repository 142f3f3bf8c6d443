'use client';
import { CheckCircle2, Loader2, Phone, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ChannelTag } from '@/components/queue/channel-tag';
import { PriorityBadge } from '@/components/queue/priority-badge';
import { SlaMark } from '@/components/queue/sla-mark';
import type { TicketView } from '@/lib/domain/views';
import { customerLabel, formatPhone, initials } from '@/lib/ui/format';

const STATUS_TONE = { pending: 'high', assigned: 'success', resolved: 'neutral' } as const;

export function ChatHeader({
  ticket,
  canResolve,
  resolving,
  claiming,
  onClaim,
  onResolve,
  toolbar,
}: {
  ticket: TicketView;
  canResolve: boolean;
  resolving: boolean;
  claiming: boolean;
  onClaim: () => void;
  onResolve: () => void;
  /** The ticket's tools (priority, transfer, release, timeline), on a row of their own. */
  toolbar?: ReactNode;
}) {
  const t = useTranslations('chat');
  const ts = useTranslations('status');
  const name = customerLabel(ticket);
  return (
    <header className="border-b bg-card px-4 py-2.5">
      <div className="flex items-center gap-3">
        <span className="grid size-9 shrink-0 place-items-center rounded-full bg-accent text-xs font-semibold text-accent-foreground">
          {initials(name)}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h1 data-testid="chat-customer-name" className="truncate font-semibold">
              {name}
            </h1>
            <Badge tone={STATUS_TONE[ticket.status]} data-testid="chat-status" data-status={ticket.status}>
              {ts(ticket.status)}
            </Badge>
            <PriorityBadge priority={ticket.priority} data-testid="chat-priority" />
            <SlaMark ticket={ticket} />
          </div>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-3 text-xs text-muted-foreground">
            <span className="flex items-center gap-1 tabular-nums" data-testid="chat-customer-phone">
              <Phone className="size-3" aria-hidden />
              {formatPhone(ticket.customer_phone)}
            </span>
            <ChannelTag ticket={ticket} data-testid="chat-channel" />
            <span className="flex items-center gap-1" data-testid="chat-assignee">
              <UserRound className="size-3" aria-hidden />
              {ticket.assigned_agent_name ?? t('unassigned')}
            </span>
            <span className="text-muted-foreground/70">#{ticket.id}</span>
          </div>
        </div>
        {ticket.status === 'pending' && (
          <Button size="sm" data-testid="claim-button" onClick={onClaim} disabled={claiming}>
            {claiming && <Loader2 className="animate-spin" aria-hidden />}
            {t('claim')}
          </Button>
        )}
        {canResolve && ticket.status !== 'resolved' && (
          <Button size="sm" variant="outline" data-testid="resolve-button" onClick={onResolve} disabled={resolving}>
            {resolving ? <Loader2 className="animate-spin" aria-hidden /> : <CheckCircle2 aria-hidden />}
            {t('resolve')}
          </Button>
        )}
      </div>
      {toolbar && <div className="mt-2 border-t pt-2">{toolbar}</div>}
    </header>
  );
}
