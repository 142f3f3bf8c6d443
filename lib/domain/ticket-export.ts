import type { Database } from '../db/client';
import { csvLine } from './analytics/csv';
import { type SearchRow, searchTicketRows, type TicketSearch } from './ticket-search';

const PAGE = 500;

export const TICKET_CSV_HEADER = [
  'id',
  'created_at',
  'status',
  'priority',
  'customer',
  'phone',
  'channel',
  'agent',
  'first_claim_at',
  'first_response_at',
  'resolved_at',
  'wait_seconds',
  'handle_seconds',
];

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const seconds = (from: Date | null, to: Date | null) => (from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : null);

function ticketLine({ ticket: t, customerName, customerPhone, channelName, agentName }: SearchRow): string {
  return csvLine([
    t.id,
    t.createdAt.toISOString(),
    t.status,
    t.priority,
    customerName,
    customerPhone,
    channelName,
    agentName,
    iso(t.firstAssignedAt),
    iso(t.firstResponseAt),
    iso(t.resolvedAt),
    seconds(t.createdAt, t.firstAssignedAt),
    t.status === 'resolved' ? seconds(t.firstAssignedAt, t.resolvedAt) : null,
  ]);
}

/**
 * Every ticket the filters match, as CSV text in chunks: the header, then one keyset page at a
 * time, so a 100,000-ticket export never sits in memory whole.
 */
export async function* exportTicketsCsv(db: Database, search: Omit<TicketSearch, 'cursor' | 'limit'>): AsyncGenerator<string> {
  // The first page comes with the header, so bad filters fail before anything is sent.
  let header = csvLine(TICKET_CSV_HEADER);
  let cursor: string | undefined;
  do {
    const page = await searchTicketRows(db, { ...search, limit: PAGE, cursor });
    yield header + page.rows.map(ticketLine).join('');
    header = '';
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
