import type { Database } from '../db/client';
import { perDatabase } from '../db/per-database';
import type { Actor } from './context';
import { conflict } from './errors';
import type { TicketView } from './views';

/** How one claim attempt ended: won or not, and the ticket as it then was (null: there is no such ticket). */
export interface ClaimOutcome {
  won: boolean;
  ticket: TicketView | null;
}

/** The 409 a losing claimer gets, worded for them, from the ticket as the race left it: the same whether they waited or tried. */
export function alreadyClaimed(ticket: TicketView, actor: Actor) {
  const by = ticket.assigned_agent_name ?? 'another agent';
  const message =
    ticket.status === 'resolved'
      ? 'This ticket is already resolved.'
      : ticket.assigned_agent_id === actor.id
        ? 'You already have this ticket.'
        : `Ticket already claimed by ${by}.`;
  return conflict('ticket_already_claimed', message, {
    status: ticket.status,
    assigned_agent_id: ticket.assigned_agent_id,
    assigned_agent_name: ticket.assigned_agent_name,
  });
}

/** What a flight leaves its waiters: the outcome they share, or null when each must try for itself. */
type Settled = { ticket: TicketView | null } | null;

// The custom server and the Next bundles each have their own flights; the database still decides.
const flightsOf = perDatabase(() => new Map<number, Promise<Settled>>());

/**
 * Runs `attempt` as the only claim of `ticketId` in flight in this process. Claims arriving
 * meanwhile wait for it instead of opening their own transaction (100 agents pressing claim at
 * once would otherwise cost 100 transactions to learn who won). When it ends with the ticket no
 * longer pending (taken or resolved) or gone, they share that outcome as losers, with no query.
 * When it fails for its own claimer's reasons (at capacity, an error) or finds the ticket pending
 * again, they learn nothing from it: the first waiter tries next, the others wait on that one.
 */
export async function coalesceClaim(db: Database, ticketId: number, attempt: () => Promise<ClaimOutcome>): Promise<ClaimOutcome> {
  const flights = flightsOf(db);
  for (let flight = flights.get(ticketId); flight; flight = flights.get(ticketId)) {
    const settled = await flight;
    if (settled) return { won: false, ticket: settled.ticket };
  }
  // No await between the empty look-up above and this: whoever gets here first leads.
  let settle: (settled: Settled) => void = () => {};
  flights.set(ticketId, new Promise<Settled>((resolve) => (settle = resolve)));
  let settled: Settled = null;
  try {
    const outcome = await attempt();
    if (!outcome.ticket || outcome.ticket.status !== 'pending') settled = { ticket: outcome.ticket };
    return outcome;
  } finally {
    // Removed before the waiters wake, so the first of them finds the slot free.
    flights.delete(ticketId);
    settle(settled);
  }
}
