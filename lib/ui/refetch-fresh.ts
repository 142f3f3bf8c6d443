import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';

/**
 * Refetches now, even when a first fetch is already on its way. `invalidateQueries` alone joins a
 * fetch in flight on a query that has no data yet, so an answer read before the change that asked
 * for the refetch (a desk's own arrival, a ticket pushed while the list loads) would stand until
 * the next refetch. Cancelling first makes the refetch start over.
 */
export async function refetchFresh(client: QueryClient, filters: InvalidateQueryFilters): Promise<void> {
  await client.cancelQueries(filters);
  await client.invalidateQueries(filters);
}
