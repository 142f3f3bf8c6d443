import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chats, contacts, type ContactRow, messages, ticketEvents, tickets } from '../db/schema';
import type { DomainContext } from './context';
import type { CustomerAddress } from './jid';
import { upsertContactByLid, upsertContactByPhone } from './ingest-statements';
import { getTicketView } from './ticket-views';

export interface ResolvedContact {
  contact: ContactRow;
  /** Tickets whose state changed because two contacts turned out to be one customer. */
  changedTicketIds: number[];
}

/**
 * One customer is one contact, whichever WhatsApp address they write from: a phone JID,
 * a privacy LID, or both (`remoteJidAlt`, lid-mapping). Finds or creates the contact,
 * fills in the address it did not know yet, and merges two contacts that turn out to be
 * the same person. Locks the contact rows: callers go on to lock the chat, then the ticket.
 */
export async function resolveContact(
  tx: Database,
  channelId: number,
  address: CustomerAddress,
  name: string | null,
  now: Date,
): Promise<ResolvedContact> {
  if (!address.phoneJid && !address.lidJid) throw new Error('a contact needs a phone JID or a LID');
  if (!address.phoneJid || !address.lidJid) {
    // One address (the gateway, the simulator, most WhatsApp messages): one statement.
    const upsert = address.phoneJid ? upsertContactByPhone : upsertContactByLid;
    const [contact] = await upsert(tx, { channelId, phone: address.phone ?? null, phoneJid: address.phoneJid ?? null, lidJid: address.lidJid ?? null, name, now, nowText: now.toISOString() });
    if (!contact) throw new Error('contact upsert returned nothing');
    return { contact, changedTicketIds: [] };
  }

  let found = await lockMatching(tx, channelId, address);
  if (found.length === 0) {
    const [created] = await tx
      .insert(contacts)
      .values({ channelId, phone: address.phone, phoneJid: address.phoneJid, lidJid: address.lidJid, name })
      .onConflictDoNothing()
      .returning();
    if (created) return { contact: created, changedTicketIds: [] };
    found = await lockMatching(tx, channelId, address); // someone else created it a moment ago
  }
  const [keep, gone] = found;
  if (!keep) throw new Error('contact vanished while resolving');
  const changedTicketIds = gone ? await mergeInto(tx, keep, gone, now) : [];
  const [contact] = await tx
    .update(contacts)
    .set({
      phone: address.phone ?? keep.phone ?? gone?.phone ?? null,
      phoneJid: address.phoneJid,
      lidJid: address.lidJid,
      name: name ?? keep.name ?? gone?.name ?? null,
      updatedAt: now,
    })
    .where(eq(contacts.id, keep.id))
    .returning();
  if (!contact) throw new Error('contact update returned nothing');
  return { contact, changedTicketIds };
}

async function lockMatching(tx: Database, channelId: number, address: CustomerAddress) {
  const matches: SQL[] = [];
  if (address.phoneJid) matches.push(eq(contacts.phoneJid, address.phoneJid));
  if (address.lidJid) matches.push(eq(contacts.lidJid, address.lidJid));
  return tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.channelId, channelId), or(...matches)))
    .orderBy(asc(contacts.id))
    .for('update');
}

/**
 * Moves everything of `gone` onto `keep` (the older contact) and deletes `gone`. When both
 * chats have an open ticket, the newer one's messages join the older ticket and the newer
 * ticket is closed as merged, so the one-open-ticket-per-chat rule still holds.
 */
async function mergeInto(tx: Database, keep: ContactRow, gone: ContactRow, now: Date): Promise<number[]> {
  const chatRows = await tx
    .select()
    .from(chats)
    .where(inArray(chats.contactId, [keep.id, gone.id]))
    .orderBy(asc(chats.id))
    .for('update');
  const keepChat = chatRows.find((c) => c.contactId === keep.id);
  const goneChat = chatRows.find((c) => c.contactId === gone.id);
  const changed: number[] = [];

  if (goneChat && !keepChat) {
    await tx.update(chats).set({ contactId: keep.id }).where(eq(chats.id, goneChat.id));
  } else if (goneChat && keepChat) {
    const open = await tx
      .select()
      .from(tickets)
      .where(and(inArray(tickets.chatId, [keepChat.id, goneChat.id]), inArray(tickets.status, ['pending', 'assigned'])))
      .orderBy(asc(tickets.id))
      .for('update');
    const [survivor, merged] = open;
    if (survivor && merged) {
      await tx.update(messages).set({ ticketId: survivor.id }).where(eq(messages.ticketId, merged.id));
      await tx
        .update(tickets)
        .set({ status: 'resolved', resolvedAt: now, updatedAt: now, unreadCount: 0 })
        .where(eq(tickets.id, merged.id));
      await tx.insert(ticketEvents).values({
        ticketId: merged.id,
        type: 'resolved',
        data: { reason: 'merged', into_ticket_id: survivor.id },
        createdAt: now,
      });
      await tx
        .update(tickets)
        .set({ unreadCount: survivor.unreadCount + merged.unreadCount, updatedAt: now })
        .where(eq(tickets.id, survivor.id));
      changed.push(survivor.id, merged.id);
    } else if (survivor) {
      changed.push(survivor.id);
    }
    await tx.update(messages).set({ chatId: keepChat.id }).where(eq(messages.chatId, goneChat.id));
    await tx.update(tickets).set({ chatId: keepChat.id }).where(eq(tickets.chatId, goneChat.id));
    const lastMessageAt = [keepChat.lastMessageAt, goneChat.lastMessageAt]
      .filter((d): d is Date => Boolean(d))
      .sort((a, b) => b.getTime() - a.getTime())[0];
    await tx
      .update(chats)
      .set({ mode: survivor ? 'agent' : keepChat.mode, lastMessageAt: lastMessageAt ?? null })
      .where(eq(chats.id, keepChat.id));
    await tx.delete(chats).where(eq(chats.id, goneChat.id));
  }
  await tx.update(tickets).set({ contactId: keep.id }).where(eq(tickets.contactId, gone.id));
  // Free gone's addresses before keep takes them (both columns are unique per channel).
  await tx.delete(contacts).where(eq(contacts.id, gone.id));
  return changed;
}

export async function getContact(db: Database, contactId: number): Promise<ContactRow | null> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
  return row ?? null;
}

/**
 * WhatsApp told us that a LID and a phone number are one person (lid-mapping, contacts):
 * contacts we already have learn the other address, and two of them become one.
 * Nobody new is created from a mapping alone.
 */
export async function linkAddresses(ctx: DomainContext, channelId: number, address: CustomerAddress) {
  if (!address.phoneJid || !address.lidJid) return;
  const now = ctx.clock.now();
  const changed = await ctx.db.transaction(async (tx) => {
    const found = await lockMatching(tx as Database, channelId, address);
    const complete = found.some((c) => c.phoneJid === address.phoneJid && c.lidJid === address.lidJid);
    if (!found.length || complete) return [];
    return (await resolveContact(tx as Database, channelId, address, null, now)).changedTicketIds;
  });
  if (changed.length) {
    ctx.logger.info({ channelId, lidJid: address.lidJid, phoneJid: address.phoneJid }, 'contacts merged: one customer, two addresses');
  }
  for (const id of new Set(changed)) {
    const ticket = await getTicketView(ctx.db, id);
    if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket });
  }
}
