import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { refetchFresh } from '@/lib/ui/refetch-fresh';

type Answer = { presence: string };

/** A query whose answers the test hands out one by one, in the order it chooses. */
function scriptedQuery() {
  const pending: Array<(answer: Answer) => void> = [];
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
  const observer = new QueryObserver<Answer>(client, {
    queryKey: ['agents'],
    queryFn: () => new Promise<Answer>((resolve) => pending.push(resolve)),
  });
  const unsubscribe = observer.subscribe(() => {}); // mounted: starts the first fetch
  return { client, observer, pending, unsubscribe };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('refetchFresh', () => {
  let stop = () => {};
  afterEach(() => stop());

  it('starts over when the first fetch, read before the change, is still on its way', async () => {
    const { client, observer, pending, unsubscribe } = scriptedQuery();
    stop = unsubscribe;
    expect(pending).toHaveLength(1);

    const refetched = refetchFresh(client, { queryKey: ['agents'] });
    await settle();
    expect(pending).toHaveLength(2);
    pending[0]?.({ presence: 'offline' }); // the answer read before the arrival: dropped
    pending[1]?.({ presence: 'online' });
    await refetched;
    expect(observer.getCurrentResult().data).toEqual({ presence: 'online' });
    expect(observer.getCurrentResult().isError).toBe(false);
  });

  it('is needed: invalidating alone keeps the answer read before the change', async () => {
    const { client, observer, pending, unsubscribe } = scriptedQuery();
    stop = unsubscribe;
    const invalidated = client.invalidateQueries({ queryKey: ['agents'] });
    await settle();
    expect(pending).toHaveLength(1);
    pending[0]?.({ presence: 'offline' });
    await invalidated;
    expect(observer.getCurrentResult().data).toEqual({ presence: 'offline' });
  });

  it('refetches a query that already has data', async () => {
    const { client, observer, pending, unsubscribe } = scriptedQuery();
    stop = unsubscribe;
    pending[0]?.({ presence: 'online' });
    await settle();
    const refetched = refetchFresh(client, { queryKey: ['agents'] });
    await settle();
    pending[1]?.({ presence: 'away' });
    await refetched;
    expect(observer.getCurrentResult().data).toEqual({ presence: 'away' });
  });
});
