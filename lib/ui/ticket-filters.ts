// The ticket browser's filters, as they live in the page's address (so back from a ticket
// restores them) and as the search and export APIs take them.
import { PRIORITIES, STATUSES, type TicketPriority, type TicketStatus } from '@/lib/domain/views';
import { isValidDate } from './date-range';

export interface TicketFilters {
  status: TicketStatus | '';
  priority: TicketPriority | '';
  agentId: string;
  channelId: string;
  from: string;
  to: string;
  q: string;
}

export const EMPTY_FILTERS: TicketFilters = { status: '', priority: '', agentId: '', channelId: '', from: '', to: '', q: '' };

/** An id as an address may carry it: a positive integer, nothing else. */
export const isId = (v: string | null): v is string => v !== null && /^[1-9]\d{0,9}$/.test(v);

/** Reads filters from an address, dropping anything malformed rather than sending it to the API. */
export function filtersFromParams(params: URLSearchParams): TicketFilters {
  const status = params.get('status');
  const priority = params.get('priority');
  const agent = params.get('agent_id');
  const channel = params.get('channel_id');
  const from = params.get('from');
  const to = params.get('to');
  return {
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as TicketStatus) : '',
    priority: (PRIORITIES as readonly string[]).includes(priority ?? '') ? (priority as TicketPriority) : '',
    agentId: isId(agent) ? agent : '',
    channelId: isId(channel) ? channel : '',
    from: from && isValidDate(from) ? from : '',
    to: to && isValidDate(to) ? to : '',
    q: (params.get('q') ?? '').slice(0, 200),
  };
}

/** The API's (and the address bar's) form; empty filters are left out. */
export function filtersToParams(filters: TicketFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.agentId) params.set('agent_id', filters.agentId);
  if (filters.channelId) params.set('channel_id', filters.channelId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  const q = filters.q.trim();
  if (q) params.set('q', q);
  return params;
}

export const hasFilters = (filters: TicketFilters) => filtersToParams(filters).size > 0;
