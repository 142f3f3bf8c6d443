import { apiRoute, parseId } from '@/lib/http/api-route';
import { claimTicket } from '@/lib/domain/tickets';

export const dynamic = 'force-dynamic';

/** One click, one winner: the others get 409 with who won. */
export const POST = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  status: 'success',
  ticket: await claimTicket(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor }),
}));
