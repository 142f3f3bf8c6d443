import { and, count, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { tickets, users } from '../db/schema';
import { conflict, notFound } from './errors';

/**
 * Locks an agent's row for the rest of the transaction: every change to who holds which
 * ticket takes the agent's lock first (then the ticket's), so two claims by one agent at
 * once cannot both slip under the capacity, and the lock order never deadlocks.
 */
export async function lockAgent(tx: Database, agentId: number) {
  const [agent] = await tx
    .select({ id: users.id, name: users.name, role: users.role, capacity: users.capacity, presence: users.presence, banned: users.banned })
    .from(users)
    .where(eq(users.id, agentId))
    .for('update');
  if (!agent) throw notFound('Agent');
  return agent;
}

export async function openTicketCount(tx: Database, agentId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(tickets)
    .where(and(eq(tickets.assignedAgentId, agentId), eq(tickets.status, 'assigned')));
  return row?.n ?? 0;
}

/** After a ticket was given to the agent (in the same transaction): over the limit undoes it. */
export async function assertWithinCapacity(tx: Database, agent: { id: number; name: string; capacity: number | null }, self: boolean) {
  if (agent.capacity === null) return;
  const open = await openTicketCount(tx, agent.id);
  if (open <= agent.capacity) return;
  const held = `${open - 1} open ticket${open - 1 === 1 ? '' : 's'}`;
  const message = self
    ? `You already have ${held}, your limit is ${agent.capacity}. Resolve or release one first.`
    : `${agent.name} already has ${held}, their limit is ${agent.capacity}.`;
  throw conflict('capacity_reached', message, { capacity: agent.capacity, open: open - 1 });
}
