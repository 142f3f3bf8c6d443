import type { Database } from '../../db/client';
import { getCachedSettings, teamSettings } from '../settings';
import type { AnalyticsReport } from '../views';
import { reportAgents } from './per-agent';
import { type AnalyticsQuery, type AnalyticsRange, resolveRange } from './range';
import { reportSeries } from './series';
import { reportTotals } from './totals';

/** The range in the team's time zone, checked (400 when it is not a range we report on). */
export async function analyticsRange(db: Database, query: AnalyticsQuery): Promise<AnalyticsRange> {
  const { timezone } = await getCachedSettings(db, teamSettings);
  return resolveRange(query, timezone);
}

/** The whole report; the parts are independent queries, run together. */
export async function getAnalyticsReport(db: Database, query: AnalyticsQuery): Promise<AnalyticsReport> {
  const range = await analyticsRange(db, query);
  const [headline, series, agents] = await Promise.all([reportTotals(db, range), reportSeries(db, range), reportAgents(db, range)]);
  return {
    range: { from: range.from, to: range.to, timezone: range.timezone, bucket: range.bucket },
    totals: headline.totals,
    series,
    wait_distribution: headline.wait_distribution,
    first_response_distribution: headline.first_response_distribution,
    agents,
  };
}
