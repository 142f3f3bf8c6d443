import { eq, sql } from 'drizzle-orm';
import { allInOrder } from '../db/all-in-order';
import type { Database } from '../db/client';
import { type ChatRow, type ContactRow, ticketEvents, tickets, type TicketRow } from '../db/schema';
import { isOpen } from './business-hours';
import { resolveContact } from './contacts';
import {
  insertBotMessage,
  insertCreatedEvent,
  insertTicket,
  messageIdOf,
  type TouchedTicket,
  touchOpenTicketBy,
  upsertChatBy,
  upsertContactByLid,
  upsertContactByPhone,
} from './ingest-statements';
import type { CustomerAddress } from './jid';
import { isHigher, type KeywordHit } from './keyword-match';
import type { IngestRules } from './ingest-rules';
import type { TicketPriority } from './views';

export interface TicketOutcome {
  ticket: TicketRow;
  agentName: string | null;
  created: boolean;
}

export type OpenedTicket = TicketOutcome & { hit: KeywordHit | null; priorityBefore: TicketPriority };

export interface LockedChat {
  contact: ContactRow;
  chat: ChatRow;
  /** The chat's open ticket with this message counted on it, or null when it has none. */
  touched: TouchedTicket | null;
  changedTicketIds: number[];
}

/**
 * The customer's contact and chat, upserted (the chat row stays locked to the end of the
 * transaction, so a customer's messages queue behind each other), and the chat's open ticket
 * touched by this message. From one address (nearly every message), the three statements go
 * in one round trip: the later two find the contact and chat by the address. From two, the
 * contacts may have to be merged first, so they run one after another.
 */
export async function lockChatAndTouch(
  tx: Database,
  input: { channelId: number; address: CustomerAddress; name: string | null; raise: TicketPriority | null },
  now: Date,
): Promise<LockedChat> {
  const { channelId, address, name, raise } = input;
  const nowText = now.toISOString();
  const by = address.phoneJid && address.lidJid ? null : address.phoneJid ? 'phone' : address.lidJid ? 'lid' : null;
  if (by) {
    const keys = { channelId, phone: address.phone ?? null, phoneJid: address.phoneJid ?? null, lidJid: address.lidJid ?? null, name, now, nowText, raise };
    const [[contact], [chat], [touched]] = await allInOrder([
      (by === 'phone' ? upsertContactByPhone : upsertContactByLid)(tx, keys),
      upsertChatBy[by](tx, keys),
      touchOpenTicketBy[by](tx, keys),
    ] as const);
    if (!contact || !chat) throw new Error('contact or chat upsert returned nothing');
    return { contact, chat, touched: touched ?? null, changedTicketIds: [] };
  }
  const { contact, changedTicketIds } = await resolveContact(tx, channelId, address, name, now);
  const [chat] = await upsertChatBy.contact(tx, { channelId, contactId: contact.id, now, nowText });
  if (!chat) throw new Error('chat upsert returned nothing');
  const [touched] = await touchOpenTicketBy.chat(tx, { chatId: chat.id, raise, nowText });
  return { contact, chat, touched: touched ?? null, changedTicketIds };
}

/** The open ticket this message joined: a keyword counts as a hit only if it raised the priority. */
export function joinedTicket(touched: TouchedTicket, hit: KeywordHit | null): OpenedTicket {
  const { agentName, priorityBefore, ...ticket } = touched;
  const raised = hit && isHigher(hit.rule.priority, priorityBefore) ? hit : null;
  return { ticket, agentName, created: false, hit: raised, priorityBefore };
}

/**
 * A new ticket for a chat that has none open. The chat row is locked, so no other message of
 * this customer can open one meanwhile; the unique index on open tickets backs that up. A
 * keyword rule sets its priority (above the channel's, never below).
 */
export async function openTicket(
  tx: Database,
  input: { chat: ChatRow; channelId: number; contactId: number; preview: string; priority?: TicketPriority },
  hit: KeywordHit | null,
  now: Date,
): Promise<OpenedTicket> {
  const base = input.priority ?? 'medium';
  const priority = hit && isHigher(hit.rule.priority, base) ? hit.rule.priority : base;
  const [ticket] = await insertTicket(tx, { chatId: input.chat.id, channelId: input.channelId, contactId: input.contactId, priority, preview: input.preview, now });
  if (!ticket) throw new Error(`chat ${input.chat.id} already has an open ticket`);
  return { ticket, agentName: null, created: true, hit: priority === base ? null : hit, priorityBefore: base };
}

/**
 * A new ticket's "created" timeline entry. It names its first message by the message's channel
 * id, so it can be sent in the same round trip as the message's insert, right behind it.
 */
export function recordTicketCreated(
  tx: Database,
  input: { ticket: TicketRow; priorityBefore: TicketPriority; channelId: number; externalId: string },
  now: Date,
) {
  return insertCreatedEvent(tx, {
    ticketId: input.ticket.id,
    priority: input.priorityBefore,
    channelId: input.channelId,
    externalId: input.externalId,
    now,
  });
}

/** A keyword that set or raised the priority leaves its own entry, naming the word (and, like "created", the message). */
export async function recordKeywordHit(
  tx: Database,
  input: { ticket: TicketRow; hit: KeywordHit; priorityBefore: TicketPriority; channelId: number; externalId: string },
  now: Date,
) {
  const { hit } = input;
  const data = { from: input.priorityBefore, to: hit.rule.priority, reason: 'keyword', keyword: hit.matched, rule_id: hit.rule.id };
  await tx.insert(ticketEvents).values({
    ticketId: input.ticket.id,
    type: 'priority_changed',
    data: sql`${JSON.stringify(data)}::jsonb || jsonb_build_object('message_id', ${messageIdOf(input.channelId, input.externalId)})`,
    createdAt: now,
  });
}

/** The bot's reply leased at its insert to the outbox that will send it (./outbound-direct.ts). */
export interface BotLease {
  until: Date;
}

/**
 * What the bot says, at most one message: the acknowledgement of a new ticket, or, outside
 * business hours, the out-of-hours notice (once per ticket). Never to a chat already in agent
 * mode, except that notice.
 */
export async function queueBotReply(
  tx: Database,
  target: { channelId: number; chatId: number; ticket: TicketRow; created: boolean; chatWasBot: boolean },
  rules: IngestRules,
  now: Date,
  lease: BotLease | null,
) {
  const closed = !isOpen(now, rules.businessHours);
  let text: string | null = null;
  if (closed && !target.ticket.outOfHoursNotifiedAt) {
    text = rules.businessHours.out_of_hours_text;
    await tx.update(tickets).set({ outOfHoursNotifiedAt: now }).where(eq(tickets.id, target.ticket.id));
    await tx.insert(ticketEvents).values({ ticketId: target.ticket.id, type: 'out_of_hours', createdAt: now });
  } else if (target.created && target.chatWasBot && rules.bot.ack_enabled) {
    text = rules.bot.ack_text;
  }
  if (!text) return null;
  const [row] = await insertBotMessage(tx, {
    channelId: target.channelId,
    chatId: target.chatId,
    ticketId: target.ticket.id,
    text,
    now,
    leaseUntil: lease ? lease.until.toISOString() : null,
    attempts: lease ? 1 : 0,
  });
  return row ?? null;
}
