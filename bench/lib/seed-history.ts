import postgres from 'postgres';

/**
 * `count` resolved tickets of the past (one customer, chat, 4 messages and 2 timeline
 * entries each, spread over the weeks before now) written straight into PostgreSQL with
 * generate_series, then ANALYZE, as a desk that has been in use would have them. Run on
 * the migrated database before the server starts; seeded phone numbers start with 63 and
 * never meet the bench's 62… customers. Returns how long it took, in ms.
 */
export async function seedHistory(databaseUrl: string, count: number): Promise<number> {
  const started = performance.now();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [channel] = await sql`insert into channels (kind, name) values ('gateway', 'Gateway') on conflict (name) do update set name = excluded.name returning id`;
    const [agent] = await sql`select id from users where role = 'agent' order by id limit 1`;
    if (!channel) throw new Error('seeding needs the gateway channel');
    const ch = Number(channel.id);
    const who = agent ? Number(agent.id) : null; // the floor's database has no users
    await sql.begin(async (tx) => {
      // Ticket g was opened (count - g) × 30 s ago and resolved 20 minutes later.
      await tx`
        insert into contacts (channel_id, phone, phone_jid, name, created_at, updated_at)
        select ${ch}, p, p || '@s.whatsapp.net', 'Riwayat ' || g, at, at
        from generate_series(1, ${count}::int) g,
          lateral (select '63' || lpad(g::text, 10, '0') as p, now() - (${count}::int - g + 60) * interval '30 seconds' as at) x`;
      await tx`
        insert into chats (channel_id, contact_id, mode, last_message_at, created_at)
        select channel_id, id, 'agent', created_at + interval '20 minutes', created_at from contacts where phone like '63%'`;
      await tx`
        insert into tickets (chat_id, channel_id, contact_id, status, priority, assigned_agent_id, preview, unread_count,
          last_message_at, created_at, updated_at, assigned_at, first_response_at, resolved_at, resolved_by, queued_at, last_customer_message_at)
        select c.id, c.channel_id, c.contact_id, 'resolved',
          (array['low','medium','medium','high']::ticket_priority[])[1 + c.id % 4], ${who}::int, 'Halo, pesanan saya #' || c.id || ' belum sampai', 0,
          c.last_message_at, c.created_at, c.last_message_at, c.created_at + interval '1 minute', c.created_at + interval '2 minutes',
          c.last_message_at, ${who}::int, c.created_at, c.created_at + interval '10 minutes'
        from chats c join contacts k on k.id = c.contact_id where k.phone like '63%'`;
      await tx`
        insert into messages (channel_id, chat_id, ticket_id, direction, sender, author_id, text, kind, status, external_id, sent_at, created_at, updated_at)
        select t.channel_id, t.chat_id, t.id,
          (case when n % 2 = 1 then 'in' else 'out' end)::message_direction,
          (case when n % 2 = 1 then 'customer' else 'agent' end)::message_sender,
          case when n % 2 = 1 then null else ${who}::int end,
          case n when 1 then 'Halo, pesanan saya #' || t.id || ' belum sampai, sudah ' || (t.id % 9 + 2) || ' hari'
                 when 2 then 'Baik kak, kami cek dulu nomor resi untuk pesanan #' || t.id
                 when 3 then 'Terima kasih, ditunggu kabarnya'
                 else 'Sudah kami kirim ulang, estimasi tiba ' || (t.id % 3 + 1) || ' hari lagi' end,
          'text', (case when n % 2 = 1 then 'delivered' else 'read' end)::message_status,
          case when n % 2 = 1 then 'seed-' || t.id || '-' || n end,
          t.created_at + n * interval '4 minutes', t.created_at + n * interval '4 minutes', t.created_at + n * interval '4 minutes'
        from tickets t cross join generate_series(1, 4) n where t.status = 'resolved'`;
      await tx`
        insert into ticket_events (ticket_id, type, actor_id, data, created_at)
        select t.id, e.type::ticket_event_type, case when e.type = 'resolved' then ${who}::int end, '{}'::jsonb,
          case when e.type = 'resolved' then t.resolved_at else t.created_at end
        from tickets t cross join (values ('created'), ('resolved')) e(type) where t.status = 'resolved'`;
    });
    await sql`analyze`;
    // The seed leaves many dirty pages behind: written out now, not by the checkpointer during
    // Loket's run (which comes first; the floor's run, after it, would find the disk quiet).
    await sql`checkpoint`.catch(() => {});
    return performance.now() - started;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
