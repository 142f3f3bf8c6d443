import type postgres from 'postgres';

type Sql = postgres.Sql;

/**
 * Drizzle sends every query unprepared, so PostgreSQL parses and plans it each time and
 * postgres.js spends a round trip describing it. Our statements are few and repeated:
 * asking for named prepared statements halves the round trips on the hot path.
 */
export function withPreparedStatements<T extends Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: postgres.TransactionSql) =>
            callback(withPreparedStatements(tx)),
          );
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
