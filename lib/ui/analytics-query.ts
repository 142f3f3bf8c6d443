// One query string for the analytics report and both CSV exports, so a download always holds
// exactly what the page shows; and the page's own address, so a report can be shared or reloaded.
import { type DateRange, type RangePreset, rangeProblem } from './date-range';
import { isId } from './ticket-filters';

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

/** What the analytics page shows, as its address holds it: a preset (a moving window) or fixed dates, and the filters. */
export interface AnalyticsView {
  preset: RangePreset;
  /** Only with the preset "custom". */
  custom: DateRange | null;
  filters: AnalyticsFilters;
}

const PRESETS: readonly string[] = ['today', '7d', '30d'];
const DEFAULT_PRESET: RangePreset = '7d';

/**
 * Reads the page's address: `range=today|7d|30d`, or `from`/`to` dates for a range of one's own;
 * `agent_id`, `channel_id`. Anything malformed falls back to the default (the last 7 days, everyone)
 * rather than reaching the API.
 */
export function analyticsViewFromParams(params: URLSearchParams): AnalyticsView {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const range = params.get('range') ?? '';
  const agent = params.get('agent_id');
  const channel = params.get('channel_id');
  const filters = { agentId: isId(agent) ? agent : '', channelId: isId(channel) ? channel : '' };
  if (from && to && rangeProblem({ from, to }) === null) return { preset: 'custom', custom: { from, to }, filters };
  return { preset: PRESETS.includes(range) ? (range as RangePreset) : DEFAULT_PRESET, custom: null, filters };
}

/** The address's form of a view; the default range and empty filters are left out. */
export function analyticsViewToParams(view: AnalyticsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.preset === 'custom' && view.custom) {
    params.set('from', view.custom.from);
    params.set('to', view.custom.to);
  } else if (view.preset !== DEFAULT_PRESET) params.set('range', view.preset);
  if (view.filters.agentId) params.set('agent_id', view.filters.agentId);
  if (view.filters.channelId) params.set('channel_id', view.filters.channelId);
  return params;
}
