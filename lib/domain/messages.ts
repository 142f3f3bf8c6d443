import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chats, messages, tickets, users } from '../db/schema';
import type { Actor, DomainContext } from './context';
import type { MediaAttachment } from './attachments';
import { badRequest, conflict, forbidden, notFound } from './errors';
import { presentMessage } from './presenters';
import { canActOnTicket, getTicketFor } from './tickets';
import { getTicketView } from './ticket-views';
import type { MessageView, TicketView } from './views';
import { isUniqueViolation } from '../db/errors';

export const MAX_TEXT_LENGTH = 4096;

function selectMessageViews(db: Database) {
  return db
    .select({ message: messages, authorName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId));
}

export async function listTicketMessages(ctx: DomainContext, { ticketId, actor }: { ticketId: number; actor: Actor }) {
  await getTicketFor(ctx, actor, ticketId);
  const rows = await selectMessageViews(ctx.db).where(eq(messages.ticketId, ticketId)).orderBy(asc(messages.id));
  return rows.map((row) => presentMessage(row.message, row.authorName));
}

export async function getMessageView(db: Database, messageId: number): Promise<MessageView | null> {
  const [row] = await selectMessageViews(db).where(eq(messages.id, messageId)).limit(1);
  return row ? presentMessage(row.message, row.authorName) : null;
}

export interface ReplyInput {
  ticketId: number;
  actor: Actor;
  /** The message, or the caption of an attachment. */
  text: string;
  /** A stored file to send (image, video, audio, document). */
  attachment?: MediaAttachment | null;
  /** The browser's id for an optimistic bubble; a repeated id returns the first reply. */
  clientId?: string;
}

/** A reply is stored (queued) before anything is sent: the outbox hands it to the channel after commit. */
export async function createReply(ctx: DomainContext, input: ReplyInput): Promise<MessageView> {
  const { ticketId, actor } = input;
  const now = ctx.clock.now();
  if (!input.text.trim() && !input.attachment) throw badRequest('A reply needs text or an attachment.');
  const ticket = await getTicketView(ctx.db, ticketId);
  if (!ticket) throw notFound('Ticket');
  if (!canActOnTicket(actor, ticket)) throw forbidden('Only the assigned agent or a supervisor can reply to this ticket.');
  if (ticket.status === 'resolved') throw conflict('ticket_resolved', 'This ticket is resolved; the customer’s next message opens a new one.');

  if (input.clientId) {
    const existing = await findByClientId(ctx.db, ticket.chat_id, input.clientId);
    if (existing) return existing;
  }

  let row: typeof messages.$inferSelect;
  try {
    row = await writeReply(ctx.db, input, ticket, now);
  } catch (error) {
    // Two submissions of one client id raced: the loser returns the winner's message.
    if (input.clientId && isUniqueViolation(error)) {
      const existing = await findByClientId(ctx.db, ticket.chat_id, input.clientId);
      if (existing) return existing;
    }
    throw error;
  }

  const message = presentMessage(row, actor.name);
  ctx.bus.publish({ type: 'message.created', message, assigneeId: ticket.assigned_agent_id });
  ctx.bus.publish({ type: 'outbound.queued', messageId: message.id, channelId: message.channel_id, chatId: message.chat_id });
  // Last activity, first response and unread moved: the assignee's list and supervisors follow.
  const fresh = await getTicketView(ctx.db, ticketId);
  if (fresh) ctx.bus.publish({ type: 'ticket.updated', ticket: fresh, scope: 'activity' });
  return message;
}

async function writeReply(db: Database, input: ReplyInput, ticket: TicketView, now: Date) {
  const { ticketId, actor } = input;
  return db.transaction(async (tx) => {
    // Chat row first, then the ticket: the order ingest locks them in, so a reply racing a
    // customer message waits instead of deadlocking.
    await tx.update(chats).set({ lastMessageAt: now }).where(eq(chats.id, ticket.chat_id));
    const [updated] = await tx
      .update(tickets)
      .set({
        firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${now.toISOString()}::timestamptz)`,
        lastMessageAt: now,
        unreadCount: 0,
        awaitingReplySince: null,
        updatedAt: now,
      })
      .where(and(eq(tickets.id, ticketId), sql`${tickets.status} <> 'resolved'`))
      .returning({ assignedAgentId: tickets.assignedAgentId });
    if (!updated) throw conflict('ticket_resolved', 'This ticket was resolved a moment ago.');
    if (actor.role === 'agent' && updated.assignedAgentId !== actor.id) {
      throw forbidden('This ticket was just given to another agent.');
    }
    const [inserted] = await tx
      .insert(messages)
      .values({
        channelId: ticket.channel_id,
        chatId: ticket.chat_id,
        ticketId,
        direction: 'out',
        sender: 'agent',
        authorId: actor.id,
        text: input.text,
        kind: input.attachment?.kind ?? 'text',
        media: input.attachment ?? null,
        clientId: input.clientId ?? null,
        status: 'queued',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('reply insert returned nothing');
    return inserted;
  });
}

async function findByClientId(db: Database, chatId: number, clientId: string) {
  const [existing] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.clientId, clientId)))
    .limit(1);
  return existing ? getMessageView(db, existing.id) : null;
}

/** A failed message goes back into the outbox, by hand, from the chat pane. */
export async function retryMessage(ctx: DomainContext, { messageId, actor }: { messageId: number; actor: Actor }) {
  const now = ctx.clock.now();
  const current = await getMessageView(ctx.db, messageId);
  if (!current || current.direction !== 'out') throw notFound('Message');
  const ticket = current.ticket_id ? await getTicketView(ctx.db, current.ticket_id) : null;
  if (!ticket) throw notFound('Ticket');
  if (!canActOnTicket(actor, ticket)) throw forbidden('Only the assigned agent or a supervisor can retry this message.');
  const [row] = await ctx.db
    .update(messages)
    .set({ status: 'queued', error: null, nextAttemptAt: null, updatedAt: now })
    .where(and(eq(messages.id, messageId), eq(messages.status, 'failed')))
    .returning();
  if (!row) throw conflict('message_not_failed', 'Only a failed message can be retried.');
  const message = presentMessage(row, current.author_name);
  ctx.bus.publish({ type: 'message.updated', message, assigneeId: ticket.assigned_agent_id });
  ctx.bus.publish({ type: 'outbound.queued', messageId, channelId: row.channelId, chatId: row.chatId });
  return message;
}

/** A message's stored file, for someone allowed to see its ticket. */
export async function getMessageFile(ctx: DomainContext, { messageId, actor }: { messageId: number; actor: Actor }) {
  const [row] = await ctx.db.select({ ticketId: messages.ticketId, media: messages.media }).from(messages).where(eq(messages.id, messageId));
  if (!row?.ticketId) throw notFound('Message');
  await getTicketFor(ctx, actor, row.ticketId);
  const media = row.media;
  if (media?.type !== 'media' || media.status !== 'ready' || !media.path) throw notFound('File');
  return { path: media.path, mimetype: media.mimetype, fileName: media.file_name, kind: media.kind };
}
