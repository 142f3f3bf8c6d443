import { apiRoute, parseId } from '@/lib/http/api-route';
import { getTicketFor } from '@/lib/domain/tickets';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  ticket: await getTicketFor(runtime.ctx, actor, parseId(params.id, 'Ticket')),
}));
