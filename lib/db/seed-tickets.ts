import { sql } from 'drizzle-orm';
import { ensureChannel } from '../domain/channels';
import type { Database } from './client';
import { queryRows } from './rows';

export interface TicketSeedOptions {
  count: number;
  /** How far back the tickets go. */
  days?: number;
  /** Seeded agents (made once, reused by later runs). */
  agents?: number;
  /** "Now" for the seed (tests pin it); the database's clock otherwise. */
  now?: Date;
  /** Local time zone of the desk's busy hours. */
  timezone?: string;
}

const FIRST = ['Sari', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Wati', 'Andi', 'Putri', 'Eko', 'Ayu', 'Hendra', 'Maya', 'Rudi', 'Lestari', 'Fajar', 'Nur', 'Yusuf', 'Indah', 'Bayu'];
const LAST = ['Wulandari', 'Santoso', 'Pratama', 'Hidayat', 'Kusuma', 'Saputra', 'Siregar', 'Nasution', 'Wijaya', 'Lubis', 'Setiawan', 'Harahap', 'Purnomo', 'Sihombing', 'Gunawan'];
const ASKS = [
  'Halo, pesanan saya #%s belum sampai',
  'Paket #%s rusak, bisa retur?',
  'Kapan pesanan #%s dikirim?',
  'Saya mau ganti alamat untuk order %s',
  'Refund untuk transaksi %s sudah diproses?',
  'Promo ongkir masih berlaku? kode %s',
  'Hello, my order %s has not arrived',
  'Tolong, pembayaran %s gagal tapi saldo terpotong',
];
// Hours of the local day, repeated by how busy they are: mornings and afternoons.
const HOURS = [0, 6, 7, 8, 8, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16, 17, 17, 18, 19, 19, 20, 21, 22, 23];

// Constants written into the statements (they are ours, not user input): arrays and their lengths.
const textArray = (values: string[]) => sql.raw(`(array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[])`);
const intArray = (values: number[]) => sql.raw(`(array[${values.map((v) => Math.trunc(v)).join(',')}]::int[])`);
const lit = (value: number) => sql.raw(String(Math.trunc(value)));

/**
 * A desk that has been busy for weeks, in a few set-based statements (generate_series): per
 * ticket its own customer and chat, the customer's message, the agent's answer and the
 * timeline; most tickets long resolved, today's partly waiting or open; created in office
 * hours of the desk's zone with a few at night; waiting, answer and handle times skewed like
 * real ones. Ids are taken as a block under a table lock, so run it on a desk at rest.
 */
export async function seedTickets(db: Database, options: TicketSeedOptions): Promise<{ tickets: number; messages: number; ms: number }> {
  const started = performance.now();
  const days = options.days ?? 60;
  const gateway = await ensureChannel(db, 'gateway', 'Gateway');
  const second = await ensureChannel(db, 'simulator', 'Simulator');
  const channelIds = [gateway.id, gateway.id, second.id];
  const agentCount = options.agents ?? 12;
  const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  const tz = options.timezone ?? 'Asia/Jakarta';

  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`lock table contacts, chats, tickets in exclusive mode`);
    await tx.execute(sql`
      insert into users (name, email, email_verified, role, capacity)
      select ${textArray(FIRST)}[1 + (g - 1) % ${lit(FIRST.length)}] || ' ' || ${textArray(LAST)}[1 + (g * 7) % ${lit(LAST.length)}],
             'seed.agent' || g || '@loket.local', true, 'agent', 8
      from generate_series(1, ${agentCount}::int) g
      on conflict (email) do nothing`);
    const agents = (await queryRows<{ id: number }>(tx as Database, sql`select id from users where email like 'seed.agent%@loket.local' order by id`)).map((r) => Number(r.id));
    const [base] = await queryRows<{ contact: number; chat: number; ticket: number }>(
      tx as Database,
      sql`select (select coalesce(max(id), 0) from contacts)::int as contact, (select coalesce(max(id), 0) from chats)::int as chat,
                 (select coalesce(max(id), 0) from tickets)::int as ticket`,
    );
    const b = { contact: Number(base!.contact), chat: Number(base!.chat), ticket: Number(base!.ticket) };

    // The plan: one row per ticket with every time worked out, read by each insert below.
    await tx.execute(sql`drop table if exists seed_plan`);
    await tx.execute(sql`
      create temporary table seed_plan on commit drop as
      with base as (
        select g as i,
               least(${now} - interval '1 minute' * (1 + random() * 5),
                     ((date_trunc('day', ${now} at time zone ${tz}) - interval '1 day' * floor(random() * ${days}::int)
                       + interval '1 hour' * ${intArray(HOURS)}[1 + floor(random() * ${lit(HOURS.length)})::int]
                       + interval '1 second' * floor(random() * 3600)) at time zone ${tz})) as created_at,
               random() as r_open, random() as r_wait, random() as r_answer, random() as r_handle, random() as r_done,
               random() as r_priority, random() as r_name
        from generate_series(1, ${options.count}::int) g
      ), timed as (
        select *, created_at + interval '1 second' * (5 + floor(-ln(1 - r_wait) * 240)) as claim_at
        from base
      ), answered as (
        select *, claim_at + interval '1 second' * (10 + floor(-ln(1 - r_answer) * 300)) as answer_at
        from timed
      ), closed as (
        select *, answer_at + interval '1 second' * (120 + floor(-ln(1 - r_handle) * 1800)) as resolve_at
        from answered
      )
      select i,
             ${b.contact}::int + i as contact_id, ${b.chat}::int + i as chat_id, ${b.ticket}::int + i as ticket_id,
             ${intArray(channelIds)}[1 + i % ${lit(channelIds.length)}] as channel_id,
             ${intArray(agents)}[1 + (i * 7) % ${lit(agents.length)}] as agent_id,
             created_at,
             case when claim_at > ${now} or (created_at > ${now} - interval '2 hours' and r_open < 0.3) then null else claim_at end as first_assigned_at,
             case when answer_at > ${now} or (created_at > ${now} - interval '2 hours' and r_open < 0.3) then null else answer_at end as first_response_at,
             case when resolve_at > ${now} or r_done < 0.02 or (created_at > ${now} - interval '2 hours' and r_open < 0.3) then null else resolve_at end as resolved_at,
             (case when r_priority < 0.03 then 'urgent' when r_priority < 0.13 then 'high' when r_priority < 0.33 then 'low' else 'medium' end)::ticket_priority as priority,
             case when r_name < 0.05 then null
                  else ${textArray(FIRST)}[1 + i % ${lit(FIRST.length)}] || ' ' || ${textArray(LAST)}[1 + (i / ${lit(FIRST.length)}) % ${lit(LAST.length)}] end as name,
             '628' || lpad((${b.contact}::int + i)::text, 9, '0') as phone,
             replace(${textArray(ASKS)}[1 + (i * 3) % ${lit(ASKS.length)}], '%s', (100000 + i)::text) as ask
      from closed`);
    await tx.execute(sql`
      insert into contacts (id, channel_id, phone, phone_jid, name, created_at, updated_at)
      select contact_id, channel_id, phone, phone || '@s.whatsapp.net', name, created_at, created_at from seed_plan`);
    await tx.execute(sql`
      insert into chats (id, channel_id, contact_id, mode, last_message_at, created_at)
      select chat_id, channel_id, contact_id, case when resolved_at is null then 'agent' else 'bot' end::chat_mode,
             coalesce(first_response_at, created_at), created_at from seed_plan`);
    await tx.execute(sql`
      insert into tickets (id, chat_id, channel_id, contact_id, status, priority, assigned_agent_id, preview, unread_count,
                           last_message_at, created_at, updated_at, assigned_at, first_assigned_at, first_response_at,
                           resolved_at, resolved_by, queued_at, awaiting_reply_since, last_customer_message_at)
      select ticket_id, chat_id, channel_id, contact_id,
             (case when resolved_at is not null then 'resolved' when first_assigned_at is not null then 'assigned' else 'pending' end)::ticket_status,
             priority, case when first_assigned_at is null then null else agent_id end, ask,
             case when first_response_at is null then 1 else 0 end,
             coalesce(first_response_at, created_at), created_at, coalesce(resolved_at, first_response_at, first_assigned_at, created_at),
             first_assigned_at, first_assigned_at, first_response_at, resolved_at, case when resolved_at is null then null else agent_id end,
             created_at, case when first_response_at is null then created_at end, created_at
      from seed_plan`);
    await tx.execute(sql`
      insert into messages (channel_id, chat_id, ticket_id, direction, sender, author_id, text, status, created_at, updated_at, sent_at)
      select channel_id, chat_id, ticket_id, 'in'::message_direction, 'customer'::message_sender, null::int, ask, 'read'::message_status,
             created_at, created_at, null::timestamptz from seed_plan
      union all
      select channel_id, chat_id, ticket_id, 'out', 'agent', agent_id, 'Baik, kami cek dulu ya. Terima kasih sudah menunggu.', 'read',
             first_response_at, first_response_at, first_response_at from seed_plan where first_response_at is not null
      union all
      select channel_id, chat_id, ticket_id, 'in', 'customer', null, 'Oke, terima kasih banyak', 'read',
             first_response_at + interval '2 minutes', first_response_at + interval '2 minutes', null
      from seed_plan where resolved_at is not null and i % 2 = 0`);
    await tx.execute(sql`
      insert into ticket_events (ticket_id, type, actor_id, created_at)
      select ticket_id, 'created'::ticket_event_type, null::int, created_at from seed_plan
      union all select ticket_id, 'claimed', agent_id, first_assigned_at from seed_plan where first_assigned_at is not null
      union all select ticket_id, 'resolved', agent_id, resolved_at from seed_plan where resolved_at is not null`);
    for (const table of ['contacts', 'chats', 'tickets']) {
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`));
    }
    const [counts] = await queryRows<{ tickets: number; messages: number }>(
      tx as Database,
      sql`select count(*)::int as tickets, (select count(*)::int from messages m join seed_plan p on p.ticket_id = m.ticket_id) as messages from seed_plan`,
    );
    return { tickets: Number(counts!.tickets), messages: Number(counts!.messages) };
  });
  // What autovacuum would have done by now on a live desk: planner statistics for the new rows.
  for (const table of ['contacts', 'chats', 'tickets', 'messages', 'ticket_events']) await db.execute(sql.raw(`analyze ${table}`));
  return { ...result, ms: performance.now() - started };
}
