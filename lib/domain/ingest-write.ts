import type { Database } from '../db/client';
import { allInOrder } from '../db/all-in-order';
import { jsonOrNull } from '../db/prepared';
import { noWait, type Step } from '../db/write-together';
import { describeAttachment } from './attachments';
import type { InboundMessage } from './ingest';
import type { IngestRules } from './ingest-rules';
import { insertInboundMessage, setChatAgentMode } from './ingest-statements';
import { type BotLease, joinedTicket, lockChatAndTouch, openTicket, queueBotReply, recordKeywordHit, recordTicketCreated } from './ingest-ticket';
import { matchKeywords } from './keyword-match';

const PREVIEW_LENGTH = 160;

/** The message id was stored before: thrown to roll its transaction back. */
export class DuplicateDelivery extends Error {}

export type InboundWrite = Awaited<ReturnType<typeof writeInbound>>;

/** What a message is written with besides itself: the rules, its time, and the bot reply's lease if one is taken. */
export interface InboundWriteAt {
  rules: IngestRules;
  now: Date;
  botLease: BotLease | null;
}

/**
 * A customer message's rows: contact, chat (locked), open ticket, the message, its timeline
 * entries and the bot's reply. Several of these may run at once on one transaction's
 * connection (lib/domain/ingest.ts), each for a different customer: `step` then waits for
 * the others, so each of the three steps leaves for all of them in one write.
 */
export async function writeInbound(tx: Database, input: InboundMessage, at: InboundWriteAt, step: Step = noWait) {
  const { rules, now, botLease } = at;
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
  await step();
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

  await step();
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
      botLease,
    ),
  ] as const);
  if (!messageRow) throw new DuplicateDelivery();
  return { opened, contact, messageRow, modeBefore, botRow, changedTicketIds };
}
