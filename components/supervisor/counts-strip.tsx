'use client';
import { useTranslations } from 'next-intl';
import type { TicketPriority } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { useQueueCounts } from '@/lib/ui/queries';

const DOT: Record<TicketPriority, string> = {
  urgent: 'bg-red-500',
  high: 'bg-orange-500',
  medium: 'bg-sky-500',
  low: 'bg-zinc-400',
};
const ORDER: TicketPriority[] = ['urgent', 'high', 'medium', 'low'];

function Count({ testId, value, className }: { testId: string; value: number | undefined; className?: string }) {
  // Until the first numbers arrive, show a placeholder without the test id rather than a false 0.
  if (value === undefined) return <span className="w-3 animate-pulse rounded bg-muted text-transparent">0</span>;
  // The element holds only the number: tests and screen scrapers read it as is.
  return (
    <span data-testid={testId} className={cn('font-semibold tabular-nums text-foreground', className)}>
      {value}
    </span>
  );
}

/** Supervisors' live numbers: first from REST, then only from the hub's `queue:counts` pushes. */
export function CountsStrip() {
  const t = useTranslations('counts');
  const tp = useTranslations('priority');
  const ta = useTranslations('presence');
  const { data } = useQueueCounts();
  return (
    <div
      data-testid="counts-strip"
      aria-live="polite"
      className="flex h-10 shrink-0 items-center gap-5 overflow-x-auto border-b bg-card px-4 text-xs text-muted-foreground"
    >
      <div className="flex items-center gap-3">
        <span className="font-medium uppercase tracking-wide">{t('pending')}</span>
        {ORDER.map((p) => (
          <span key={p} className="flex items-center gap-1.5" title={tp(p)}>
            <span aria-hidden className={cn('size-2 rounded-full', DOT[p])} />
            <span className="sr-only">{tp(p)}</span>
            <Count testId={`count-pending-${p}`} value={data?.pending[p]} />
          </span>
        ))}
        <span className="flex items-center gap-1.5 border-l pl-3">
          {t('total')} <Count testId="count-pending-total" value={data?.pending.total} className="text-sm" />
        </span>
      </div>
      <span className="flex items-center gap-1.5 border-l pl-5">
        {t('assigned')} <Count testId="count-assigned" value={data?.assigned} />
      </span>
      <span className="flex items-center gap-1.5 border-l pl-5">
        <span aria-hidden className="size-2 rounded-full bg-emerald-500" />
        {t('agentsOnline')} <Count testId="count-agents-online" value={data?.agents_online} />
      </span>
      <span className="flex items-center gap-1.5">
        <span aria-hidden className="size-2 rounded-full bg-amber-500" />
        {ta('countAway')} <Count testId="count-agents-away" value={data?.agents_away} />
      </span>
    </div>
  );
}
