import { apiRoute, parseId } from '@/lib/http/api-route';
import { markTicketRead } from '@/lib/domain/reads';

export const dynamic = 'force-dynamic';

/** The assignee opened the ticket: its unread marker clears. */
export const POST = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => {
  const ticket = await markTicketRead(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor });
  return { status: 'ok', ticket };
});
