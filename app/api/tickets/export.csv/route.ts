import { apiRoute } from '@/lib/http/api-route';
import { exportTicketsCsv } from '@/lib/domain/ticket-export';
import { searchParamsInput, ticketSearchSchema } from '@/lib/domain/ticket-search';

export const dynamic = 'force-dynamic';

const exportSchema = ticketSearchSchema.omit({ cursor: true, limit: true });

/** Every ticket the browser's filters match, streamed as CSV page by page. */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ req, runtime }) => {
  const search = exportSchema.parse(searchParamsInput(new URL(req.url).searchParams));
  const chunks = exportTicketsCsv(runtime.ctx.db, search);
  // The first chunk (header and first page) is read here: bad filters are still a JSON 400.
  const first = await chunks.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        runtime.ctx.logger.error({ err: error }, 'ticket export failed midway');
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = runtime.ctx.clock.now().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="loket-tickets-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
