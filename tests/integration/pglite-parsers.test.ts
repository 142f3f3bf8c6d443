import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgliteForDrizzle } from '@/lib/db/pglite-parsers';

// What Drizzle's PGlite session passes with every query (drizzle-orm/pglite/session.js).
const asText = (value: string) => value;
const DRIZZLE_QUERY_PARSERS = { 1114: asText, 1184: asText, 1186: asText, 1082: asText, 1231: asText, 1115: asText, 1185: asText, 1187: asText, 1182: asText };

const SELECT = `select
  timestamptz '2026-11-24 10:00:01.5+00' as at, timestamp '2026-11-24 10:00' as local, date '2026-11-24' as day,
  interval '5 minutes' as wait, array[timestamptz '2026-11-24 10:00+00'] as ats, 42::int8 as big, '{"a":1}'::jsonb as doc,
  true as flag, 7 as n, null::text as nothing`;

describe('PGlite rows through the pre-set parsers', () => {
  let plain: PGlite;
  let wrapped: PGlite;
  beforeAll(async () => {
    plain = new PGlite();
    [wrapped] = await Promise.all([pgliteForDrizzle(new PGlite()), plain.waitReady]);
  });
  afterAll(async () => {
    await Promise.all([plain.close(), wrapped.close()]);
  });

  it('come out exactly as with the parsers Drizzle passes to each query, in and out of a transaction', async () => {
    const expected = await plain.query(SELECT, [], { rowMode: 'array', parsers: DRIZZLE_QUERY_PARSERS });
    const direct = await wrapped.query(SELECT, [], { rowMode: 'array', parsers: DRIZZLE_QUERY_PARSERS });
    const inTransaction = await wrapped.transaction((tx) => tx.query(SELECT, [], { rowMode: 'array', parsers: DRIZZLE_QUERY_PARSERS }));
    expect(direct.rows).toEqual(expected.rows);
    expect(inTransaction.rows).toEqual(expected.rows);
    // Times stay text (Drizzle maps them), as before.
    expect(direct.rows[0]).toEqual(expect.arrayContaining(['2026-11-24 10:00:01.5+00', '2026-11-24']));
  });

  it('hands PGlite no per-query parsers (merging them into its map on every query was the cost)', async () => {
    const client = new PGlite();
    const query = vi.spyOn(client, 'query');
    const db = await pgliteForDrizzle(client);
    query.mockClear(); // PGlite's own start-up queries
    try {
      await db.query('select now() as at', [], { rowMode: 'array', parsers: DRIZZLE_QUERY_PARSERS });
      expect(query).toHaveBeenCalledTimes(1);
      expect(query.mock.calls[0]?.[2]).toEqual({ rowMode: 'array', parsers: undefined });
    } finally {
      await client.close();
    }
  });

  it('still parses other types the PGlite way when a query brings no parsers', async () => {
    const { rows } = await wrapped.query<{ n: number; doc: unknown; at: string }>(SELECT);
    expect(rows[0]?.n).toBe(7);
    expect(rows[0]?.doc).toEqual({ a: 1 });
    expect(rows[0]?.at).toBe('2026-11-24 10:00:01.5+00');
  });
});
