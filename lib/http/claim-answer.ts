import type { Actor } from '../domain/context';
import { claimTicket } from '../domain/tickets';
import type { Runtime } from '../runtime';
import { parseId } from './api-route';

/**
 * POST /api/tickets/:id/claim once the caller is known. The Next route and the copy answered
 * before Next's router (server/fast-routes.ts) both call this, so they answer alike.
 * One click, one winner: the others get 409 with who won.
 */
export async function claimAnswer(runtime: Runtime, actor: Actor, id: string | undefined) {
  return {
    status: 'success',
    ticket: await claimTicket(runtime.ctx, { ticketId: parseId(id, 'Ticket'), actor }),
  };
}
