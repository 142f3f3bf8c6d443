import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { channels, type ChannelKind, type ChannelRow } from '../db/schema';

/** Makes sure a built-in channel exists (the simulator, the gateway) and returns it. */
export async function ensureChannel(db: Database, kind: ChannelKind, name: string): Promise<ChannelRow> {
  await db.insert(channels).values({ kind, name }).onConflictDoNothing({ target: channels.name });
  const [row] = await db.select().from(channels).where(eq(channels.name, name)).limit(1);
  if (!row) throw new Error(`channel ${name} could not be created`);
  if (row.kind !== kind) throw new Error(`channel ${name} exists with kind ${row.kind}, expected ${kind}`);
  return row;
}

export async function listChannels(db: Database): Promise<ChannelRow[]> {
  return db.select().from(channels).orderBy(channels.id);
}
