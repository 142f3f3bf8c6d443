import { type SQL, sql } from 'drizzle-orm';
import type { AnalyticsBucketCount } from '../views';

/** Upper bounds (exclusive) in seconds; the last bucket is open-ended. */
export const DURATION_BUCKETS: { label: string; max_seconds: number | null }[] = [
  { label: '<1m', max_seconds: 60 },
  { label: '1–5m', max_seconds: 300 },
  { label: '5–15m', max_seconds: 900 },
  { label: '15–30m', max_seconds: 1800 },
  { label: '30–60m', max_seconds: 3600 },
  { label: '1–4h', max_seconds: 14_400 },
  { label: '>4h', max_seconds: null },
];

/**
 * Aggregate columns counting `seconds` per bucket (rows where it is null count nowhere), named
 * `${prefix}0`…: added to the pass over the range's tickets that the totals make anyway.
 */
export function bucketColumns(prefix: string, seconds: SQL): Record<string, SQL<number>> {
  const columns: Record<string, SQL<number>> = {};
  let lower: number | null = null;
  DURATION_BUCKETS.forEach((bucket, i) => {
    const above = lower === null ? sql`${seconds} is not null` : sql`${seconds} >= ${lower}`;
    const below = bucket.max_seconds === null ? sql`true` : sql`${seconds} < ${bucket.max_seconds}`;
    columns[`${prefix}${i}`] = sql<number>`count(*) filter (where ${above} and ${below})::int`;
    lower = bucket.max_seconds;
  });
  return columns;
}

/** The counts those columns produced, as the report's buckets. */
export function readBuckets(row: Record<string, unknown> | undefined, prefix: string): AnalyticsBucketCount[] {
  return DURATION_BUCKETS.map((bucket, i) => ({ ...bucket, count: Number(row?.[`${prefix}${i}`] ?? 0) }));
}
