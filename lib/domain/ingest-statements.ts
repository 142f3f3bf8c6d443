import { and, eq, inArray, sql } from 'drizzle-orm';
import { param, preparedOnce, timeParam } from '../db/prepared';
import { chats, contacts, type ContactRow, type ChatRow, messages, ticketEvents, tickets, type MessageRow, type TicketRow, users } from '../db/schema';

// Ingest's statements for the common case (one address, no merge), built once: every
// customer message runs them (lib/db/prepared.ts says why). Values are `sql.placeholder`s;
// the rare paths (contact merges, keyword events, out-of-hours) stay ordinary Drizzle queries.

const nowInSet = timeParam('nowText');
const OPEN = ['pending', 'assigned'] as const;

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

export const upsertChat = preparedOnce<ChatRow[]>('ingest_chat', (db) =>
  db
    .insert(chats)
    .values({ channelId: param('channelId'), contactId: param('contactId'), lastMessageAt: param('now') })
    .onConflictDoUpdate({ target: chats.contactId, set: { lastMessageAt: nowInSet } })
    .returning(),
);

export const selectOpenTicket = preparedOnce<{ ticket: TicketRow; agentName: string | null }[]>('ingest_open_ticket', (db) =>
  db
    .select({ ticket: tickets, agentName: users.name })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.assignedAgentId))
    .where(and(eq(tickets.chatId, param('chatId')), inArray(tickets.status, OPEN)))
    .limit(1),
);

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

/** `raise`: a keyword's higher priority, or null to keep the ticket's (never lowered here). */
export const touchOpenTicket = preparedOnce<TicketRow[]>('ingest_ticket_touch', (db) =>
  db
    .update(tickets)
    .set({
      unreadCount: sql`${tickets.unreadCount} + 1`,
      lastMessageAt: nowInSet,
      lastCustomerMessageAt: nowInSet,
      // The response SLA runs from the first message nobody has answered yet.
      awaitingReplySince: sql`coalesce(${tickets.awaitingReplySince}, ${nowInSet})`,
      priority: sql`coalesce(${param('raise')}::ticket_priority, ${tickets.priority})`,
      updatedAt: nowInSet,
    })
    .where(eq(tickets.id, param('ticketId')))
    .returning(),
);

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
      createdAt: param('now'),
      updatedAt: param('now'),
    })
    .returning(),
);
