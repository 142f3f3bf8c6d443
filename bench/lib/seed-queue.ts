import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../../lib/db/client';
import { ensureChannel } from '../../lib/domain/channels';

export interface SeedOptions {
  count: number;
  /** Digits that start every seeded customer's phone number (keeps batches apart). */
  phonePrefix: string;
  /**
   * Mix priorities (15 % high, 65 % medium, 20 % low; none urgent, so an urgent newcomer goes
   * to the top of the queue) and spread creation over the last hour, as a real queue would.
   */
  mixed?: boolean;
}

/**
 * Pending tickets straight into the database in one statement (generate_series), each with
 * its own customer and chat, on the gateway channel: 10,000 take a second, where 10,000
 * webhooks would take minutes. Run while the server is stopped (PGlite is single-process).
 * `queued_at` is now, so the waiting-SLA sweep has nothing to announce during the run.
 * Returns the new tickets' ids, lowest first.
 */
export async function seedDatabase(env: Record<string, string | undefined>, options: SeedOptions): Promise<number[]> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.LOKET_DATA_DIR, maxConnections: 1 });
  try {
    return await seedPendingTickets(database.db, options);
  } finally {
    await database.close();
  }
}

/** The same on an open database (the query-plan test seeds its own). */
export async function seedPendingTickets(db: Database, options: SeedOptions): Promise<number[]> {
  const channel = await ensureChannel(db, 'gateway', 'Gateway');
  const priority = options.mixed
    ? sql`(case when i % 20 < 3 then 'high' when i % 20 < 16 then 'medium' else 'low' end)::ticket_priority`
    : sql`'medium'::ticket_priority`;
  const created = options.mixed ? sql`now() - make_interval(secs => (${options.count}::int - i) * 3600.0 / ${options.count}::int)` : sql`now()`;
  const result = await db.execute(sql`
    with s as (
      select i, ${options.phonePrefix}::text || lpad(i::text, 8, '0') as phone from generate_series(1, ${options.count}::int) as i
    ), c as (
      insert into contacts (channel_id, phone, phone_jid, name)
      select ${channel.id}::int, phone, phone || '@s.whatsapp.net', 'Pelanggan ' || i from s
      returning id, phone
    ), ch as (
      insert into chats (channel_id, contact_id, mode, last_message_at)
      select ${channel.id}::int, c.id, 'agent', now() from c
      returning id, contact_id
    )
    insert into tickets (chat_id, channel_id, contact_id, status, priority, preview, unread_count, last_message_at,
                         created_at, updated_at, queued_at, awaiting_reply_since, last_customer_message_at)
    select ch.id, ${channel.id}::int, ch.contact_id, 'pending', ${priority}, 'Halo, pesanan #' || s.i || ' belum sampai', 1, now(),
           ${created}, now(), now(), now(), now()
    from ch join c on c.id = ch.contact_id join s on s.phone = c.phone
    returning id
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number }[];
  if (rows.length !== options.count) throw new Error(`seeded ${rows.length} tickets, expected ${options.count}`);
  // What autovacuum would have done by now on a live desk: planner statistics for the new rows.
  await db.execute(sql`analyze tickets`);
  await db.execute(sql`analyze contacts`);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
