import { and, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { queryRows } from '../../db/rows';
import { tickets } from '../../db/schema';
import type { AnalyticsReport } from '../views';
import { type AnalyticsRange, inRange, scopeConditions } from './range';

/** An instant as ISO 8601 UTC text, formatted by the database (driver-independent). */
export const isoText = (value: unknown) => sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Created and resolved per local hour or day: every bucket of the range (generate_series over
 * local wall-clock time), zeros included. A day is local midnight to midnight in the team's zone.
 */
export async function reportSeries(db: Database, range: AnalyticsRange): Promise<AnalyticsReport['series']> {
  const { timezone: tz, bucket } = range;
  const step = bucket === 'hour' ? '1 hour' : '1 day';
  const labelFormat = bucket === 'hour' ? 'YYYY-MM-DD HH24:00' : 'YYYY-MM-DD';
  const scope = scopeConditions(range, tickets);
  const localBucket = (column: unknown) => sql`date_trunc(${bucket}, ${column} at time zone ${tz})`;
  const rows = await queryRows<{ start: string; label: string; created: number; resolved: number }>(
    db,
    sql`
      with buckets as (
        select generate_series(
          (${range.from}::date)::timestamp,
          ((${range.to}::date) + 1)::timestamp - ${step}::interval,
          ${step}::interval
        ) as local_start
      ),
      created as (
        select ${localBucket(tickets.createdAt)} as b, count(*)::int as n
        from ${tickets} where ${and(inRange(tickets.createdAt, range), ...scope)} group by 1
      ),
      resolved as (
        select ${localBucket(tickets.resolvedAt)} as b, count(*)::int as n
        from ${tickets} where ${and(inRange(tickets.resolvedAt, range), ...scope)} group by 1
      )
      select ${isoText(sql`(buckets.local_start at time zone ${tz})`)} as start,
             to_char(buckets.local_start, ${labelFormat}) as label,
             coalesce(created.n, 0)::int as created,
             coalesce(resolved.n, 0)::int as resolved
      from buckets
      left join created on created.b = buckets.local_start
      left join resolved on resolved.b = buckets.local_start
      order by buckets.local_start`,
  );
  return rows.map((r) => ({ start: r.start, label: r.label, created: Number(r.created), resolved: Number(r.resolved) }));
}
