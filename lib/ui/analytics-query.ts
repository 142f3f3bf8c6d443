// One query string for the analytics report and both CSV exports, so a download always holds
// exactly what the page shows.
import type { DateRange } from './date-range';

export interface AnalyticsFilters {
  agentId: string;
  channelId: string;
}

export function analyticsQuery(range: DateRange, filters: AnalyticsFilters): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (filters.agentId) params.set('agent_id', filters.agentId);
  if (filters.channelId) params.set('channel_id', filters.channelId);
  return params.toString();
}
