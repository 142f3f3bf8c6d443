import { apiRoute, parseId } from '@/lib/http/api-route';
import { resolveTicket } from '@/lib/domain/tickets';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  status: 'success',
  ticket: await resolveTicket(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor }),
}));
