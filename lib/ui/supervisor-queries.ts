'use client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AgentView, AnalyticsReport, TicketSearchPage } from '@/lib/domain/views';
import { api, isApiError } from './api';
import { queryKeys } from './query-keys';

// REST reads of the supervisor pages (the live board's lives in lib/realtime/use-live-board.ts).

export const SEARCH_PAGE_SIZE = 50;
/** Used until the team's setting arrives (and if it cannot be read): the contract's default. */
export const DEFAULT_TIMEZONE = 'Asia/Jakarta';

export function useTeamTimezone(): string | undefined {
  const { data, isError } = useQuery({
    queryKey: queryKeys.settings('team'),
    queryFn: ({ signal }) => api<{ team: { timezone: string } }>('/api/settings/team', { signal }).then((r) => r.team),
    staleTime: 5 * 60_000,
  });
  return data?.timezone ?? (isError ? DEFAULT_TIMEZONE : undefined);
}

/** Everyone who works tickets (for the agent filters). */
export function useAgents() {
  return useQuery({
    queryKey: queryKeys.agents,
    queryFn: ({ signal }) => api<{ agents: AgentView[] }>('/api/agents', { signal }).then((r) => r.agents),
    staleTime: 60_000,
  });
}

/** `params` is the query string (from, to, filters); the same string keys the cache. */
export function useAnalytics(params: string | null) {
  return useQuery({
    queryKey: queryKeys.analytics(params ?? ''),
    queryFn: ({ signal }) => api<AnalyticsReport>(`/api/analytics?${params}`, { signal }),
    enabled: params !== null,
    // Switching back to a range just seen shows it at once while it refreshes.
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

/** Pages of 50, newest first, fetched as the reader scrolls; `params` holds the filters. */
export function useTicketSearch(params: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.ticketSearch(params ?? ''),
    enabled: params !== null,
    queryFn: ({ signal, pageParam }) => {
      const query = new URLSearchParams(params ?? '');
      query.set('limit', String(SEARCH_PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      return api<TicketSearchPage>(`/api/tickets/search?${query}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
    staleTime: 15_000,
    retry: (count, error) => count < 2 && !isApiError(error, 400),
  });
}
