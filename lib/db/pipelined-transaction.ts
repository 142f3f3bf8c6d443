import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js/session';
import type postgres from 'postgres';
import type { Database } from './client';
import { withPreparedStatements } from './prepared-statements';

type SessionParts = ConstructorParameters<typeof PostgresJsSession>;

/** PostgreSQL through postgres.js: statements sent together share a round trip. Not PGlite. */
export function isPipelined(db: Database): boolean {
  return (db as unknown as { session: unknown }).session instanceof PostgresJsSession;
}

/**
 * A transaction whose BEGIN leaves together with its first statements. postgres.js's `begin`
 * (under Drizzle's `transaction`) waits for BEGIN's answer before it runs the body: one round
 * trip that carries nothing, and on a 2-core machine each round trip costs the server a
 * wake-up of PostgreSQL (bench/RESULTS.md). For the hottest paths (a customer's message, a
 * claim); the body cannot open a nested transaction. PGlite has no round trips: there it is
 * Drizzle's transaction.
 */
export async function pipelinedTransaction<T>(db: Database, body: (tx: Database) => Promise<T>): Promise<T> {
  const { session, transaction } = db as unknown as { session: unknown; transaction: Database['transaction'] };
  if (!(session instanceof PostgresJsSession)) return transaction.call(db, (tx) => body(tx as unknown as Database)) as Promise<T>;
  const { dialect, schema, options } = session as unknown as { dialect: SessionParts[1]; schema: SessionParts[2]; options: SessionParts[3] };
  const reserved = await (session.client as postgres.Sql).reserve();
  try {
    // Sent now, so it is ahead of every statement of the body on this connection.
    const begun = reserved.unsafe('begin').execute();
    begun.catch(() => {}); // a failed BEGIN fails the body's statements too: the body says why
    const txSession = new PostgresJsSession(withPreparedStatements(reserved), dialect, schema, options);
    // Typed as a transaction's session, which it is but for `savepoint` (no nesting, above).
    const tx = new PostgresJsTransaction(dialect, txSession as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1], schema);
    let result: T;
    try {
      result = await body(tx as unknown as Database);
      await begun;
    } catch (error) {
      await reserved.unsafe('rollback').catch(() => {});
      throw error;
    }
    // A statement that failed where the body did not look makes PostgreSQL answer COMMIT with ROLLBACK.
    const committed = await reserved.unsafe('commit');
    if (committed.command !== 'COMMIT') throw new Error(`the transaction was not committed (${committed.command})`);
    return result;
  } finally {
    reserved.release();
  }
}
