import { eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { param, preparedOnce } from '../db/prepared';
import { channels, contacts, tickets, users } from '../db/schema';
import { presentTicket } from './presenters';
import type { TicketView } from './views';

const ticketViewFields = {
  ticket: tickets,
  customerName: contacts.name,
  customerPhone: contacts.phone,
  channelName: channels.name,
  channelKind: channels.kind,
  agentName: users.name,
};

/** The one query behind every ticket a user sees: ticket + customer + channel + assignee. */
export function selectTicketViews(db: Database) {
  return selectTicketViewsWith(db, {});
}

/** The same, with extra columns alongside (the ticket browser's exact cursor). */
export function selectTicketViewsWith<E extends Record<string, SQL.Aliased>>(db: Database, extra: E) {
  return db
    .select({ ...ticketViewFields, ...extra })
    .from(tickets)
    .innerJoin(contacts, eq(contacts.id, tickets.contactId))
    .innerJoin(channels, eq(channels.id, tickets.channelId))
    .leftJoin(users, eq(users.id, tickets.assignedAgentId));
}

// Built once: Drizzle spent ~0.4 ms of CPU building this join's SQL on every read (bench/RESULTS.md,
// claim race), and it is read after every claim, transfer and resolve.
const selectTicketViewById = preparedOnce<Parameters<typeof presentTicket>[0][]>('ticket_view_by_id', (db) =>
  selectTicketViews(db).where(eq(tickets.id, param('ticketId'))).limit(1),
);

export async function getTicketView(db: Database, ticketId: number): Promise<TicketView | null> {
  const [row] = await selectTicketViewById(db, { ticketId });
  return row ? presentTicket(row) : null;
}
