'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Loader2, SearchX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import type { TicketView } from '@/lib/domain/views';
import { BrowserHeader, BrowserRow, ROW_HEIGHT } from './browser-row';

/** Start loading the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 15;

/**
 * Only the rows in view (plus a few) are in the DOM, however many pages were loaded; the next
 * page of 50 is fetched as the reader nears the end, or with the button (keyboard users).
 */
export function BrowserTable({
  tickets,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  tickets: TicketView[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const t = useTranslations('browser');
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= tickets.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, tickets.length, onLoadMore]);

  if (tickets.length === 0) {
    return (
      <div data-testid="browser-empty" className="flex flex-col items-center gap-2 px-6 py-16 text-center">
        <SearchX className="size-8 text-muted-foreground/60" aria-hidden />
        <p className="font-medium">{t('empty')}</p>
        <p className="max-w-xs text-xs text-muted-foreground">{t('emptyHint')}</p>
      </div>
    );
  }

  return (
    <div ref={scroller} role="table" aria-label={t('title')} aria-rowcount={hasMore ? -1 : tickets.length + 1} className="min-h-0 flex-1 overflow-auto">
      <div className="sticky top-0 z-10 min-w-[60rem]">
        <BrowserHeader />
      </div>
      <div role="rowgroup" className="relative min-w-[60rem]" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const ticket = tickets[item.index] as TicketView;
          return (
            <BrowserRow
              key={ticket.id}
              ticket={ticket}
              className="absolute inset-x-0 top-0"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            />
          );
        })}
      </div>
      <div className="flex h-12 items-center justify-center text-xs text-muted-foreground">
        {hasMore ? (
          <Button size="xs" variant="outline" data-testid="browser-load-more" disabled={loadingMore} onClick={onLoadMore}>
            {loadingMore && <Loader2 className="animate-spin" aria-hidden />}
            {t('loadMore')}
          </Button>
        ) : (
          <span data-testid="browser-end">{t('end', { count: tickets.length })}</span>
        )}
      </div>
    </div>
  );
}
