import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgliteForDrizzle } from '@/lib/db/pglite-parsers';

const SETUP = `create table notes (id serial primary key, body text not null unique, tags int[], meta jsonb, flag boolean, at timestamptz)`;
const INSERT = 'insert into notes (body, tags, meta, flag, at) values ($1, $2, $3, $4, $5) returning *';
const SELECT = 'select id, body, tags, meta, flag, at from notes where body = $1 or $2::boolean';

describe('PGlite statements prepared from their second run', () => {
  let plain: PGlite;
  let client: PGlite;
  let db: PGlite;
  beforeAll(async () => {
    plain = new PGlite();
    client = new PGlite();
    [db] = await Promise.all([pgliteForDrizzle(client), plain.waitReady]);
    await Promise.all([plain.exec(SETUP), db.exec(SETUP)]);
  });
  afterAll(async () => {
    await Promise.all([plain.close(), client.close()]);
  });

  // The wrapped client keeps times as text, as Drizzle wants (pglite-parsers.ts): so does the comparison.
  const asDrizzle = { parsers: { 1184: (value: string) => value } };
  const values = (n: number) => [`note ${n}`, [n, n + 1], { n, nested: { ok: true } }, n % 2 === 0, new Date(Date.UTC(2026, 10, 24, 10, n))];

  it('give the same rows, fields and counts as PGlite’s own query, run after run, with every kind of parameter', async () => {
    for (let n = 1; n <= 4; n++) {
      const [expected, actual] = await Promise.all([plain.query(INSERT, values(n), asDrizzle), db.query(INSERT, values(n))]);
      expect(actual.rows).toEqual(expected.rows);
      expect(actual.fields).toEqual(expected.fields);
      expect(actual.affectedRows).toBe(expected.affectedRows);
    }
    for (let n = 0; n < 3; n++) {
      const args = [`note ${n + 1}`, false];
      const [expected, actual] = await Promise.all([plain.query(SELECT, args, { ...asDrizzle, rowMode: 'array' }), db.query(SELECT, args, { rowMode: 'array' })]);
      expect(actual.rows).toEqual(expected.rows);
    }
    expect(await db.query(SELECT, [null, true])).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ body: 'note 4', tags: [4, 5] })]) });
  });

  it('after the second run, run in one call into PGlite with no parsing (its own query makes six)', async () => {
    await db.query(SELECT, ['note 1', false]);
    await db.query(SELECT, ['note 1', false]);
    const protocol = vi.spyOn(client, 'execProtocolStream');
    try {
      await db.query(SELECT, ['note 1', false]);
      expect(protocol).toHaveBeenCalledTimes(1);
      const sent = Buffer.from(protocol.mock.calls[0]![0]);
      expect(String.fromCharCode(sent[0]!)).toBe('B'); // Bind, not Parse
      protocol.mockClear();
      await db.query('select $1::int + 1 as n', [1]); // a first run goes the usual way
      expect(protocol.mock.calls.length).toBeGreaterThan(1);
    } finally {
      protocol.mockRestore();
    }
  });

  it('run inside a transaction, and are taken back with it', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(INSERT, values(10));
        await tx.query(INSERT, values(11));
        expect((await tx.query(SELECT, ['note 11', false])).rows).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.query(SELECT, ['note 11', false])).rows).toHaveLength(0);
    const committed = await db.transaction((tx) => tx.query(INSERT, values(12)));
    expect(committed.rows).toHaveLength(1);
  });

  it('report a database error with its code, and the next statement still runs', async () => {
    await expect(db.query(INSERT, values(1))).rejects.toMatchObject({ code: '23505' }); // "note 1" exists
    await expect(db.query(INSERT, values(1))).rejects.toMatchObject({ code: '23505' });
    expect((await db.query(SELECT, ['note 2', false])).rows).toHaveLength(1);
  });

  it('leave a statement that cannot be prepared to PGlite, which says why, every time', async () => {
    for (let i = 0; i < 3; i++) await expect(db.query('select nope from notes', [])).rejects.toMatchObject({ code: '42703' });
    expect((await db.query(SELECT, ['note 3', false])).rows).toHaveLength(1);
  });
});
