import type { Database } from '../db/client';
import { allInOrder } from '../db/all-in-order';
import { pipelinedTransaction } from '../db/pipelined-transaction';
import { jsonOrNull } from '../db/prepared';
import type { ChannelRow } from '../db/schema';
import { describeAttachment, type MessageAttachment, type MessageKind } from './attachments';
import type { DomainContext } from './context';
import { publishTickets, upgradeOrDuplicate } from './ingest-duplicate';
import { type IngestRules, loadIngestRules } from './ingest-rules';
import { insertInboundMessage, setChatAgentMode } from './ingest-statements';
import { joinedTicket, lockChatAndTouch, openTicket, queueBotReply, recordKeywordHit, recordTicketCreated } from './ingest-ticket';
import { matchKeywords } from './keyword-match';
import type { CustomerAddress } from './jid';
import { presentMessage, presentTicket } from './presenters';
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

const PREVIEW_LENGTH = 160;

class DuplicateDelivery extends Error {}

/**
 * A customer message, stored with its contact, chat and open ticket in one transaction.
 * The chat row upsert locks the chat, so concurrent messages from one customer queue up
 * behind each other; the partial unique index on open tickets backs that up.
 */
export async function ingestInboundMessage(ctx: DomainContext, input: InboundMessage): Promise<IngestResult> {
  const now = ctx.clock.now();
  const rules = await loadIngestRules(ctx.db);
  let outcome: Awaited<ReturnType<typeof writeInbound>>;
  try {
    outcome = await pipelinedTransaction(ctx.db, (tx) => writeInbound(tx, input, rules, now));
  } catch (error) {
    if (error instanceof DuplicateDelivery) return upgradeOrDuplicate(ctx, input);
    throw error;
  }
  const { opened, contact, messageRow, modeBefore, botRow, changedTicketIds } = outcome;
  // Everything the view needs was read or written in the transaction: no second read.
  const ticket = presentTicket({
    ticket: opened.ticket,
    customerName: contact.name,
    customerPhone: contact.phone,
    channelName: input.channel.name,
    channelKind: input.channel.kind,
    agentName: opened.agentName,
  });
  const message = presentMessage(messageRow);
  const botReply = botRow ? presentMessage(botRow) : null;

  const log = ctx.logger;
  if (opened.created) {
    log.info({ ticketId: ticket.id, chatId: ticket.chat_id, priority: ticket.priority }, 'ticket created');
    if (modeBefore === 'bot') log.info({ chatId: ticket.chat_id, from: 'bot', to: 'agent' }, 'chat mode changed');
  }
  if (opened.hit) {
    log.info({ ticketId: ticket.id, keyword: opened.hit.matched, priority: ticket.priority }, 'priority set by keyword');
  }
  if (modeBefore === 'agent') {
    log.info({ chatId: ticket.chat_id, ticketId: ticket.id, messageId: message.id }, 'bot skipped: chat is in agent mode');
  }

  await publishTickets(ctx, changedTicketIds.filter((id) => id !== ticket.id));
  if (opened.created) ctx.bus.publish({ type: 'ticket.created', ticket });
  // A keyword that raised the priority moves the ticket in everyone's queue.
  else ctx.bus.publish({ type: 'ticket.updated', ticket, scope: opened.hit ? 'lifecycle' : 'activity' });
  ctx.bus.publish({ type: 'message.created', message, assigneeId: ticket.assigned_agent_id });
  if (botReply) {
    ctx.bus.publish({ type: 'message.created', message: botReply, assigneeId: ticket.assigned_agent_id });
    ctx.bus.publish({ type: 'outbound.queued', messageId: botReply.id, channelId: botReply.channel_id, chatId: botReply.chat_id });
  }
  return { duplicate: false, ticketCreated: opened.created, ticket, message, botReply };
}

async function writeInbound(tx: Database, input: InboundMessage, rules: IngestRules, now: Date) {
  const channelId = input.channel.id;
  const name = input.name?.trim() || null;
  const kind = input.kind ?? 'text';
  const attachment = input.attachment ?? null;
  const hit = input.text ? matchKeywords(input.text, rules.keywords) : null;

  const { contact, chat, touched, changedTicketIds } = await lockChatAndTouch(
    tx,
    { channelId, address: input.from, name, raise: hit?.rule.priority ?? null },
    now,
  );
  const modeBefore = chat.mode;
  const opened = touched
    ? joinedTicket(touched, hit)
    : await openTicket(
        tx,
        {
          chat,
          channelId,
          contactId: contact.id,
          preview: (input.text || describeAttachment(kind, attachment)).slice(0, PREVIEW_LENGTH),
          priority: input.priority,
        },
        hit,
        now,
      );

  // The message and what does not need its row id leave together: one round trip, in order
  // (the bot's reply is inserted after the customer's message, so it sorts after it).
  const [[messageRow], , , , botRow] = await allInOrder([
    insertInboundMessage(tx, {
      channelId,
      chatId: chat.id,
      ticketId: opened.ticket.id,
      text: input.text,
      kind,
      media: jsonOrNull(attachment),
      raw: jsonOrNull(input.raw),
      stub: input.stub ?? false,
      externalId: input.externalId,
      sentAt: input.sentAt ?? now,
      now,
    }),
    // Timeline order: created, the keyword's priority, then (from the bot) out of hours.
    opened.created ? recordTicketCreated(tx, { ...opened, channelId, externalId: input.externalId }, now) : null,
    opened.hit ? recordKeywordHit(tx, { ...opened, hit: opened.hit, channelId, externalId: input.externalId }, now) : null,
    opened.created && modeBefore === 'bot' ? setChatAgentMode(tx, { chatId: chat.id }) : null,
    queueBotReply(
      tx,
      { channelId, chatId: chat.id, ticket: opened.ticket, created: opened.created, chatWasBot: modeBefore === 'bot' },
      rules,
      now,
    ),
  ] as const);
  if (!messageRow) throw new DuplicateDelivery();
  return { opened, contact, messageRow, modeBefore, botRow, changedTicketIds };
}
