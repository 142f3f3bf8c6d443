import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { param, preparedOnce, timeParam } from '../db/prepared';
import { chats, contacts, type ContactRow, type ChatRow, messages, ticketEvents, tickets, type MessageRow, type TicketRow } from '../db/schema';

// Ingest's statements for the common case (one address, no merge), built once: every
// customer message runs them (lib/db/prepared.ts says why). Values are `sql.placeholder`s;
// the rare paths (contact merges, keyword events, out-of-hours) stay ordinary Drizzle queries.

const nowInSet = timeParam('nowText');

function contactUpsert(by: 'phone' | 'lid') {
  return preparedOnce<ContactRow[]>(`ingest_contact_by_${by}`, (db) =>
    db
      .insert(contacts)
      .values({ channelId: param('channelId'), phone: param('phone'), phoneJid: param('phoneJid'), lidJid: param('lidJid'), name: param('name') })
      .onConflictDoUpdate({
        target: by === 'phone' ? [contacts.channelId, contacts.phoneJid] : [contacts.channelId, contacts.lidJid],
        set: { name: sql`coalesce(excluded.name, ${contacts.name})`, updatedAt: nowInSet },
      })
      .returning(),
  );
}

export const upsertContactByPhone = contactUpsert('phone');
export const upsertContactByLid = contactUpsert('lid');

/**
 * Which contact, chat and open ticket a statement means, named by what the caller already
 * has: the address of a contact whose upsert was sent just ahead in the same round trip, or
 * the chat's id once it is known (the two-address path, which merges contacts first).
 */
export type IngestKey = 'phone' | 'lid' | 'chat';

const contactOf = (by: 'phone' | 'lid') =>
  sql`(select ${contacts.id} from ${contacts} where ${contacts.channelId} = ${param('channelId')} and ${by === 'phone' ? contacts.phoneJid : contacts.lidJid} = ${param(by === 'phone' ? 'phoneJid' : 'lidJid')})`;

const chatOf = (by: IngestKey) =>
  by === 'chat' ? sql`${param('chatId')}` : sql`(select ${chats.id} from ${chats} where ${chats.contactId} = ${contactOf(by)})`;

/**
 * The customer's chat, created or stamped with this message's time (which locks its row to the
 * end of the transaction). Its contact is named by id, or by the address of a contact upserted
 * just ahead of it in the same round trip.
 */
function chatUpsert(by: 'contact' | 'phone' | 'lid') {
  return preparedOnce<ChatRow[]>(by === 'contact' ? 'ingest_chat' : `ingest_chat_by_${by}`, (db) =>
    db
      .insert(chats)
      .values({ channelId: param('channelId'), contactId: by === 'contact' ? param('contactId') : contactOf(by), lastMessageAt: param('now') })
      .onConflictDoUpdate({ target: chats.contactId, set: { lastMessageAt: nowInSet } })
      .returning(),
  );
}

export const upsertChatBy = { contact: chatUpsert('contact'), phone: chatUpsert('phone'), lid: chatUpsert('lid') };

export const insertTicket = preparedOnce<TicketRow[]>('ingest_ticket_insert', (db) =>
  db
    .insert(tickets)
    .values({
      chatId: param('chatId'),
      channelId: param('channelId'),
      contactId: param('contactId'),
      priority: param('priority'),
      preview: param('preview'),
      unreadCount: 1,
      lastMessageAt: param('now'),
      lastCustomerMessageAt: param('now'),
      awaitingReplySince: param('now'),
      queuedAt: param('now'),
      createdAt: param('now'),
      updatedAt: param('now'),
    })
    .onConflictDoNothing({ target: tickets.chatId, where: sql`status in ('pending', 'assigned')` })
    .returning(),
);

export type TouchedTicket = TicketRow & { agentName: string | null; priorityBefore: TicketRow['priority'] };

/**
 * A customer's message on the chat's open ticket, if it has one: counted unread, the SLA clock
 * started if nobody was waiting, and the priority raised to `raise` (a keyword's) if that is
 * higher, never lowered. Returns nothing when the chat has no open ticket. `priorityBefore`
 * comes from a sub-select, which sees the row as it was before this statement changed it.
 */
