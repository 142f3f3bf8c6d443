import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGrouped } from '@/lib/db/write-together';
import { settings } from '@/lib/db/schema';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

/**
 * Short writes issued together (the outbox's lease and "sent" mark) share transactions while
 * the database is busy (lib/db/write-together.ts). Each caller must still get its own answer,
 * and one failing write must not take the others down.
 */
describe.each(databaseTargets())('writes grouped on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.destroy());

  const put = (key: string, value: number) =>
    writeGrouped(database.db, key, async (db) => {
      const [row] = await db
        .insert(settings)
        .values({ key, value: { n: value } })
        .onConflictDoUpdate({ target: settings.key, set: { value: { n: value } } })
        .returning({ key: settings.key });
      return row!.key;
    });
  const read = async (key: string) => (await database.db.select().from(settings).where(eq(settings.key, key)))[0]?.value ?? null;

  it('twenty writes at once: each caller gets its own row back, and every row is stored', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `grouped_${i}`);
    expect(await Promise.all(keys.map((key, i) => put(key, i)))).toEqual(keys);
    for (const [i, key] of keys.entries()) expect(await read(key)).toEqual({ n: i });
  });

  it('one write failing among them: it alone is refused, the others are stored', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `grouped_fail_${i}`);
    const outcomes = await Promise.allSettled(
      keys.map((key, i) => (i === 5 ? writeGrouped(database.db, key, (db) => db.execute(sql`select 1 / 0`)) : put(key, i))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(keys.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    for (const [i, key] of keys.entries()) expect(await read(key)).toEqual(i === 5 ? null : { n: i });
  });

  it('one key twice at once: the second runs after the first, so the last write wins', async () => {
    const steps: string[] = [];
    const traced = (n: number) =>
      writeGrouped(database.db, 'grouped_same', async (db) => {
        steps.push(`start ${n}`);
        await db.insert(settings).values({ key: 'grouped_same', value: { n } }).onConflictDoUpdate({ target: settings.key, set: { value: { n } } });
        steps.push(`end ${n}`);
      });
    await Promise.all([traced(1), traced(2), traced(3)]);
    expect(steps).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(await read('grouped_same')).toEqual({ n: 3 });
  });
});
