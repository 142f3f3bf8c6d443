import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { MessageAttachment } from '../domain/attachments';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const userRole = pgEnum('user_role', ['agent', 'supervisor', 'admin']);
export const channelKind = pgEnum('channel_kind', ['simulator', 'gateway', 'baileys', 'cloud']);
export const chatMode = pgEnum('chat_mode', ['bot', 'agent']);
export const ticketStatus = pgEnum('ticket_status', ['pending', 'assigned', 'resolved']);
// Declaration order is the sort order: ORDER BY priority DESC puts urgent first.
export const ticketPriority = pgEnum('ticket_priority', ['low', 'medium', 'high', 'urgent']);
export const messageDirection = pgEnum('message_direction', ['in', 'out']);
export const messageSender = pgEnum('message_sender', ['customer', 'agent', 'bot', 'system']);
export const messageStatus = pgEnum('message_status', ['queued', 'sent', 'delivered', 'read', 'failed']);
export const ticketEventType = pgEnum('ticket_event_type', [
  'created',
  'claimed',
  'released',
  'transferred',
  'escalated',
  'priority_changed',
  'resolved',
  'reopened',
  'sla_warning',
  'sla_breached',
  'assigned',
  'out_of_hours',
]);

/** online: a tab is open; away: the agent said so; offline: no tab for longer than the grace period. */
export const presenceStatus = pgEnum('presence_status', ['online', 'away', 'offline']);

