import type { Database } from './client';
import { createGroupCommit } from './group-commit';
import { perDatabase } from './per-database';
import { isPipelined, pipelinedTransaction } from './pipelined-transaction';

/** Awaited by a write between its round trips: resolves when the others written with it are there too. */
export type Step = () => Promise<void>;
/** The step of a write that runs alone: nobody to wait for. */
export const noWait: Step = () => Promise.resolve();

/**
 * Several writes in one transaction, all or nothing. On PostgreSQL they run interleaved on
 * its connection: each write awaits `step()` between its round trips, so their next
 * statements are sent in the same turn, and leave in one system call (coalescing-socket.ts),
 * and one COMMIT ends them all. On PGlite (no round trips) one after another. The writes
 * must not touch each other's rows: a later one would not see what an earlier one has not
 * yet sent.
 */
export function writeTogether<T, R>(db: Database, items: T[], write: (tx: Database, item: T, step: Step) => Promise<R>): Promise<R[]> {
  return pipelinedTransaction(db, async (tx) => {
    if (!isPipelined(db)) {
      const results: R[] = [];
      for (const item of items) results.push(await write(tx, item, noWait));
      return results;
    }
    const step = createBarrier(items.length);
    // Every write settles before the transaction ends: none is left sending into a rollback.
    const settled = await Promise.allSettled(items.map((item) => write(tx, item, step.arrive).finally(step.leave)));
    for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<R>).value);
  });
}

/** Lets everyone through at once when every write still running has arrived. */
function createBarrier(parties: number) {
  let running = parties;
  let waiting: (() => void)[] = [];
  const releaseIfAllThere = () => {
    if (waiting.length < running) return;
    const released = waiting;
    waiting = [];
    for (const resume of released) resume();
  };
  return {
    arrive: () =>
      new Promise<void>((resume) => {
        waiting.push(resume);
        releaseIfAllThere();
      }),
    /** A write that finished (or failed) no longer holds the others back. */
    leave: () => {
      running -= 1;
      releaseIfAllThere();
    },
  };
}

interface KeyedStatement {
  key: string;
  run: (db: Database) => Promise<unknown>;
}

const MAX_BATCH = 32;
const MAX_IN_FLIGHT = 2;
const statementGroupOf = perDatabase((db) =>
  createGroupCommit<KeyedStatement, unknown>({
    keyOf: (statement) => statement.key,
    runAlone: (statement) => statement.run(db),
    runTogether: (statements) => writeTogether(db, statements, (tx, statement) => statement.run(tx)),
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
  }),
);

/**
 * A short write (a statement or two) that may share its transaction with others issued
 * while the database is busy (lib/db/group-commit.ts). Two with one key never share one,
 * nor run at once. For hot, independent, idempotent writes, such as the outbox's lease and
 * "sent" mark of each message.
 */
export function writeGrouped<R>(db: Database, key: string, run: (db: Database) => Promise<R>): Promise<R> {
  return statementGroupOf(db).submit({ key, run }) as Promise<R>;
}
