import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { type ChatRow, messages, ticketEvents, tickets, type TicketRow, users } from '../db/schema';
import { isOpen } from './business-hours';
import { isHigher, type KeywordHit, matchKeywords } from './keyword-match';
import type { IngestRules } from './ingest-rules';
import type { TicketPriority } from './views';

const OPEN = ['pending', 'assigned'] as const;

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
  const [open] = await tx
    .select({ ticket: tickets, agentName: users.name })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.assignedAgentId))
    .where(and(eq(tickets.chatId, input.chat.id), inArray(tickets.status, OPEN)))
    .limit(1);
  const hit = input.text ? matchKeywords(input.text, rules.keywords) : null;

  if (!open) {
    const base = input.priority ?? 'medium';
    const priority = hit && isHigher(hit.rule.priority, base) ? hit.rule.priority : base;
    const [ticket] = await tx
      .insert(tickets)
      .values({
        chatId: input.chat.id,
        channelId: input.channelId,
        contactId: input.contactId,
        priority,
        preview: input.preview,
        unreadCount: 1,
        lastMessageAt: now,
        lastCustomerMessageAt: now,
        awaitingReplySince: now,
        queuedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: tickets.chatId, where: sql`status in ('pending', 'assigned')` })
      .returning();
    if (!ticket) throw new Error(`chat ${input.chat.id} already has an open ticket`);
    return { ticket, agentName: null, created: true, hit: priority === base ? null : hit, priorityBefore: base };
  }

  const raise = hit && isHigher(hit.rule.priority, open.ticket.priority) ? hit.rule.priority : null;
  const [ticket] = await tx
    .update(tickets)
    .set({
      unreadCount: sql`${tickets.unreadCount} + 1`,
      lastMessageAt: now,
      lastCustomerMessageAt: now,
      // The response SLA runs from the first message nobody has answered yet.
      awaitingReplySince: sql`coalesce(${tickets.awaitingReplySince}, ${now.toISOString()}::timestamptz)`,
      ...(raise ? { priority: raise } : {}),
      updatedAt: now,
    })
    .where(eq(tickets.id, open.ticket.id))
    .returning();
  if (!ticket) throw new Error('ticket update returned nothing');
  return { ticket, agentName: open.agentName, created: false, hit: raise ? hit : null, priorityBefore: open.ticket.priority };
}

/** The timeline entries a message leaves: created, a keyword's priority, the out-of-hours notice. */
export async function recordTicketEvents(
  tx: Database,
  input: { ticket: TicketRow; created: boolean; messageId: number; hit: KeywordHit | null; priorityBefore: TicketPriority },
  now: Date,
) {
  const rows: (typeof ticketEvents.$inferInsert)[] = [];
  if (input.created) {
    rows.push({ ticketId: input.ticket.id, type: 'created', data: { priority: input.priorityBefore, message_id: input.messageId }, createdAt: now });
  }
  if (input.hit) {
    rows.push({
      ticketId: input.ticket.id,
      type: 'priority_changed',
      data: { from: input.priorityBefore, to: input.hit.rule.priority, reason: 'keyword', keyword: input.hit.matched, rule_id: input.hit.rule.id, message_id: input.messageId },
      createdAt: now,
    });
  }
  if (rows.length) await tx.insert(ticketEvents).values(rows);
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
  const [row] = await tx
    .insert(messages)
    .values({
      channelId: target.channelId,
      chatId: target.chatId,
      ticketId: target.ticket.id,
      direction: 'out',
      sender: 'bot',
      text,
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row ?? null;
}
