import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { listAllTickets } from '@/lib/domain/tickets';
import { PRIORITIES, STATUSES } from '@/lib/domain/views';

export const dynamic = 'force-dynamic';

const query = z.object({
  status: z.enum(STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  agent_id: z.coerce.number().int().positive().optional(),
  before_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Every ticket, newest first, for supervisors and admins. `before_id` pages backwards. */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ req, runtime }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ''));
  const filter = query.parse(params);
  const tickets = await listAllTickets(runtime.ctx.db, {
    status: filter.status,
    priority: filter.priority,
    assignedAgentId: filter.agent_id,
    beforeId: filter.before_id,
    limit: filter.limit,
  });
  const last = tickets.at(-1);
  return { tickets, next_before_id: tickets.length === filter.limit && last ? last.id : null };
});
