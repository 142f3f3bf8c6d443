// Pure list updates for the react-query cache: the socket pushes one ticket, the lists stay in server order.
import type { TicketPriority, TicketView } from '@/lib/domain/views';
import { QUEUE_LIMIT } from './query-keys';

export interface QueueData {
  tickets: TicketView[];
  /** The server has more pending tickets than the page shows. */
  hasMore: boolean;
}

const PRIORITY_RANK: Record<TicketPriority, number> = { urgent: 3, high: 2, medium: 1, low: 0 };

/** The server's queue order: most urgent first, then oldest first, then lowest id. */
export function compareQueue(a: TicketView, b: TicketView): number {
  return (
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
    Date.parse(a.created_at) - Date.parse(b.created_at) ||
    a.id - b.id
  );
}

export function applyToQueue(data: QueueData, ticket: TicketView, limit = QUEUE_LIMIT): QueueData {
  const rest = data.tickets.filter((t) => t.id !== ticket.id);
  if (ticket.status !== 'pending') {
    return rest.length === data.tickets.length ? data : { ...data, tickets: rest };
  }
  let index = rest.findIndex((t) => compareQueue(ticket, t) < 0);
  if (index === -1) {
    // Past the end of a truncated list, the ticket's true place is somewhere we do not show.
    if (data.hasMore) return rest.length === data.tickets.length ? data : { ...data, tickets: rest };
    index = rest.length;
  }
  const tickets = [...rest.slice(0, index), ticket, ...rest.slice(index)];
  if (tickets.length <= limit) return { ...data, tickets };
  return { tickets: tickets.slice(0, limit), hasMore: true };
}

export function removeFromQueue(data: QueueData, ticketId: number): QueueData {
  const tickets = data.tickets.filter((t) => t.id !== ticketId);
  return tickets.length === data.tickets.length ? data : { ...data, tickets };
}

const activity = (t: TicketView) => Date.parse(t.last_message_at ?? t.created_at);

/** My tickets: most recent activity first (as the server sorts them). */
export function compareMyTickets(a: TicketView, b: TicketView): number {
  return activity(b) - activity(a) || b.id - a.id;
}

export function applyToMyTickets(list: TicketView[], ticket: TicketView, myId: number): TicketView[] {
  const mine = ticket.status === 'assigned' && ticket.assigned_agent_id === myId;
  const rest = list.filter((t) => t.id !== ticket.id);
  if (!mine) return rest.length === list.length ? list : rest;
  return [...rest, ticket].sort(compareMyTickets);
}

/** A ticket event may arrive out of order with a REST response: keep whichever copy is newer. */
export function newer(current: TicketView | undefined, incoming: TicketView): TicketView {
  if (!current) return incoming;
  return Date.parse(incoming.updated_at) >= Date.parse(current.updated_at) ? incoming : current;
}
