import type { Database } from '../../lib/db/client';
import { chats, contacts, messages, type TicketPriority, type TicketStatus, tickets } from '../../lib/db/schema';

let serial = 0;

export interface ConstructedTicket {
  channelId: number;
  createdAt: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  firstAssignedAt?: string | null;
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
  assignedAgentId?: number | null;
  resolvedBy?: number | null;
  name?: string | null;
  phone?: string;
  /** The customer's message (stored on the ticket, for text search). */
  text?: string;
}

const at = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/**
 * A ticket with exactly the timestamps a test needs (a customer, a chat and one message of its
 * own), written straight to the tables: analytics are checked against numbers worked out by hand.
 */
export async function insertTicket(db: Database, t: ConstructedTicket): Promise<number> {
  serial += 1;
  const phone = t.phone ?? `62899${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(5, '0')}`;
  const createdAt = new Date(t.createdAt);
  const [contact] = await db
    .insert(contacts)
    .values({ channelId: t.channelId, phone, phoneJid: `${phone}@s.whatsapp.net`, name: t.name === undefined ? `Customer ${serial}` : t.name, createdAt })
    .returning({ id: contacts.id });
  const [chat] = await db.insert(chats).values({ channelId: t.channelId, contactId: contact!.id, createdAt }).returning({ id: chats.id });
  const status = t.status ?? (t.resolvedAt ? 'resolved' : t.assignedAgentId ? 'assigned' : 'pending');
  const [ticket] = await db
    .insert(tickets)
    .values({
      chatId: chat!.id,
      channelId: t.channelId,
      contactId: contact!.id,
      status,
      priority: t.priority ?? 'medium',
      assignedAgentId: t.assignedAgentId ?? null,
      assignedAt: at(t.firstAssignedAt),
      firstAssignedAt: at(t.firstAssignedAt),
      firstResponseAt: at(t.firstResponseAt),
      resolvedAt: at(t.resolvedAt),
      resolvedBy: t.resolvedBy ?? null,
      preview: t.text ?? 'halo',
      createdAt,
      updatedAt: createdAt,
      queuedAt: createdAt,
    })
    .returning({ id: tickets.id });
  await db.insert(messages).values({
    channelId: t.channelId,
    chatId: chat!.id,
    ticketId: ticket!.id,
    direction: 'in',
    sender: 'customer',
    text: t.text ?? 'halo',
    status: 'delivered',
    createdAt,
    updatedAt: createdAt,
  });
  return ticket!.id;
}
