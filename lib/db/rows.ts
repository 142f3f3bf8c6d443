import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * Runs a hand-written statement (reports with CTEs and generate_series) and returns its rows on
 * either driver: postgres.js answers with an array, PGlite with `{ rows }`. Timestamps come back
 * as text on both (drizzle's parsers), so select them already formatted (see isoText).
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The plan PostgreSQL (or PGlite) picks for a statement, as EXPLAIN's text lines: for plan tests and the bench. */
export async function explainPlan(db: Database, query: SQLWrapper, options: { analyze?: boolean } = {}): Promise<string> {
  const rows = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${sql.raw(options.analyze ? '(analyze, costs off) ' : '')}${query}`);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
