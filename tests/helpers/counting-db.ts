import type { Database } from '../../lib/db/client';

const COUNTED = ['transaction', 'select', 'insert', 'update', 'delete', 'execute'] as const;
export type DbCounts = Record<(typeof COUNTED)[number], number>;

/**
 * The real database, counting what callers ask of it: transactions (reads of `transaction`, which
 * pipelinedTransaction makes too), and statements started outside one. Each wrapper is a handle of its own to whatever is keyed by the handle (claim
 * flights, the token cache): for those it stands in for another process on the same database.
 */
export function countingDb(db: Database): { db: Database; counts: DbCounts } {
  const counts = Object.fromEntries(COUNTED.map((name) => [name, 0])) as DbCounts;
  const counted = new Set<string>(COUNTED);
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (typeof property === 'string' && counted.has(property)) counts[property as keyof DbCounts] += 1;
      return Reflect.get(target, property, receiver);
    },
  });
  return { db: proxy, counts };
}
