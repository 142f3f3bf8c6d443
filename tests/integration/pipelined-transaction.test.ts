import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pipelinedTransaction } from '@/lib/db/pipelined-transaction';
import { settings } from '@/lib/db/schema';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

const KEY = 'pipelined_transaction_test';

describe.each(databaseTargets())('a pipelined transaction on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    // A small pool: a connection the transaction failed to give back would soon be missed.
    database = await createTestDatabase(kind, { maxConnections: 2 });
  });
  afterAll(async () => {
    await database.destroy();
  });

  const stored = async () => (await database.db.select().from(settings).where(eq(settings.key, KEY)))[0]?.value ?? null;
  const write = (value: number) =>
    sql`insert into ${settings} (key, value) values (${KEY}, ${JSON.stringify(value)}::jsonb) on conflict (key) do update set value = excluded.value`;

  it('commits what its body wrote and returns what the body returned', async () => {
    const result = await pipelinedTransaction(database.db, async (tx) => {
      await tx.execute(write(1));
      return 'done';
    });
    expect(result).toBe('done');
    expect(await stored()).toBe(1);
  });

  it('keeps nothing of a body that throws, however many statements it had sent', async () => {
    await expect(
      pipelinedTransaction(database.db, async (tx) => {
        await tx.execute(write(2));
        await tx.execute(sql`update ${settings} set value = '3'::jsonb where key = ${KEY}`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await stored()).toBe(1);
  });

  it('does not report a commit when a statement failed behind the body’s back', async () => {
    await expect(
      pipelinedTransaction(database.db, async (tx) => {
        await tx.execute(write(4));
        await tx.execute(sql`select 1 / 0`).catch(() => null);
      }),
    ).rejects.toThrow();
    expect(await stored()).toBe(1);
  });

  it('gives its connection back every time, committed or not', async () => {
    for (let i = 0; i < 6; i++) {
      await pipelinedTransaction(database.db, async (tx) => {
        await tx.execute(write(10 + i));
        if (i % 2) throw new Error('odd');
      }).catch(() => null);
    }
    expect(await stored()).toBe(14);
  });

  it.runIf(kind === 'postgres')('sends BEGIN with the first statement: two round trips for a one-statement body, not three', async () => {
    const writes = vi.spyOn(net.Socket.prototype, 'write');
    try {
      await pipelinedTransaction(database.db, (tx) => tx.execute(write(20)));
      expect(writes).toHaveBeenCalledTimes(2); // BEGIN + the insert, then COMMIT
      writes.mockClear();
      await database.db.transaction((tx) => tx.execute(write(21)));
      expect(writes).toHaveBeenCalledTimes(3); // what Drizzle's transaction costs, for comparison
    } finally {
      writes.mockRestore();
    }
    expect(await stored()).toBe(21);
  });

  it.runIf(kind === 'postgres')('sends what one turn wrote in one system call, even past postgres.js’s 1 KiB flush', async () => {
    // Each statement alone passes postgres.js's 1 KiB, past which it writes at once. No
    // parameters: a new statement with parameters waits for its description, never pipelined.
    const long = 'x'.repeat(1500);
    const prototype = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
    const syscalls = [vi.spyOn(prototype, '_write'), vi.spyOn(prototype, '_writev')];
    try {
      const lengths = await pipelinedTransaction(database.db, (tx) =>
        Promise.all([...Array(16).keys()].map((n) => tx.execute(sql.raw(`select ${n} + length('${long}') as n`)))),
      );
      expect(lengths.map((result) => Number((result as unknown as { n: number }[])[0]!.n))).toEqual([...Array(16).keys()].map((n) => n + 1500));
      const sent = syscalls.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      expect(sent).toBe(2); // BEGIN with the 16 statements (24 KiB, past a socket's usual 16), then COMMIT
    } finally {
      for (const spy of syscalls) spy.mockRestore();
    }
  });
});
