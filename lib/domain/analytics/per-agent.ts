import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { tickets, users } from '../../db/schema';
import type { AnalyticsAgentRow } from '../views';
import { type AnalyticsRange, inRange, num } from './range';
import { firstResponseSeconds, handleSeconds, median } from './totals';

/** Who a ticket counts for: whoever resolved it, or whoever holds it now. */
const handler = sql<number>`case when ${tickets.status} = 'resolved' then ${tickets.resolvedBy} when ${tickets.status} = 'assigned' then ${tickets.assignedAgentId} end`;

/**
 * One row per agent over the tickets created in the range: handled = resolved by them or held by
 * them now; resolved = those of them resolved; medians over those tickets. Everyone who can hold
 * tickets gets a row (zeros included), plus anyone else who handled some (a supervisor, a
 * disabled account). With an agent filter, just that agent.
 */
export async function reportAgents(db: Database, range: AnalyticsRange): Promise<AnalyticsAgentRow[]> {
  const scope = range.channelId ? [sql`${tickets.channelId} = ${range.channelId}`] : [];
  const stats = await db
    .select({
      agentId: handler.as('agent_id'),
      handled: sql<number>`count(*)::int`,
      resolved: sql<number>`count(*) filter (where ${tickets.status} = 'resolved')::int`,
      medianFirstResponse: median(firstResponseSeconds),
      medianHandle: sql`percentile_cont(0.5) within group (order by ${handleSeconds}) filter (where ${tickets.status} = 'resolved')`,
    })
    .from(tickets)
    .where(and(inRange(tickets.createdAt, range), inArray(tickets.status, ['assigned', 'resolved']), ...scope))
    .groupBy(sql`1`);
  const byAgent = new Map(stats.filter((s) => s.agentId !== null).map((s) => [Number(s.agentId), s]));
  const people = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      range.agentId
        ? sql`${users.id} = ${range.agentId}`
        : or(
            and(eq(users.role, 'agent'), sql`coalesce(${users.banned}, false) = false`),
            byAgent.size ? inArray(users.id, [...byAgent.keys()]) : sql`false`,
          ),
    )
    .orderBy(asc(users.name), asc(users.id));
  return people.map((person) => {
    const s = byAgent.get(person.id);
    const handled = Number(s?.handled ?? 0);
    const resolved = Number(s?.resolved ?? 0);
    return {
      agent_id: person.id,
      name: person.name,
      handled,
      resolved,
      median_first_response_seconds: num(s?.medianFirstResponse),
      median_handle_seconds: num(s?.medianHandle),
      resolution_rate: handled ? resolved / handled : null,
    };
  });
}
