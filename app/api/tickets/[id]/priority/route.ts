import { z } from 'zod';
import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { changePriority } from '@/lib/domain/assignment';
import { PRIORITIES } from '@/lib/domain/views';

export const dynamic = 'force-dynamic';

const body = z.object({ priority: z.enum(PRIORITIES) });

export const POST = apiRoute<{ id: string }>({}, async ({ req, actor, params, runtime }) => {
  const { priority } = await readJson(req, body);
  return { ticket: await changePriority(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor, priority }) };
});
