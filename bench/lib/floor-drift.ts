import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import pino from 'pino';
import { systemClock } from '../../lib/clock';
import type { Database } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import * as schema from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { parseCustomerAddress } from '../../lib/domain/jid';
import { createEventBus } from '../../lib/realtime/bus';
import { FLOOR_SQL } from './floor-sql';

/**
 * The statements ingest sends today (a new customer, then a follow-up; logged by Drizzle on an
 * in-memory PGlite) that bench/lib/floor-sql.ts does not replay word for word. Empty: the floor
 * still runs Loket's transaction.
 */
export async function floorDrift(): Promise<string[]> {
  const client = new PGlite({ extensions: { pg_trgm } });
  const seen: string[] = [];
  let logging = false;
  const db = drizzle(client, { schema, logger: { logQuery: (query) => void (logging && seen.push(query)) } }) as unknown as Database;
  try {
    const handle = { db, kind: 'pglite' as const, location: 'memory://', close: async () => {}, withExclusiveLock: <T>(_k: number, fn: () => Promise<T>) => fn(), tryHoldLock: async () => null };
    await migrateDatabase(handle);
    const channel = await ensureChannel(db, 'gateway', 'Gateway');
    const ctx = { db, clock: systemClock, bus: createEventBus(() => {}), logger: pino({ level: 'silent' }) };
    const from = parseCustomerAddress('6281200000001');
    if ('error' in from) throw new Error(from.error);
    await ingestInboundMessage(ctx, { channel, externalId: 'warm', from: parseCustomerAddress('6281200000002') as typeof from, name: 'W', text: 'warm' });
    logging = true;
    await ingestInboundMessage(ctx, { channel, externalId: 'd1', from, name: 'Drift', text: 'Halo' });
    await ingestInboundMessage(ctx, { channel, externalId: 'd2', from, name: 'Drift', text: 'Halo lagi' });
  } finally {
    await client.close();
  }
  const replayed = new Set<string>(Object.values(FLOOR_SQL));
  return [...new Set(seen)].filter((q) => !replayed.has(q) && !/^(begin|commit|rollback)/i.test(q.trim()));
}
