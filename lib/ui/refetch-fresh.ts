import type { InvalidateQueryFilters, QueryClient, QueryKey } from '@tanstack/react-query';

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

/**
 * A pushed change into one cached entry. While a fetch of it is on its way, that fetch may have
 * read from before the change and would overwrite it on landing: it starts over instead. `apply`
 * returns null when the change cannot be applied to what is cached (then it is fetched again).
 * Nothing cached and nothing on its way: nothing to do, the first fetch will read the change.
 */
export function applyPush<T>(client: QueryClient, queryKey: QueryKey, apply: (current: T) => T | null): void {
  const filters = { queryKey, exact: true };
  if (client.isFetching(filters)) {
    void refetchFresh(client, filters);
    return;
  }
  const current = client.getQueryData<T>(queryKey);
  if (current === undefined) return;
  const next = apply(current);
  if (next === null) void client.invalidateQueries(filters);
  else if (next !== current) client.setQueryData(queryKey, next);
}
