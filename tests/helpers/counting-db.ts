import type { Database } from '../../lib/db/client';

const COUNTED = ['transaction', 'select', 'insert', 'update', 'delete', 'execute'] as const;
export type DbCounts = Record<(typeof COUNTED)[number] | 'statements', number>;

/** Forwards everything to `target`, calling `onGet` for each property read; methods stay bound to the target. */
function watch<T extends object>(target: T, onGet: (property: string | symbol, value: unknown) => unknown): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object);
      const replaced = onGet(property, value);
      if (replaced !== undefined) return replaced;
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * The real database, counting what callers ask of it: transactions (reads of `transaction`, which
 * pipelinedTransaction makes too), query builders started outside one (`select`, …), and
 * `statements`: every statement sent outside a transaction, built by a query builder or prepared
 * once (lib/db/prepared.ts). Each wrapper is a handle of its own to whatever is keyed by the handle
 * (claim flights, the token cache): for those it stands in for another process on the same database.
 */
export function countingDb(db: Database): { db: Database; counts: DbCounts } {
  const counts = Object.fromEntries([...COUNTED, 'statements'].map((name) => [name, 0])) as DbCounts;
  const counted = new Set<string>(COUNTED);
  // A transaction's statements go through the client it was given (postgres.js `begin`/`reserve`,
  // PGlite's `transaction` callback), not this one: only statements outside one are counted.
  const countingClient = (client: object) =>
    watch(client, (property, value) =>
      (property === 'query' || property === 'unsafe') && typeof value === 'function'
        ? (...args: unknown[]) => {
            counts.statements += 1;
            return (value as (...a: unknown[]) => unknown).apply(client, args);
          }
        : undefined,
    );
  let session: { real: object; counting: object } | null = null;
  const sessionOf = (real: object) => {
    if (session?.real !== real) {
      const client = countingClient((real as { client: object }).client);
      session = { real, counting: watch(real, (property) => (property === 'client' ? client : undefined)) };
    }
    return session.counting;
  };
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (typeof property === 'string' && counted.has(property)) counts[property as keyof DbCounts] += 1;
      const value = Reflect.get(target, property, receiver);
      return property === 'session' ? sessionOf(value as object) : value;
    },
  });
  return { db: proxy, counts };
}
