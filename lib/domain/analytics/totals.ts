import { and, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { tickets } from '../../db/schema';
import type { AnalyticsReport } from '../views';
import { bucketColumns, readBuckets } from './distributions';
import { type AnalyticsRange, inRange, num, scopeConditions, secondsBetween } from './range';

export const waitSeconds = secondsBetween(tickets.createdAt, tickets.firstAssignedAt);
export const firstResponseSeconds = secondsBetween(tickets.createdAt, tickets.firstResponseAt);
export const handleSeconds = secondsBetween(tickets.firstAssignedAt, tickets.resolvedAt);

/** Nulls (no claim yet, no answer yet) are left out, as ordered-set aggregates do. */
export const median = (value: SQL) => sql`percentile_cont(0.5) within group (order by ${value})`;

/**
 * The headline numbers and both distributions, by the contract's definitions: one pass over the
 * tickets created in the range (created, claimed, resolution rate, waiting and first-response
 * times) and one over those resolved in it (resolved, handle time).
 */
export async function reportTotals(
  db: Database,
  range: AnalyticsRange,
): Promise<Pick<AnalyticsReport, 'totals' | 'wait_distribution' | 'first_response_distribution'>> {
  const scope = scopeConditions(range, tickets);
  const [created] = await db
    .select({
      created: sql<number>`count(*)::int`,
      claimed: sql<number>`count(${tickets.firstAssignedAt})::int`,
      resolvedNow: sql<number>`count(*) filter (where ${tickets.status} = 'resolved')::int`,
      medianWait: median(waitSeconds),
      p90Wait: sql`percentile_cont(0.9) within group (order by ${waitSeconds})`,
      medianFirstResponse: median(firstResponseSeconds),
      ...bucketColumns('w', waitSeconds),
      ...bucketColumns('f', firstResponseSeconds),
    })
    .from(tickets)
    .where(and(inRange(tickets.createdAt, range), ...scope));
  const [resolved] = await db
    .select({
      resolved: sql<number>`count(*)::int`,
      avgHandle: sql`avg(${handleSeconds})`,
      medianHandle: median(handleSeconds),
    })
    .from(tickets)
    .where(and(inRange(tickets.resolvedAt, range), ...scope));
  const createdCount = Number(created?.created ?? 0);
  const totals = {
    created: createdCount,
    resolved: Number(resolved?.resolved ?? 0),
    claimed: Number(created?.claimed ?? 0),
    resolution_rate: createdCount ? Number(created?.resolvedNow ?? 0) / createdCount : null,
    median_wait_seconds: num(created?.medianWait),
    p90_wait_seconds: num(created?.p90Wait),
    median_first_response_seconds: num(created?.medianFirstResponse),
    avg_handle_seconds: num(resolved?.avgHandle),
    median_handle_seconds: num(resolved?.medianHandle),
  };
  return { totals, wait_distribution: readBuckets(created, 'w'), first_response_distribution: readBuckets(created, 'f') };
}
