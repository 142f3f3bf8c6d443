'use client';
import type { TicketView } from '@/lib/domain/views';
import { formatWaiting } from '@/lib/ui/format';
import { useNow } from '@/lib/ui/use-now';
import { cn } from '@/lib/ui/cn';

const TONE: Record<TicketView['sla_state'], string> = {
  ok: '',
  warning: 'font-medium text-amber-700 dark:text-amber-300',
  breached: 'font-semibold text-red-700 dark:text-red-300',
};

/** Time since `since`, ticking with the page's one shared clock, coloured by the waiting SLA. */
export function WaitingTime({
  since,
  sla,
  className,
  ...props
}: {
  since: string;
  sla?: TicketView['sla_state'];
  className?: string;
  'data-testid'?: string;
}) {
  const now = useNow();
  const ms = now === null ? null : now - Date.parse(since);
  return (
    <span
      className={cn(
        'tabular-nums',
        className,
        // Without the ticket's SLA state, fall back to the seed's five minutes.
        sla ? TONE[sla] : ms !== null && ms > 5 * 60_000 && 'text-orange-600 dark:text-orange-400',
      )}
      suppressHydrationWarning
      {...props}
    >
      {ms === null ? '—' : formatWaiting(ms)}
    </span>
  );
}
