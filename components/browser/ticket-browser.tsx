'use client';
import { Download, Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useTicketSearch } from '@/lib/ui/supervisor-queries';
import { filtersFromParams, filtersToParams } from '@/lib/ui/ticket-filters';
import { useAddressView } from '@/lib/ui/use-address-view';
import { BrowserFilters } from './browser-filters';
import { BrowserTable } from './browser-table';

/**
 * Every ticket, for supervisors: filters live in the address, so going back from a ticket
 * lands on the same list, and a filtered list can be shared as a link.
 */
export function TicketBrowser() {
  const t = useTranslations('browser');
  const [filters, setFilters] = useAddressView(filtersFromParams, filtersToParams);
  const params = filtersToParams(filters).toString();
  const badRange = Boolean(filters.from && filters.to && filters.from > filters.to);
  const search = useTicketSearch(badRange ? null : params);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = search;

  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  const tickets = search.data?.pages.flatMap((page) => page.tickets) ?? [];

  return (
    <div data-testid="ticket-browser" className="mx-auto flex h-full max-w-7xl flex-col gap-3 px-6 py-5">
      <header className="flex items-end justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-2 text-lg font-semibold">
            {t('title')}
            {search.isFetching && !isFetchingNextPage && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label={t('loading')} />}
          </h1>
          <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
        </div>
        <Button asChild size="xs" variant="outline">
          <a href={`/api/tickets/export.csv${params ? `?${params}` : ''}`} download data-testid="browser-export-csv">
            <Download aria-hidden />
            {t('export')}
          </a>
        </Button>
      </header>
      <BrowserFilters value={filters} onChange={setFilters} />
      {badRange && <Notice tone="warning">{t('rangeOrder')}</Notice>}
      <div className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border bg-card shadow-xs">
        {search.isPending && !badRange ? (
          <div className="flex flex-col gap-px" aria-hidden>
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="m-3 h-8" />
            ))}
          </div>
        ) : search.isError && tickets.length === 0 ? (
          <div className="p-4">
            <Notice tone="error" className="items-center" data-testid="browser-error">
              <span className="flex-1">{t('loadFailed')}</span>
              <Button size="xs" variant="outline" onClick={() => void search.refetch()}>
                {t('retry')}
              </Button>
            </Notice>
          </div>
        ) : (
          <BrowserTable tickets={tickets} hasMore={Boolean(hasNextPage)} loadingMore={isFetchingNextPage} onLoadMore={loadMore} />
        )}
      </div>
    </div>
  );
}
