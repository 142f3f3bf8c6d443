import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { channels, messages, tickets } from '../db/schema';

export interface OpsCounts {
  created: number;
  claimed: number;
  resolved: number;
  /** Replies stored and not yet handed to their channel. */
  outboxDepth: number;
  channels: { name: string; connected: boolean }[];
}

/**
 * What /metrics reports from the database, read at scrape time: totals survive restarts and
 * agree across processes. Counts use the primary key and partial indexes (a few ms at 100k tickets).
 */
export async function readOpsCounts(db: Database): Promise<OpsCounts> {
  const [[row], channelRows] = await Promise.all([
    db
      .select({
        created: sql<number>`(select count(*)::int from ${tickets})`,
        claimed: sql<number>`(select count(*)::int from ${tickets} where ${tickets.firstAssignedAt} is not null)`,
        resolved: sql<number>`(select count(*)::int from ${tickets} where ${tickets.resolvedAt} is not null)`,
        outboxDepth: sql<number>`(select count(*)::int from ${messages} where ${messages.status} = 'queued')`,
      })
      .from(sql`(select 1) as one`),
    db.select({ name: channels.name, status: channels.status }).from(channels).orderBy(channels.id),
  ]);
  return {
    created: Number(row?.created ?? 0),
    claimed: Number(row?.claimed ?? 0),
    resolved: Number(row?.resolved ?? 0),
    outboxDepth: Number(row?.outboxDepth ?? 0),
    channels: channelRows.map((c) => ({ name: c.name, connected: c.status === 'connected' })),
  };
}
