import { z } from 'zod';
import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { assignTicket } from '@/lib/domain/assignment';

export const dynamic = 'force-dynamic';

const body = z.object({
  agent_id: z.number().int().positive(),
  /** Supervisors only: give it even if the agent is at their capacity. */
  override_capacity: z.boolean().optional(),
});

/** The assignee hands the ticket to a colleague; a supervisor gives any ticket to anyone. */
export const POST = apiRoute<{ id: string }>({}, async ({ req, actor, params, runtime }) => {
  const input = await readJson(req, body);
  const ticket = await assignTicket(runtime.ctx, {
    ticketId: parseId(params.id, 'Ticket'),
    actor,
    toAgentId: input.agent_id,
    overrideCapacity: input.override_capacity,
  });
  return { status: 'success', ticket };
});
