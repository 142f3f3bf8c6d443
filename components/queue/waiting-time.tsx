'use client';
import { formatWaiting } from '@/lib/ui/format';
import { useNow } from '@/lib/ui/use-now';
import { cn } from '@/lib/ui/cn';

/** Time since `since`, ticking with the page's one shared clock. */
export function WaitingTime({ since, className, ...props }: { since: string; className?: string; 'data-testid'?: string }) {
  const now = useNow();
  const ms = now === null ? null : now - Date.parse(since);
  return (
    <span
      className={cn('tabular-nums', ms !== null && ms > 5 * 60_000 && 'text-orange-600 dark:text-orange-400', className)}
      suppressHydrationWarning
      {...props}
    >
      {ms === null ? '—' : formatWaiting(ms)}
    </span>
  );
}