// Column keys follow better-auth's field names (it reads and writes these four tables).
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  role: userRole('role').notNull().default('agent'),
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: at('ban_expires'),
  /** Most open tickets this agent may hold; null = no limit. */
  capacity: integer('capacity'),
  presence: presenceStatus('presence').notNull().default('offline'),
  presenceChangedAt: at('presence_changed_at'),
  /** Last time a tab of theirs was connected (kept fresh by a heartbeat). */
  lastSeenAt: at('last_seen_at'),
  /** For round-robin among equally free agents. */
  lastAssignedAt: at('last_assigned_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    token: text('token').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: at('expires_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    impersonatedBy: integer('impersonated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: at('access_token_expires_at'),
    refreshTokenExpiresAt: at('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = pgTable('verifications', {
  id: serial('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: at('expires_at').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Only the SHA-256 of the token is stored; the token itself is shown once.
    tokenHash: text('token_hash').notNull().unique(),
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

export const channels = pgTable('channels', {
  id: serial('id').primaryKey(),
  kind: channelKind('kind').notNull(),
  name: text('name').notNull().unique(),
  /** simulator/gateway: always `connected`. WhatsApp: see ChannelStatus in domain/views.ts. */
  status: text('status').notNull().default('connected'),
  statusReason: text('status_reason'),
  statusAt: at('status_at'),
  /** The linked WhatsApp number (digits), once connected. */
  phone: text('phone'),
  settings: jsonb('settings').notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// Baileys credentials and signal keys, one row per key, so a linked number lives in the
// database (and survives restarts) rather than in files. Creds: type 'creds', key_id ''.
export const waAuth = pgTable(
  'wa_auth',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    keyId: text('key_id').notNull(),
    /** JSON written with Baileys' BufferJSON.replacer. */
    value: text('value').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.type, t.keyId] })],
);

export const contacts = pgTable(
  'contacts',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    phone: text('phone'),
    phoneJid: text('phone_jid'),
    lidJid: text('lid_jid'),
    name: text('name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contacts_channel_phone_jid_uq').on(t.channelId, t.phoneJid),
    uniqueIndex('contacts_channel_lid_jid_uq').on(t.channelId, t.lidJid),
    // Substring search (ILIKE '%…%') in the ticket browser: trigram indexes (pg_trgm).
    index('contacts_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('contacts_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops')),
  ],
);

export const chats = pgTable('chats', {
  id: serial('id').primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id),
  contactId: integer('contact_id')
    .notNull()
    .unique()
    .references(() => contacts.id),
  mode: chatMode('mode').notNull().default('bot'),
  lastMessageAt: at('last_message_at'),
  createdAt: createdAt(),
});

export const tickets = pgTable(
  'tickets',
  {
    id: serial('id').primaryKey(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    status: ticketStatus('status').notNull().default('pending'),
    priority: ticketPriority('priority').notNull().default('medium'),
    assignedAgentId: integer('assigned_agent_id').references(() => users.id),
    preview: text('preview').notNull().default(''),
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: at('last_message_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    assignedAt: at('assigned_at'),
    /** The first claim or assignment ever (set once): waiting and handle times run from here. */
    firstAssignedAt: at('first_assigned_at'),
    firstResponseAt: at('first_response_at'),
    resolvedAt: at('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    /** When it (last) entered the queue: the waiting SLA runs from here. */
    queuedAt: at('queued_at').notNull().defaultNow(),
    /** The customer's oldest message still without an answer; null once answered. */
    awaitingReplySince: at('awaiting_reply_since'),
    lastCustomerMessageAt: at('last_customer_message_at'),
    slaWarnedAt: at('sla_warned_at'),
    slaBreachedAt: at('sla_breached_at'),
    escalatedAt: at('escalated_at'),
    outOfHoursNotifiedAt: at('out_of_hours_notified_at'),
  },
  (t) => [
    // At most one open ticket per chat: concurrent first messages can never make two.
    uniqueIndex('tickets_one_open_per_chat_uq')
      .on(t.chatId)
      .where(sql`${t.status} in ('pending', 'assigned')`),
    index('tickets_queue_idx')
      .on(t.priority.desc(), t.createdAt.asc(), t.id.asc())
      .where(sql`${t.status} = 'pending'`),
    index('tickets_assignee_idx')
      .on(t.assignedAgentId, t.lastMessageAt.desc())
      .where(sql`${t.status} = 'assigned'`),
    index('tickets_status_created_idx').on(t.status, t.createdAt.desc()),
    // The ticket browser pages newest first by (created_at, id); with one agent or channel picked, by those.
    index('tickets_created_id_idx').on(t.createdAt, t.id),
    index('tickets_agent_created_idx').on(t.assignedAgentId, t.createdAt, t.id),
    index('tickets_channel_created_idx').on(t.channelId, t.createdAt, t.id),
    // Text search finds customers first, then their tickets.
    index('tickets_contact_idx').on(t.contactId),
    // Analytics: what was resolved in a range, and by whom.
    index('tickets_resolved_at_idx').on(t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
    index('tickets_resolved_by_idx').on(t.resolvedBy, t.resolvedAt).where(sql`${t.resolvedBy} is not null`),
    index('tickets_waiting_sla_idx').on(t.queuedAt).where(sql`${t.status} = 'pending'`),
    index('tickets_awaiting_reply_idx')
      .on(t.awaitingReplySince)
      .where(sql`${t.status} = 'assigned' and ${t.awaitingReplySince} is not null`),
  ],
);

// Keyword → priority: a customer's words decide how urgent the ticket is.
export const priorityRules = pgTable('priority_rules', {
  id: serial('id').primaryKey(),
  /** Lower case, without accents: matched as whole words. */
  phrase: text('phrase').notNull().unique(),
  priority: ticketPriority('priority').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id),
    ticketId: integer('ticket_id').references(() => tickets.id),
    direction: messageDirection('direction').notNull(),
    sender: messageSender('sender').notNull(),
    authorId: integer('author_id').references(() => users.id),
    text: text('text').notNull().default(''),
    /** text, image, video, audio, voice, document, sticker, location, contact, unsupported */
    kind: text('kind').notNull().default('text'),
    /** Media file, location or contact card, by kind (domain/attachments.ts). */
    media: jsonb('media').$type<MessageAttachment>(),
    /** The channel's own form of the message (WhatsApp: key + content) for retries, quotes, re-downloads. */
    raw: jsonb('raw'),
    /** Sent by the business from the phone, not from Loket. */
    fromPhone: boolean('from_phone').notNull().default(false),
    /** A message WhatsApp could not decrypt yet; upgraded when the content arrives with the same id. */
    stub: boolean('stub').notNull().default(false),
    editedAt: at('edited_at'),
    originalText: text('original_text'),
    deletedAt: at('deleted_at'),
    /** reactor id → emoji */
    reactions: jsonb('reactions').$type<Record<string, string>>().notNull().default({}),
    externalId: text('external_id'),
    clientId: text('client_id'),
    status: messageStatus('status').notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    /** Outbox: not before this time (backoff after a transient failure). */
    nextAttemptAt: at('next_attempt_at'),
    sentAt: at('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A redelivered message is never stored twice.
    uniqueIndex('messages_channel_external_uq').on(t.channelId, t.externalId),
    // A reply submitted twice (double click, network retry) is stored once.
    uniqueIndex('messages_chat_client_uq').on(t.chatId, t.clientId),
    index('messages_ticket_idx').on(t.ticketId, t.id),
    index('messages_chat_idx').on(t.chatId, t.id),
    index('messages_outbox_idx').on(t.channelId, t.id).where(sql`${t.status} = 'queued'`),
    // Search finds what customers and agents wrote; the bot's replies are the same on every ticket
    // (and each one, queued then sent, would cost the index two entries per new ticket).
    index('messages_text_trgm_idx')
      .using('gin', t.text.op('gin_trgm_ops'))
      .where(sql`${t.sender} <> 'bot'`),
  ],
);

export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: serial('id').primaryKey(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    type: ticketEventType('type').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    data: jsonb('data').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

export type WaAuthRow = typeof waAuth.$inferSelect;
export type PriorityRuleRow = typeof priorityRules.$inferSelect;
export type PresenceStatus = (typeof presenceStatus.enumValues)[number];
export type UserRow = typeof users.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type Role = (typeof userRole.enumValues)[number];
export type TicketPriority = (typeof ticketPriority.enumValues)[number];
export type TicketStatus = (typeof ticketStatus.enumValues)[number];
export type MessageStatus = (typeof messageStatus.enumValues)[number];
export type ChannelKind = (typeof channelKind.enumValues)[number];
