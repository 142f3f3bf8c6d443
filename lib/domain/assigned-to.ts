import { sql } from 'drizzle-orm';
import { tickets } from '../db/schema';

/**
 * The columns of any UPDATE that gives a ticket to an agent (claim, assign, transfer,
 * auto-assignment, hand-on): `first_assigned_at` is set on the first one and kept forever after,
 * since analytics' waiting and handle times run from it.
 */
export function assignedTo(agentId: number, now: Date) {
  return {
    status: 'assigned' as const,
    assignedAgentId: agentId,
    assignedAt: now,
    firstAssignedAt: sql<Date>`coalesce(${tickets.firstAssignedAt}, ${now.toISOString()}::timestamptz)`,
    updatedAt: now,
  };
}
