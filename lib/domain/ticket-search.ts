import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { contacts, messages, tickets } from '../db/schema';
import { localDate, rangeBounds } from './analytics/range';
import { badRequest } from './errors';
import { presentTicket, type TicketJoinedRow } from './presenters';
import { getCachedSettings, teamSettings } from './settings';
import { selectTicketViewsWith } from './ticket-views';
import { PRIORITIES, STATUSES, type TicketSearchPage } from './views';

export const MAX_SEARCH_LIMIT = 200;

const id = z.coerce.number().int().positive();

/** The ticket browser's filters (GET /api/tickets/search, and the CSV export without cursor/limit). */
export const ticketSearchSchema = z.object({
  status: z.array(z.enum(STATUSES)).default([]),
  priority: z.array(z.enum(PRIORITIES)).default([]),
  agent_id: id.optional(),
  channel_id: id.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(50),
  cursor: z.string().max(200).optional(),
});
export type TicketSearch = z.infer<typeof ticketSearchSchema>;

/** Query string → the schema's input: status and priority may repeat or be comma lists; empty values are absent. */
export function searchParamsInput(params: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of params) if (value !== '') input[key] = value;
  for (const list of ['status', 'priority']) {
    input[list] = params
      .getAll(list)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }
  return input;
}

/** The position after a row: its exact created_at (microseconds, as text) and id. Opaque to clients. */
const encodeCursor = (at: string, ticketId: number) => Buffer.from(JSON.stringify([at, ticketId])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: number } {
  try {
    const [at, ticketId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && Number.isSafeInteger(ticketId)) return { at, id: ticketId as number };
  } catch {
    // fall through
  }
  throw badRequest('`cursor` is not one this server gave out.');
}

/** LIKE's own wildcards in what the user typed are literal characters. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * q: case-insensitive substring of the customer's name or phone, or of what the customer or an agent
 * wrote in the ticket (not the bot's automatic replies, which every ticket shares).
 * A phone typed with spaces, + or a leading 0 (local form) also matches the stored digits.
 */
function textMatch(q: string): SQL {
  const pattern = likePattern(q);
  const digits = /^[\d\s+().-]+$/.test(q) ? q.replace(/\D/g, '').replace(/^0+/, '') : '';
  const phone = digits.length >= 3 ? likePattern(digits) : pattern;
  // One set of matching ids from the trigram indexes (customers → their tickets, plus messages):
  // a rare word costs a few index probes instead of a walk through every ticket.
  return sql`${tickets.id} in (
    select m.id from ${tickets} m where m.contact_id in (
      select ${contacts.id} from ${contacts} where ${contacts.name} ilike ${pattern} or ${contacts.phone} ilike ${phone})
    union
    select ${messages.ticketId} from ${messages} where ${messages.text} ilike ${pattern} and ${messages.sender} <> 'bot')`;
}

async function conditions(db: Database, search: TicketSearch): Promise<SQL[]> {
  const where: SQL[] = [];
  if (search.status.length) where.push(inArray(tickets.status, search.status));
  if (search.priority.length) where.push(inArray(tickets.priority, search.priority));
  if (search.agent_id) where.push(eq(tickets.assignedAgentId, search.agent_id));
  if (search.channel_id) where.push(eq(tickets.channelId, search.channel_id));
  if (search.from || search.to) {
    const { timezone } = await getCachedSettings(db, teamSettings);
    const { start, end } = rangeBounds({ from: search.from ?? '1970-01-01', to: search.to ?? '9999-12-30', timezone });
    if (search.from) where.push(sql`${tickets.createdAt} >= ${start}`);
    if (search.to) where.push(sql`${tickets.createdAt} < ${end}`);
  }
  if (search.q) where.push(textMatch(search.q));
  if (search.cursor) {
    const after = decodeCursor(search.cursor);
    // A row comparison the (created_at, id) index answers directly.
    where.push(sql`(${tickets.createdAt}, ${tickets.id}) < (${after.at}::timestamptz, ${after.id}::int)`);
  }
  return where;
}

export interface SearchRow extends TicketJoinedRow {
  cursorAt: string;
}

/**
 * The page's statement, unrun (the plan tests EXPLAIN it): one row more than the page, to know if
 * there is a next. Wrapped in an object because a query builder is thenable (awaiting it runs it).
 * `on` is the handle it will run on (a transaction); settings are read through `db` beforehand.
 */
export async function ticketSearchQuery(db: Database, search: TicketSearch, on: Database = db) {
  if (search.from && search.to && search.from > search.to) throw badRequest('`from` must not be after `to`.');
  const where = await conditions(db, search);
  return { query: buildQuery(on, where, search.limit) };
}

function buildQuery(on: Database, where: SQL[], limit: number) {
  return selectTicketViewsWith(on, {
    cursorAt: sql<string>`to_char(${tickets.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'),
  })
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit + 1);
}

/** One page of rows, newest first (created_at desc, id desc), and the cursor after it. */
export async function searchTicketRows(db: Database, search: TicketSearch): Promise<{ rows: SearchRow[]; next_cursor: string | null }> {
  if (search.from && search.to && search.from > search.to) throw badRequest('`from` must not be after `to`.');
  const where = await conditions(db, search);
  const rows = search.q
    ? // A prepared statement's generic plan cannot see how rare the words are, and scans every
      // customer and ticket (~250 ms at 100k): text searches are always planned for their words.
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
        return await buildQuery(tx as Database, where, search.limit);
      })
    : await buildQuery(db, where, search.limit);
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return { rows: page, next_cursor: rows.length > search.limit && last ? encodeCursor(last.cursorAt, last.ticket.id) : null };
}

/** The ticket browser: any filters, text search, keyset pages of TicketView. */
export async function searchTickets(db: Database, search: TicketSearch): Promise<TicketSearchPage> {
  const { rows, next_cursor } = await searchTicketRows(db, search);
  return { tickets: rows.map(presentTicket), next_cursor };
}
