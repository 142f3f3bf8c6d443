import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chats, messages, tickets } from '../db/schema';
import type { MessageAttachment, MessageKind } from './attachments';
import { resolveContact } from './contacts';
import type { DomainContext } from './context';
import type { ChannelRef } from './ingest';
import { publishTickets } from './ingest-duplicate';
import type { CustomerAddress } from './jid';
import { presentMessage } from './presenters';
import type { MessageView } from './views';

class AlreadyStored extends Error {}

export interface PhoneMessage {
  channel: ChannelRef;
  externalId: string;
  /** The customer the business wrote to. */
  to: CustomerAddress;
  text: string;
  kind?: MessageKind;
  attachment?: MessageAttachment | null;
  raw?: unknown;
  sentAt?: Date;
}

/**
 * Someone answered from the business phone itself. The message joins the conversation (and
 * the open ticket, counting as a response) as sent from the phone; it never opens a ticket.
 * Our own sends echo back with the id we gave them, and are recognised and skipped.
 */
export async function recordPhoneMessage(ctx: DomainContext, input: PhoneMessage): Promise<MessageView | null> {
  const now = ctx.clock.now();
  let written: Awaited<ReturnType<typeof writePhoneMessage>>;
  try {
    written = await ctx.db.transaction((tx) => writePhoneMessage(tx as Database, input, now));
  } catch (error) {
    if (error instanceof AlreadyStored) return null;
    throw error;
  }
  if (!written) return null;
  const { row, assigneeId, ticketId, changedTicketIds } = written;
  const message = presentMessage(row);
  await publishTickets(ctx, ticketId ? [...changedTicketIds, ticketId] : changedTicketIds);
  ctx.bus.publish({ type: 'message.created', message, assigneeId });
  return message;
}

async function writePhoneMessage(tx: Database, input: PhoneMessage, now: Date) {
  const channelId = input.channel.id;
  const [known] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.externalId, input.externalId)))
    .limit(1);
  if (known) return null;
  const { contact, changedTicketIds } = await resolveContact(tx, channelId, input.to, null, now);
  const [chat] = await tx
    .insert(chats)
    .values({ channelId, contactId: contact.id, lastMessageAt: now })
    .onConflictDoUpdate({ target: chats.contactId, set: { lastMessageAt: now } })
    .returning();
  if (!chat) throw new Error('chat upsert returned nothing');
  const [open] = await tx
    .update(tickets)
    .set({
      firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${now.toISOString()}::timestamptz)`,
      lastMessageAt: now,
      unreadCount: 0,
      awaitingReplySince: null,
      updatedAt: now,
    })
    .where(and(eq(tickets.chatId, chat.id), inArray(tickets.status, ['pending', 'assigned'])))
    .returning({ id: tickets.id, assigneeId: tickets.assignedAgentId });
  const [row] = await tx
    .insert(messages)
    .values({
      channelId,
      chatId: chat.id,
      ticketId: open?.id ?? null,
      direction: 'out',
      sender: 'agent',
      fromPhone: true,
      text: input.text,
      kind: input.kind ?? 'text',
      media: input.attachment ?? null,
      raw: input.raw ?? null,
      externalId: input.externalId,
      status: 'sent',
      sentAt: input.sentAt ?? now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [messages.channelId, messages.externalId] })
    .returning();
  if (!row) throw new AlreadyStored(); // a concurrent delivery of the same id won: undo ours
  return { row, assigneeId: open?.assigneeId ?? null, ticketId: open?.id ?? null, changedTicketIds };
}
