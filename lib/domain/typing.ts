import type { Actor, DomainContext } from './context';
import { forbidden, notFound } from './errors';
import { canActOnTicket } from './tickets';
import { getTicketView } from './ticket-views';

/** An agent is writing a reply: the customer's phone may show "typing…". */
export async function noteAgentTyping(ctx: DomainContext, { ticketId, actor }: { ticketId: number; actor: Actor }) {
  const ticket = await getTicketView(ctx.db, ticketId);
  if (!ticket) throw notFound('Ticket');
  if (!canActOnTicket(actor, ticket)) throw forbidden('Only the assigned agent or a supervisor can write to this customer.');
  if (ticket.status === 'resolved') return;
  ctx.bus.publish({ type: 'agent.typing', channelId: ticket.channel_id, contactId: ticket.contact_id, ticketId });
}
