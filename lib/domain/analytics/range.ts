import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest } from '../errors';

const DAY_MS = 86_400_000;
/** The longest range a report covers, and the longest one that may be cut into hours. */
export const MAX_RANGE_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;

/** A local calendar date, YYYY-MM-DD (a real one: no 31 February). */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'not a calendar date',
  });

const id = z.coerce.number().int().positive();

/** The query string of GET /api/analytics and its CSV. */
export const analyticsQuerySchema = z.object({
  from: localDate,
  to: localDate,
  bucket: z.enum(['hour', 'day']).optional(),
  agent_id: id.optional(),
  channel_id: id.optional(),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

export interface AnalyticsRange {
  /** Local dates, inclusive. */
  from: string;
  to: string;
  timezone: string;
  bucket: 'hour' | 'day';
  agentId: number | null;
  channelId: number | null;
}

/** Days from `from` to `to`, both counted. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Checks the range and picks the bucket: hours for one or two days, days beyond (unless asked). */
export function resolveRange(query: AnalyticsQuery, timezone: string): AnalyticsRange {
  const days = daysInRange(query.from, query.to);
  if (days < 1) throw badRequest('`from` must not be after `to`.');
  if (days > MAX_RANGE_DAYS) throw badRequest(`A report covers at most ${MAX_RANGE_DAYS} days.`);
  const bucket = query.bucket ?? (days <= 2 ? 'hour' : 'day');
  if (bucket === 'hour' && days > MAX_HOURLY_DAYS) throw badRequest(`Hourly buckets cover at most ${MAX_HOURLY_DAYS} days.`);
  return {
    from: query.from,
    to: query.to,
    timezone,
    bucket,
    agentId: query.agent_id ?? null,
    channelId: query.channel_id ?? null,
  };
}

/**
 * The range's instants, computed by the database from local dates and the zone (its rules
 * decide DST): [from 00:00 local, (to + 1 day) 00:00 local).
 */
export function rangeBounds(range: Pick<AnalyticsRange, 'from' | 'to' | 'timezone'>): { start: SQL; end: SQL } {
  return {
    start: sql`((${range.from}::date)::timestamp at time zone ${range.timezone})`,
    end: sql`(((${range.to}::date) + 1)::timestamp at time zone ${range.timezone})`,
  };
}

/** `column` falls in the range. */
export function inRange(column: SQL | SQL.Aliased | unknown, range: Pick<AnalyticsRange, 'from' | 'to' | 'timezone'>): SQL {
  const { start, end } = rangeBounds(range);
  return sql`(${column} >= ${start} and ${column} < ${end})`;
}

/** Seconds between two timestamps, as a number. */
export const secondsBetween = (from: unknown, to: unknown): SQL<number> => sql<number>`extract(epoch from (${to} - ${from}))::float8`;

/**
 * The report's filters as conditions on `tickets`: a channel; an agent = the tickets they hold
 * or resolved (the per-agent definition of "handled").
 */
export function scopeConditions(range: Pick<AnalyticsRange, 'agentId' | 'channelId'>, t: { channelId: unknown; assignedAgentId: unknown; resolvedBy: unknown }): SQL[] {
  const conditions: SQL[] = [];
  if (range.channelId) conditions.push(sql`${t.channelId} = ${range.channelId}`);
  if (range.agentId) conditions.push(sql`(${t.assignedAgentId} = ${range.agentId} or ${t.resolvedBy} = ${range.agentId})`);
  return conditions;
}

/** null stays null; anything else becomes a number (drivers return numerics as strings). */
export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
