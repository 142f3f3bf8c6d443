import { apiRoute, parseId } from '@/lib/http/api-route';
import { listTicketMessages } from '@/lib/domain/messages';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  messages: await listTicketMessages(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor }),
}));
