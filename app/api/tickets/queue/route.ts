import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { listQueue } from '@/lib/domain/tickets';

export const dynamic = 'force-dynamic';

const query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Pending tickets, most urgent first, then oldest first. */
export const GET = apiRoute({}, async ({ req, runtime }) => {
  const { limit } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { tickets: await listQueue(runtime.ctx.db, { limit }) };
});
