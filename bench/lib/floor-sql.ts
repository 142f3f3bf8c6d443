// The ingest transaction as Loket sends it, statement for statement: captured from
// lib/domain/ingest.ts on PostgreSQL (the Parse messages postgres.js writes) for a new customer and a
// follow-up on an open ticket. The floor replays these with the same parameters, on a
// database migrated with our migrations (same tables, same indexes), with no ORM around them.
// Recapture if ingest's SQL changes (the bench report says which statements the floor runs).

const TICKET_COLUMNS =
  '"id", "chat_id", "channel_id", "contact_id", "status", "priority", "assigned_agent_id", "preview", "unread_count", "last_message_at", "created_at", "updated_at", "assigned_at", "first_assigned_at", "first_response_at", "resolved_at", "resolved_by", "queued_at", "awaiting_reply_since", "last_customer_message_at", "sla_warned_at", "sla_breached_at", "escalated_at", "out_of_hours_notified_at"';
const MESSAGE_COLUMNS =
  '"id", "channel_id", "chat_id", "ticket_id", "direction", "sender", "author_id", "text", "kind", "media", "raw", "from_phone", "stub", "edited_at", "original_text", "deleted_at", "reactions", "external_id", "client_id", "status", "error", "attempts", "next_attempt_at", "sent_at", "created_at", "updated_at"';

export const FLOOR_SQL = {
  upsertContact:
    'insert into "contacts" ("id", "channel_id", "phone", "phone_jid", "lid_jid", "name", "created_at", "updated_at") values (default, $1, $2, $3, $4, $5, default, default) on conflict ("channel_id","phone_jid") do update set "name" = coalesce(excluded.name, "contacts"."name"), "updated_at" = $6::timestamptz returning "id", "channel_id", "phone", "phone_jid", "lid_jid", "name", "created_at", "updated_at"',
  upsertChat:
    'insert into "chats" ("id", "channel_id", "contact_id", "mode", "last_message_at", "created_at") values (default, $1, (select "contacts"."id" from "contacts" where "contacts"."channel_id" = $2 and "contacts"."phone_jid" = $3), default, $4, default) on conflict ("contact_id") do update set "last_message_at" = $5::timestamptz returning "id", "channel_id", "contact_id", "mode", "last_message_at", "created_at"',
  touchOpenTicket: `update "tickets" set "priority" = greatest("tickets"."priority", $1::ticket_priority), "unread_count" = "tickets"."unread_count" + 1, "last_message_at" = $2::timestamptz, "updated_at" = $3::timestamptz, "awaiting_reply_since" = coalesce("tickets"."awaiting_reply_since", $4::timestamptz), "last_customer_message_at" = $5::timestamptz where ("tickets"."chat_id" = (select "chats"."id" from "chats" where "chats"."contact_id" = (select "contacts"."id" from "contacts" where "contacts"."channel_id" = $6 and "contacts"."phone_jid" = $7)) and "tickets"."status" in ('pending', 'assigned')) returning ${TICKET_COLUMNS}, (select "users"."name" from "users" where "users"."id" = "tickets"."assigned_agent_id"), (select "before"."priority" from "tickets" as "before" where "before"."id" = "tickets"."id")`,
  insertTicket: `insert into "tickets" (${TICKET_COLUMNS}) values (default, $1, $2, $3, default, $4, default, $5, $6, $7, $8, $9, default, default, default, default, default, $10, $11, $12, default, default, default, default) on conflict ("chat_id") where status in ('pending', 'assigned') do nothing returning ${TICKET_COLUMNS}`,
  insertMessage: `insert into "messages" (${MESSAGE_COLUMNS}) values (default, $1, $2, $3, $4, $5, default, $6, $7, $8::jsonb, $9::jsonb, default, $10, default, default, default, default, $11, default, $12, default, default, default, $13, $14, $15) on conflict ("channel_id","external_id") do nothing returning ${MESSAGE_COLUMNS}`,
  insertCreatedEvent:
    'insert into "ticket_events" ("id", "ticket_id", "type", "actor_id", "data", "created_at") values (default, $1, $2, default, jsonb_build_object(\'priority\', $3::text, \'message_id\', (select "messages"."id" from "messages" where "messages"."channel_id" = $4 and "messages"."external_id" = $5)), $6)',
  chatToAgent: 'update "chats" set "mode" = $1 where "chats"."id" = $2',
  insertBotMessage: `insert into "messages" (${MESSAGE_COLUMNS}) values (default, $1, $2, $3, $4, $5, default, $6, default, default, default, default, default, default, default, default, default, default, default, $7, default, $8, $9::timestamptz, default, $10, $11) returning ${MESSAGE_COLUMNS}`,
} as const;

export const ACK_TEXT =
  'Terima kasih telah menghubungi kami. Pesan Anda sudah kami terima, agen kami akan segera membalas.\n\nThank you for contacting us. We have received your message and an agent will reply shortly.';

export interface FloorMessage {
  id: string;
  from: string;
  name: string;
  text: string;
  timestamp?: number;
}

type Row = Record<string, unknown>;
/** One statement inside the open transaction: `run(sql, params)` → rows. */
export type Run = (text: string, params: unknown[]) => Promise<Row[]>;

export interface FloorOutcome {
  created: boolean;
  ticket: Row;
  message: Row;
  phone: string;
}

/**
 * The statements ingest runs for one inbound text from a phone number (the gateway's only kind),
 * grouped into round trips as Loket sends them: contact, chat and open ticket together; then a
 * new ticket's insert; then the message with what follows it.
 */
export async function ingestStatements(run: Run, channelId: number, m: FloorMessage, botAck: boolean): Promise<FloorOutcome> {
  const now = new Date().toISOString();
  // Loket inserts its acknowledgement already leased to its outbox (attempt 1, a minute ahead).
  const leaseUntil = new Date(Date.parse(now) + 60_000).toISOString();
  const phoneJid = `${m.from}@s.whatsapp.net`;
  const [[contact], [chat], [open]] = await Promise.all([
    run(FLOOR_SQL.upsertContact, [channelId, m.from, phoneJid, null, m.name, now]),
    run(FLOOR_SQL.upsertChat, [channelId, channelId, phoneJid, now, now]),
    run(FLOOR_SQL.touchOpenTicket, [null, now, now, now, now, channelId, phoneJid]),
  ]);
  let ticket = open;
  if (!ticket) {
    const preview = m.text.slice(0, 160);
    [ticket] = (await run(FLOOR_SQL.insertTicket, [chat!.id, channelId, contact!.id, 'medium', preview, 1, now, now, now, now, now, now])) as [Row];
  }
  const sentAt = m.timestamp ? new Date(m.timestamp * 1000).toISOString() : now;
  const [[message]] = await Promise.all([
    run(FLOOR_SQL.insertMessage, [channelId, chat!.id, ticket.id, 'in', 'customer', m.text, 'text', null, null, false, m.id, 'delivered', sentAt, now, now]),
    open ? null : run(FLOOR_SQL.insertCreatedEvent, [ticket.id, 'created', 'medium', channelId, m.id, now]),
    !open && chat!.mode === 'bot' ? run(FLOOR_SQL.chatToAgent, ['agent', chat!.id]) : null,
    !open && botAck ? run(FLOOR_SQL.insertBotMessage, [channelId, chat!.id, ticket.id, 'out', 'bot', ACK_TEXT, 'queued', 1, leaseUntil, now, now]) : null,
  ]);
  if (!message) throw new Error(`duplicate message ${m.id}`);
  return { created: !open, ticket, message, phone: m.from };
}
