import { and, eq, getTableColumns, isNull, lte, or, sql } from 'drizzle-orm';
import { param, preparedOnce, timeParam } from '../db/prepared';
import { channels, chats, contacts, messages, tickets, users } from '../db/schema';
import type { ChannelRow, ContactRow, MessageRow } from '../db/schema';

// The outbox's statements for every message sent (each new ticket's acknowledgement among
// them), built once (lib/db/prepared.ts says why).


/**
 * Takes the queued message for sending (only one taker wins; the lease runs out by itself if
 * the taker dies) and reads what sending needs, in one statement. The author's name and the
 * ticket's owner are scalar subqueries, not joins: PGlite plans every statement afresh, and a
 * six-table join cost it ~4 ms more per message to plan (bench/RESULTS.md).
 * `now`, `until` and `heldUntil` (the end of a lease the taker holds already, or null) as ISO text.
 */
export const leaseQueuedDelivery = preparedOnce<
  { message: MessageRow; authorName: string | null; channel: ChannelRow; contact: ContactRow; assigneeId: number | null }[]
>('outbox_lease_delivery', (db) => {
  const leased = db.$with('leased').as(
    db
      .update(messages)
      .set({ nextAttemptAt: timeParam('until'), attempts: sql`${messages.attempts} + 1` })
      .where(
        and(
          eq(messages.id, param('messageId')),
          eq(messages.status, 'queued'),
          eq(messages.direction, 'out'),
          // Due, or leased to this very taker already (its lease renewed).
          or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, timeParam('now')), eq(messages.nextAttemptAt, timeParam('heldUntil'))),
        ),
      )
      .returning(),
  );
  const message = Object.fromEntries(Object.keys(getTableColumns(messages)).map((key) => [key, leased[key as keyof typeof leased]])) as unknown as typeof messages._.columns;
  return db
    .with(leased)
    .select({
      message,
      authorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${leased.authorId})`,
      channel: channels,
      contact: contacts,
      assigneeId: sql<number | null>`(select ${tickets.assignedAgentId} from ${tickets} where ${tickets.id} = ${leased.ticketId})`,
    })
    .from(leased)
    .innerJoin(chats, eq(chats.id, leased.chatId))
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .innerJoin(channels, eq(channels.id, leased.channelId));
});

/** `externalId` and `raw` (JSON text) null: keep what is stored. Times as ISO text. */
export const markQueuedSent = preparedOnce<MessageRow[]>('outbox_sent', (db) =>
  db
    .update(messages)
    .set({
      status: 'sent',
      externalId: sql`coalesce(${param('externalId')}::text, ${messages.externalId})`,
      raw: sql`coalesce(${param('raw')}::jsonb, ${messages.raw})`,
      error: null,
      nextAttemptAt: null,
      sentAt: timeParam('now'),
      updatedAt: timeParam('now'),
    })
    .where(and(eq(messages.id, param('messageId')), eq(messages.status, 'queued')))
    .returning(),
);
