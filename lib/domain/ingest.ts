import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { type ChannelRow, chats, messages, ticketEvents, tickets, users } from '../db/schema';
import { describeAttachment, type MessageAttachment, type MessageKind } from './attachments';
import { resolveContact } from './contacts';
import { publishTickets, upgradeOrDuplicate } from './ingest-duplicate';
import type { DomainContext } from './context';
import type { CustomerAddress } from './jid';
import { presentMessage, presentTicket } from './presenters';
import { type BotSettings, getCachedBotSettings } from './settings';
import type { MessageView, TicketPriority, TicketView } from './views';

export type ChannelRef = Pick<ChannelRow, 'id' | 'name' | 'kind'>;

export interface InboundMessage {
  channel: ChannelRef;
  /** The message id the channel gave it: the idempotency key within the channel. */
  externalId: string;
  from: CustomerAddress;
  name?: string | null;
  text: string;
  kind?: MessageKind;
  attachment?: MessageAttachment | null;
  /** The channel's own form of the message, kept for retries, quotes and media re-downloads. */
  raw?: unknown;
  /** WhatsApp could not decrypt it yet: stored now, upgraded when the content arrives. */
  stub?: boolean;
  sentAt?: Date;
  priority?: TicketPriority;
}

export interface IngestResult {
  duplicate: boolean;
  ticketCreated: boolean;
  ticket: TicketView;
  message: MessageView;
  botReply: MessageView | null;
}

const OPEN = ['pending', 'assigned'] as const;
const PREVIEW_LENGTH = 160;

class DuplicateDelivery extends Error {}

/**
 * A customer message, stored with its contact, chat and open ticket in one transaction.
 * The chat row upsert locks the chat, so concurrent messages from one customer queue up
 * behind each other; the partial unique index on open tickets backs that up.
 */
export async function ingestInboundMessage(ctx: DomainContext, input: InboundMessage): Promise<IngestResult> {
  const now = ctx.clock.now();
  const bot = await getCachedBotSettings(ctx.db);
  let outcome: Awaited<ReturnType<typeof writeInbound>>;
  try {
    outcome = await ctx.db.transaction((tx) => writeInbound(tx as Database, input, bot, now));
  } catch (error) {
    if (error instanceof DuplicateDelivery) return upgradeOrDuplicate(ctx, input);
    throw error;
  }
  const { ticketRow, agentName, contact, messageRow, ticketCreated, modeBefore, botRow, changedTicketIds } = outcome;
  // Everything the view needs was read or written in the transaction: no second read.
  const ticket = presentTicket({
    ticket: ticketRow,
    customerName: contact.name,
    customerPhone: contact.phone,
    channelName: input.channel.name,
    channelKind: input.channel.kind,
    agentName,
  });
  const message = presentMessage(messageRow);
  const botReply = botRow ? presentMessage(botRow) : null;

  const log = ctx.logger;
  if (ticketCreated) {
    log.info({ ticketId: ticket.id, chatId: ticket.chat_id, priority: ticket.priority }, 'ticket created');
    if (modeBefore === 'bot') log.info({ chatId: ticket.chat_id, from: 'bot', to: 'agent' }, 'chat mode changed');
  }
  if (modeBefore === 'agent') {
    log.info({ chatId: ticket.chat_id, ticketId: ticket.id, messageId: message.id }, 'bot skipped: chat is in agent mode');
  }

  await publishTickets(ctx, changedTicketIds.filter((id) => id !== ticket.id));
  ctx.bus.publish(
    ticketCreated ? { type: 'ticket.created', ticket } : { type: 'ticket.updated', ticket, scope: 'activity' },
  );
  ctx.bus.publish({ type: 'message.created', message, assigneeId: ticket.assigned_agent_id });
  if (botReply) {
    ctx.bus.publish({ type: 'message.created', message: botReply, assigneeId: ticket.assigned_agent_id });
    ctx.bus.publish({ type: 'outbound.queued', messageId: botReply.id, channelId: botReply.channel_id, chatId: botReply.chat_id });
  }
  return { duplicate: false, ticketCreated, ticket, message, botReply };
}

async function writeInbound(tx: Database, input: InboundMessage, bot: BotSettings, now: Date) {
  const { from } = input;
  const channelId = input.channel.id;
  const name = input.name?.trim() || null;
  const { contact, changedTicketIds } = await resolveContact(tx, channelId, from, name, now);
  const kind = input.kind ?? 'text';
  const attachment = input.attachment ?? null;

  const [chat] = await tx
    .insert(chats)
    .values({ channelId, contactId: contact.id, lastMessageAt: now })
    .onConflictDoUpdate({ target: chats.contactId, set: { lastMessageAt: now } })
    .returning();
  if (!chat) throw new Error('chat upsert returned nothing');
  const modeBefore = chat.mode;

  const [open] = await tx
    .select({ ticket: tickets, agentName: users.name })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.assignedAgentId))
    .where(and(eq(tickets.chatId, chat.id), inArray(tickets.status, OPEN)))
    .limit(1);
  let ticketRow = open?.ticket;
  const agentName = open?.agentName ?? null;
  let ticketCreated = false;
  if (!ticketRow) {
    [ticketRow] = await tx
      .insert(tickets)
      .values({
        chatId: chat.id,
        channelId,
        contactId: contact.id,
        priority: input.priority ?? 'medium',
        preview: (input.text || describeAttachment(kind, attachment)).slice(0, PREVIEW_LENGTH),
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
    if (!ticketRow) throw new Error(`chat ${chat.id} already has an open ticket`);
    ticketCreated = true;
  } else {
    [ticketRow] = await tx
      .update(tickets)
      .set({
        unreadCount: sql`${tickets.unreadCount} + 1`,
        lastMessageAt: now,
        lastCustomerMessageAt: now,
        // The clock of the response SLA starts at the first message nobody has answered yet.
        awaitingReplySince: sql`coalesce(${tickets.awaitingReplySince}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(eq(tickets.id, ticketRow.id))
      .returning();
    if (!ticketRow) throw new Error('ticket update returned nothing');
  }

  const [messageRow] = await tx
    .insert(messages)
    .values({
      channelId,
      chatId: chat.id,
      ticketId: ticketRow.id,
      direction: 'in',
      sender: 'customer',
      text: input.text,
      kind,
      media: attachment,
      raw: input.raw ?? null,
      stub: input.stub ?? false,
      externalId: input.externalId,
      status: 'delivered',
      sentAt: input.sentAt ?? now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [messages.channelId, messages.externalId] })
    .returning();
  if (!messageRow) throw new DuplicateDelivery();

  let botRow: typeof messageRow | null = null;
  if (ticketCreated) {
    await tx.insert(ticketEvents).values({
      ticketId: ticketRow.id,
      type: 'created',
      data: { priority: ticketRow.priority, message_id: messageRow.id },
      createdAt: now,
    });
    if (modeBefore === 'bot') {
      await tx.update(chats).set({ mode: 'agent' }).where(eq(chats.id, chat.id));
      if (bot.ack_enabled) {
        botRow = await queueAcknowledgement(tx, { channelId, chatId: chat.id, ticketId: ticketRow.id }, bot.ack_text, now);
      }
    }
  }
  return { ticketRow, agentName, contact, messageRow, ticketCreated, modeBefore, botRow, changedTicketIds };
}

async function queueAcknowledgement(
  tx: Database,
  target: { channelId: number; chatId: number; ticketId: number },
  text: string,
  now: Date,
) {
  const [row] = await tx
    .insert(messages)
    .values({
      ...target,
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