function touchOpenTicket(by: IngestKey) {
  return preparedOnce<TouchedTicket[]>(`ingest_ticket_touch_by_${by}`, (db) =>
    db
      .update(tickets)
      .set({
        unreadCount: sql`${tickets.unreadCount} + 1`,
        lastMessageAt: nowInSet,
        lastCustomerMessageAt: nowInSet,
        // The response SLA runs from the first message nobody has answered yet.
        awaitingReplySince: sql`coalesce(${tickets.awaitingReplySince}, ${nowInSet})`,
        // greatest() skips a NULL `raise`; the enum sorts low < medium < high < urgent.
        priority: sql`greatest(${tickets.priority}, ${param('raise')}::ticket_priority)`,
        updatedAt: nowInSet,
      })
      // The status test is literal, as in the partial unique index: a generic plan can then use it.
      .where(and(eq(tickets.chatId, chatOf(by)), sql`${tickets.status} in ('pending', 'assigned')`))
      .returning({
        ...getTableColumns(tickets),
        // Written out: Drizzle leaves the table off columns in RETURNING, and "id" would be the sub-select's.
        agentName: sql<string | null>`(select "users"."name" from "users" where "users"."id" = "tickets"."assigned_agent_id")`,
        priorityBefore: sql<TicketRow['priority']>`(select "before"."priority" from "tickets" as "before" where "before"."id" = "tickets"."id")`,
      }),
  );
}

export const touchOpenTicketBy = { phone: touchOpenTicket('phone'), lid: touchOpenTicket('lid'), chat: touchOpenTicket('chat') };

/** `media` and `raw` are JSON text or null (jsonOrNull): SQL NULL stays NULL. */
export const insertInboundMessage = preparedOnce<MessageRow[]>('ingest_message', (db) =>
  db
    .insert(messages)
    .values({
      channelId: param('channelId'),
      chatId: param('chatId'),
      ticketId: param('ticketId'),
      direction: 'in',
      sender: 'customer',
      text: param('text'),
      kind: param('kind'),
      media: sql`${param('media')}::jsonb`,
      raw: sql`${param('raw')}::jsonb`,
      stub: param('stub'),
      externalId: param('externalId'),
      status: 'delivered',
      sentAt: param('sentAt'),
      createdAt: param('now'),
      updatedAt: param('now'),
    })
    .onConflictDoNothing({ target: [messages.channelId, messages.externalId] })
    .returning(),
);

/** A message's row id by its channel's id for it: lets a statement sent right behind the message's insert name it. */
export const messageIdOf = (channelId: unknown, externalId: unknown) =>
  sql`(select ${messages.id} from ${messages} where ${messages.channelId} = ${channelId} and ${messages.externalId} = ${externalId})`;

export const insertCreatedEvent = preparedOnce<unknown>('ingest_created_event', (db) =>
  db.insert(ticketEvents).values({
    ticketId: param('ticketId'),
    type: 'created',
    data: sql`jsonb_build_object('priority', ${param('priority')}::text, 'message_id', ${messageIdOf(param('channelId'), param('externalId'))})`,
    createdAt: param('now'),
  }),
);

export const setChatAgentMode = preparedOnce<unknown>('ingest_chat_agent_mode', (db) =>
  db.update(chats).set({ mode: 'agent' }).where(eq(chats.id, param('chatId'))),
);

export const insertBotMessage = preparedOnce<MessageRow[]>('ingest_bot_message', (db) =>
  db
    .insert(messages)
    .values({
      channelId: param('channelId'),
      chatId: param('chatId'),
      ticketId: param('ticketId'),
      direction: 'out',
      sender: 'bot',
      text: param('text'),
      status: 'queued',
      // Leased to this process's outbox, or null and 0 when it is left for the outbox to lease.
      nextAttemptAt: timeParam('leaseUntil'),
      attempts: param('attempts'),
      createdAt: param('now'),
      updatedAt: param('now'),
    })
    .returning(),
);
