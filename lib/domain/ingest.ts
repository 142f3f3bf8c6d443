import type { Database } from '../db/client';
import { createGroupCommit } from '../db/group-commit';
import { perDatabase } from '../db/per-database';
import { pipelinedTransaction } from '../db/pipelined-transaction';
import { writeTogether } from '../db/write-together';
import type { ChannelRow } from '../db/schema';
import type { MessageAttachment, MessageKind } from './attachments';
import type { DomainContext } from './context';
import { publishTickets, upgradeOrDuplicate } from './ingest-duplicate';
import { type IngestRules, loadIngestRules } from './ingest-rules';
import { directLease } from './outbound-direct';
import { DuplicateDelivery, type InboundWrite, type InboundWriteAt, writeInbound } from './ingest-write';
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

interface Submitted {
  ctx: DomainContext;
  input: InboundMessage;
  now: Date;
}

const MAX_BATCH = 32;
/** Writers at once, each with its own connection; a saturated 2-core machine gains nothing from more. */
const MAX_IN_FLIGHT = 2;
const groupOf = perDatabase(() =>
  createGroupCommit<Submitted, IngestResult>({
    keyOf: ({ input: { channel, from } }) =>
      // Both a phone and a LID may merge two contacts, touching other customers' tickets: alone.
      from.phoneJid && from.lidJid ? null : `${channel.id}|${from.phoneJid ?? ''}|${from.lidJid ?? ''}`,
    runAlone: ingestAlone,
    runTogether: ingestTogether,
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
    onFallback: (error, batch) => batch[0]!.ctx.logger.debug({ err: error, size: batch.length }, 'ingest batch written one by one'),
  }),
);

/**
 * A customer message, stored with its contact, chat and open ticket in one transaction.
 * The chat row upsert locks the chat, so concurrent messages from one customer queue up
 * behind each other; the partial unique index on open tickets backs that up. Messages
 * that arrive while the database is busy with others are written together (group commit,
 * lib/db/group-commit.ts), one customer's messages never in one batch.
 */
export function ingestInboundMessage(ctx: DomainContext, input: InboundMessage): Promise<IngestResult> {
  return groupOf(ctx.db).submit({ ctx, input, now: ctx.clock.now() });
}

/** Customer messages this process has received and not yet started writing (the group commit's queue). */
export function ingestWaiting(db: Database): number {
  return groupOf(db).waiting;
}

/** The rules and time a message is written with, and its bot reply's lease if this process's outbox takes it. */
const writeAt = ({ ctx, input, now }: Submitted, rules: IngestRules): InboundWriteAt => ({
  rules,
  now,
  botLease: directLease(ctx.bus, input.channel.id, now),
});

async function ingestAlone(submitted: Submitted): Promise<IngestResult> {
  const { ctx, input } = submitted;
  const at = writeAt(submitted, await loadIngestRules(ctx.db));
  let written: InboundWrite;
  try {
    written = await pipelinedTransaction(ctx.db, (tx) => writeInbound(tx, input, at));
  } catch (error) {
    if (error instanceof DuplicateDelivery) return upgradeOrDuplicate(ctx, input);
    throw error;
  }
  return announceInbound(ctx, input, written);
}

/**
 * Several customers' messages in one transaction (lib/db/write-together.ts). Any failure (a
 * redelivered id, say) rolls all of them back, and they are written alone.
 */
async function ingestTogether(batch: Submitted[]): Promise<IngestResult[]> {
  const { db } = batch[0]!.ctx;
  const rules = await loadIngestRules(db);
  const written = await writeTogether(db, batch, (tx, submitted, step) => writeInbound(tx, submitted.input, writeAt(submitted, rules), step));
  // Batched messages come from one address each: no contact merge, so announcing reads nothing and cannot fail.
  return Promise.all(batch.map(({ ctx, input }, index) => announceInbound(ctx, input, written[index]!)));
}

/** After the commit: the views, the log lines and the events. Everything was read or written in the transaction. */
async function announceInbound(ctx: DomainContext, input: InboundMessage, written: InboundWrite): Promise<IngestResult> {
  const { opened, contact, messageRow, modeBefore, botRow, changedTicketIds } = written;
  const ticket = presentTicket({
    ticket: opened.ticket,
    customerName: contact.name,
    customerPhone: contact.phone,
    channelName: input.channel.name,
    channelKind: input.channel.kind,
    agentName: opened.agentName,
  });
  const message = presentMessage(messageRow);

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
  let botReply: MessageView | null = null;
  if (botRow) {
    botReply = presentMessage(botRow);
    const assigneeId = ticket.assigned_agent_id;
    ctx.bus.publish({ type: 'message.created', message: botReply, assigneeId });
    // Leased at its insert (./outbound-direct.ts): the outbox gets everything it would have read.
    const leasedUntil = botRow.nextAttemptAt;
    const taken = leasedUntil
      ? { leasedUntil, delivery: { message: botReply, channel: input.channel, contact, assigneeId, attempts: botRow.attempts, mediaPath: null } }
      : undefined;
    ctx.bus.publish({ type: 'outbound.queued', messageId: botReply.id, channelId: botReply.channel_id, chatId: botReply.chat_id, ...(taken && { taken }) });
  }
  return { duplicate: false, ticketCreated: opened.created, ticket, message, botReply };
}

