import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { channels, contacts, tickets, users } from '../db/schema';
import { presentTicket } from './presenters';
import type { TicketView } from './views';

/** The one query behind every ticket a user sees: ticket + customer + channel + assignee. */
export function selectTicketViews(db: Database) {
  return db
    .select({
      ticket: tickets,
      customerName: contacts.name,
      customerPhone: contacts.phone,
      channelName: channels.name,
      channelKind: channels.kind,
      agentName: users.name,
    })
    .from(tickets)
    .innerJoin(contacts, eq(contacts.id, tickets.contactId))
    .innerJoin(channels, eq(channels.id, tickets.channelId))
    .leftJoin(users, eq(users.id, tickets.assignedAgentId));
}

export async function getTicketView(db: Database, ticketId: number): Promise<TicketView | null> {
  const [row] = await selectTicketViews(db).where(eq(tickets.id, ticketId)).limit(1);
  return row ? presentTicket(row) : null;
}
