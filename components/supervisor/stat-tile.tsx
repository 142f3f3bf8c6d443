import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn';

/**
 * One number with its name: the board's and the analytics page's building block. The element
 * with `valueTestId` holds only the value, so tests (and screen scrapers) read it as is.
 */
export function StatTile({
  label,
  value,
  valueTestId,
  tip,
  tone = 'default',
  wrapLabel = false,
  children,
  className,
}: {
  label: string;
  value: ReactNode;
  valueTestId?: string;
  tip?: ReactNode;
  tone?: 'default' | 'warning' | 'danger';
  /** Long names (Indonesian ones are) may take two lines; every tile then keeps room for two, so values line up. */
  wrapLabel?: boolean;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <section className={cn('flex min-w-0 flex-col gap-1 rounded-lg border bg-card px-4 py-3 shadow-xs', className)}>
      <h2
        className={cn(
          'flex gap-1 text-[11px] font-medium uppercase leading-snug tracking-wide text-muted-foreground',
          wrapLabel ? 'min-h-[2lh] items-start' : 'items-center',
        )}
      >
        <span className={wrapLabel ? 'line-clamp-2' : 'truncate'}>{label}</span>
        {tip}
      </h2>
      <div
        data-testid={valueTestId}
        className={cn(
          'truncate text-2xl font-semibold tabular-nums leading-tight',
          tone === 'warning' && 'text-amber-600 dark:text-amber-400',
          tone === 'danger' && 'text-red-600 dark:text-red-400',
        )}
      >
        {value}
      </div>
      {children}
    </section>
  );
}
