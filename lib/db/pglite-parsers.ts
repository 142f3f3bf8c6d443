import { type PGlite, type Transaction, types } from '@electric-sql/pglite';
import { createPgliteStatements } from './pglite-prepared';

type PgliteStatements = ReturnType<typeof createPgliteStatements>;

type Parser = (value: string, typeId?: number) => unknown;
type QueryOptions = { parsers?: Record<number, Parser> } & Record<string, unknown>;
type Queryable = Pick<PGlite, 'query'> | Transaction;

const asText: Parser = (value) => value;

/**
 * The types Drizzle's PGlite driver keeps as text (its session passes these to every query):
 * times and dates, and arrays of them (numeric[], timestamp[], timestamptz[], interval[], date[]).
 */
const DRIZZLE_TEXT_TYPES = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];

/**
 * PGlite merges per-query parsers into its own map of several hundred types with an object
 * spread, on every query: 9 % of the server's CPU on PGlite (bench/RESULTS.md). Drizzle passes
 * the same nine parsers every time, so they are put into the instance's own map once, and
 * dropped from each query: the rows come out exactly as before. Each query then goes through a
 * prepared statement once it has run before (pglite-prepared.ts).
 */
export async function pgliteForDrizzle(client: PGlite): Promise<PGlite> {
  await client.waitReady; // its start fills in the array types' parsers, which would overwrite ours
  for (const type of DRIZZLE_TEXT_TYPES) client.parsers[type] = asText;
  return withoutQueryParsers(client, createPgliteStatements(client), false);
}

function withoutQueryParsers<T extends Queryable>(target: T, statements: PgliteStatements, inTransaction: boolean): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === 'query') {
        return (query: string, params?: unknown[], options?: QueryOptions) => {
          const rest = options?.parsers ? { ...options, parsers: undefined } : options;
          return statements.run(query, params ?? [], rest, inTransaction, () => object.query(query, params, rest));
        };
      }
      if (property === 'transaction') {
        return <R>(callback: (tx: Transaction) => Promise<R>) =>
          (object as PGlite).transaction((tx) => callback(withoutQueryParsers(tx, statements, true)));
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
