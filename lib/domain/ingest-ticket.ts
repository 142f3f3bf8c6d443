import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { type ChatRow, ticketEvents, tickets, type TicketRow } from '../db/schema';
import { isOpen } from './business-hours';
import { insertBotMessage, insertCreatedEvent, insertTicket, messageIdOf, selectOpenTicket, touchOpenTicket } from './ingest-statements';
import { isHigher, type KeywordHit, matchKeywords } from './keyword-match';
import type { IngestRules } from './ingest-rules';
import type { TicketPriority } from './views';

export interface TicketOutcome {
  ticket: TicketRow;
  agentName: string | null;
  created: boolean;
}

/**
 * The chat's open ticket, or a new one. Runs inside ingest's transaction with the chat row
 * locked, so two first messages of one customer can never both create one. A keyword rule
 * sets a new ticket's priority, and can raise (never lower) an open ticket's.
 */
export async function openOrJoinTicket(
  tx: Database,
  input: { chat: ChatRow; channelId: number; contactId: number; text: string; preview: string; priority?: TicketPriority },
  rules: IngestRules,
  now: Date,
): Promise<TicketOutcome & { hit: KeywordHit | null; priorityBefore: TicketPriority }> {
  const hit = input.text ? matchKeywords(input.text, rules.keywords) : null;
  const base = input.priority ?? 'medium';
  const priority = hit && isHigher(hit.rule.priority, base) ? hit.rule.priority : base;
  const open = async () => {
    const [ticket] = await insertTicket(tx, { chatId: input.chat.id, channelId: input.channelId, contactId: input.contactId, priority, preview: input.preview, now });
    return ticket ? { ticket, agentName: null, created: true, hit: priority === base ? null : hit, priorityBefore: base } : null;
  };

  // A chat the bot holds has no open ticket as a rule (opening one hands the chat to the agents,
  // resolving hands it back), so its message tries the insert first: one round trip, not two.
  // The unique index on open tickets decides; when it refuses, the open ticket is joined.
  if (input.chat.mode === 'bot') {
    const opened = await open();
    if (opened) return opened;
  }
  const [current] = await selectOpenTicket(tx, { chatId: input.chat.id });
  if (!current) {
    const opened = await open();
    if (!opened) throw new Error(`chat ${input.chat.id} already has an open ticket`);
    return opened;
  }

  const raise = hit && isHigher(hit.rule.priority, current.ticket.priority) ? hit.rule.priority : null;
  const [ticket] = await touchOpenTicket(tx, { ticketId: current.ticket.id, raise, nowText: now.toISOString() });
  if (!ticket) throw new Error('ticket update returned nothing');
  return { ticket, agentName: current.agentName, created: false, hit: raise ? hit : null, priorityBefore: current.ticket.priority };
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
  const [row] = await insertBotMessage(tx, { channelId: target.channelId, chatId: target.chatId, ticketId: target.ticket.id, text, now });
  return row ?? null;
}
