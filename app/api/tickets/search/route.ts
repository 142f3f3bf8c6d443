import { apiRoute } from '@/lib/http/api-route';
import { searchParamsInput, searchTickets, ticketSearchSchema } from '@/lib/domain/ticket-search';

export const dynamic = 'force-dynamic';

/** The ticket browser: filters, text search over names, phones and messages, keyset pages. */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ req, runtime }) => {
  const search = ticketSearchSchema.parse(searchParamsInput(new URL(req.url).searchParams));
  return searchTickets(runtime.ctx.db, search);
});
