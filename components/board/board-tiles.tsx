'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { WaitingTime } from '@/components/queue/waiting-time';
import { StatTile } from '@/components/supervisor/stat-tile';
import type { BoardSnapshot, TicketPriority } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { formatPhone } from '@/lib/ui/format';

const ORDER: TicketPriority[] = ['urgent', 'high', 'medium', 'low'];
const DOT: Record<TicketPriority, string> = {
  urgent: 'bg-red-500',
  high: 'bg-orange-500',
  medium: 'bg-sky-500',
  low: 'bg-zinc-400',
};

/** The headline numbers: what waits (by priority, and for how long), what is being worked, what is done. */
export function BoardTiles({ board }: { board: BoardSnapshot }) {
  const t = useTranslations('board');
  const tp = useTranslations('priority');
  const oldest = board.oldest_waiting;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      <StatTile label={t('pending')} value={board.pending_total} valueTestId="board-pending-total" className="col-span-2 md:col-span-1">
        <ul className="mt-0.5 grid grid-cols-4 gap-1 text-xs text-muted-foreground">
          {ORDER.map((p) => (
            <li key={p} className="flex items-center gap-1" title={tp(p)}>
              <span aria-hidden className={cn('size-2 shrink-0 rounded-full', DOT[p])} />
              <span className="sr-only">{tp(p)}</span>
              <span data-testid={`board-pending-${p}`} className={cn('tabular-nums', board.pending[p] > 0 && 'font-semibold text-foreground')}>
                {board.pending[p]}
              </span>
            </li>
          ))}
        </ul>
      </StatTile>
      <StatTile label={t('assigned')} value={board.assigned} valueTestId="board-assigned">
        <p className="text-xs text-muted-foreground">{t('assignedHint')}</p>
      </StatTile>
      <StatTile label={t('resolvedToday')} value={board.resolved_today} valueTestId="board-resolved-today">
        <p className="text-xs text-muted-foreground">{t('resolvedTodayHint', { timezone: board.timezone })}</p>
      </StatTile>
      <StatTile
        label={t('oldestWaiting')}
        value={
          oldest ? (
            <WaitingTime since={oldest.queued_at} data-testid="board-oldest-waiting" />
          ) : (
            <span data-testid="board-oldest-waiting" data-empty="true" className="text-muted-foreground">
              —
            </span>
          )
        }
      >
        <p className="truncate text-xs text-muted-foreground">
          {oldest ? (
            <Link href={`/tickets/${oldest.ticket_id}`} data-testid="board-oldest-link" className="hover:text-foreground hover:underline">
              {oldest.customer_name?.trim() || formatPhone(oldest.customer_phone) || `#${oldest.ticket_id}`}
            </Link>
          ) : (
            t('nobodyWaiting')
          )}
        </p>
      </StatTile>
      <StatTile
        label={t('sla')}
        tone={board.sla.breached > 0 ? 'danger' : board.sla.warning > 0 ? 'warning' : 'default'}
        value={
          <span className="flex items-baseline gap-3">
            <span className="flex items-baseline gap-1" title={t('slaWarning')}>
              <span data-testid="board-sla-warning" className={cn(board.sla.warning > 0 && 'text-amber-600 dark:text-amber-400')}>
                {board.sla.warning}
              </span>
              <span className="text-xs font-normal text-muted-foreground">{t('slaWarningShort')}</span>
            </span>
            <span className="flex items-baseline gap-1" title={t('slaBreached')}>
              <span data-testid="board-sla-breached" className={cn(board.sla.breached > 0 ? 'text-red-600 dark:text-red-400' : 'text-foreground')}>
                {board.sla.breached}
              </span>
              <span className="text-xs font-normal text-muted-foreground">{t('slaBreachedShort')}</span>
            </span>
          </span>
        }
      >
        <p className="text-xs text-muted-foreground">{t('slaHint')}</p>
      </StatTile>
    </div>
  );
}
