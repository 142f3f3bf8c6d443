import { sql } from 'drizzle-orm';
import type { Database } from './client';

/** A value filled in at each run of a statement built by preparedOnce. */
export const param = (name: string) => sql.placeholder(name);

/**
 * A time filled in at each run, given as ISO text: where Drizzle's types take SQL and not a
 * placeholder (an UPDATE's SET, a CTE's condition).
 */
export const timeParam = (name: string) => sql`${param(name)}::timestamptz`;

interface PreparedQuery<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

interface Bindable {
  client: unknown;
}

const sessionOf = (handle: Database) => (handle as unknown as { session: { client: unknown; constructor: object } }).session;

/**
 * A statement Drizzle builds once, run on any handle (the pool or a transaction).
 *
 * On ingest's hot path Drizzle spent more CPU building SQL text than the database spent
 * running it (bench/RESULTS.md: ~20 % of the server's CPU at 200 msg/s). Built with
 * `sql.placeholder(...)` values, the text and the row mapping are made on first use; each
 * call only fills the placeholders and runs it on the caller's connection: Drizzle's
 * prepared queries (both drivers) send through `this.client`, so a transaction's run is
 * the prepared query with that transaction's client.
 */
export function preparedOnce<R>(name: string, build: (db: Database) => { prepare(name: string): PreparedQuery<R> }) {
  // One per driver (PGlite and postgres.js prepared queries are different classes).
  const byDriver = new Map<object, PreparedQuery<R> & Bindable>();
  return (handle: Database, values: Record<string, unknown>): Promise<R> => {
    const { client, constructor: driver } = sessionOf(handle);
    let prepared = byDriver.get(driver);
    if (!prepared) {
      prepared = build(handle).prepare(name) as PreparedQuery<R> & Bindable;
      byDriver.set(driver, prepared);
    }
    const bound = prepared.client === client ? prepared : (Object.assign(Object.create(prepared), { client }) as PreparedQuery<R>);
    return bound.execute(values);
  };
}

/**
 * A nullable jsonb value for a raw placeholder. Drizzle encodes a jsonb column's placeholder
 * with JSON.stringify, which would store JSON `null` where SQL NULL is meant.
 */
export const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
