'use client';
import { MessagesSquare } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import type { TicketView } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { customerLabel, formatPhone } from '@/lib/ui/format';
import { useMyTickets } from '@/lib/ui/queries';
import { PriorityBadge } from './priority-badge';
import { RelativeTime } from './relative-time';
import { SlaMark } from './sla-mark';

function Row({ ticket, active, compact }: { ticket: TicketView; active: boolean; compact: boolean }) {
  const unread = ticket.unread_count > 0;
  return (
    <li>
      <Link
        href={`/tickets/${ticket.id}`}
        data-testid="my-ticket-item"
        data-ticket-id={ticket.id}
        aria-current={active ? 'page' : undefined}
        className={cn(
          'flex items-start gap-3 border-b px-4 py-2.5 transition-colors hover:bg-muted/60',
          active && 'bg-accent/70 hover:bg-accent/70',
        )}
      >
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2">
            <span data-testid="my-ticket-name" className={cn('truncate', unread ? 'font-semibold' : 'font-medium')}>
              {customerLabel(ticket)}
            </span>
            {!compact && <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{formatPhone(ticket.customer_phone)}</span>}
            <RelativeTime
              iso={ticket.last_message_at ?? ticket.updated_at}
              className="ml-auto shrink-0 text-[11px] text-muted-foreground"
            />
          </div>
          <div className="mt-0.5 flex items-center gap-2">
            <p className={cn('min-w-0 flex-1 truncate text-[13px]', unread ? 'text-foreground' : 'text-muted-foreground')}>
              {ticket.preview || '—'}
            </p>
            <SlaMark ticket={ticket} />
            {!compact && ticket.priority !== 'medium' && <PriorityBadge priority={ticket.priority} />}
            {unread && (
              <span
                data-testid="unread-badge"
                className="min-w-5 rounded-full bg-primary px-1.5 text-center text-[11px] font-semibold leading-5 text-primary-foreground tabular-nums"
              >
                {ticket.unread_count}
              </span>
            )}
          </div>
        </div>
      </Link>
    </li>
  );
}

/** The agent's open tickets, most recent activity first; live through the desk's socket sync. */
export function MyTicketsList({ activeId, compact = false }: { activeId?: number; compact?: boolean }) {
  const t = useTranslations('myTickets');
  const { data, isPending, isError, refetch } = useMyTickets();
  if (isPending) {
    return (
      <div className="flex flex-col gap-2 p-3">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    );
  }
  if (isError) {
    return (
      <div className="p-3">
        <Notice tone="error">
          <button type="button" className="underline" onClick={() => void refetch()}>
            {t('loadFailed')}
          </button>
        </Notice>
      </div>
    );
  }
  if (!data.length) {
    return (
      <div data-testid="my-tickets-empty" className="flex flex-col items-center gap-2 px-6 py-12 text-center">
        <MessagesSquare className="size-7 text-muted-foreground/60" aria-hidden />
        <p className="font-medium">{t('empty')}</p>
        <p className="max-w-xs text-xs text-muted-foreground">{t('emptyHint')}</p>
      </div>
    );
  }
  return (
    <ul aria-label={t('title')}>
      {data.map((ticket) => (
        <Row key={ticket.id} ticket={ticket} active={ticket.id === activeId} compact={compact} />
      ))}
    </ul>
  );
}
