import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { queryRows } from '../db/rows';
import { FULL_ALERTS_UP_TO, type SlaMark } from '../realtime/events';
import { tickets } from '../db/schema';
import { openMillisBetween } from './business-hours';
import type { DomainContext } from './context';
import { presentTicket } from './presenters';
import { businessHoursSettings, getCachedSettings, slaSettings } from './settings';
import { selectTicketViews } from './ticket-views';

const PAGE = 500;

type WaitingMark = 'warning' | 'breached';

/**
 * The waiting SLA: a ticket in the queue past the warning share of the limit warns, past the
 * limit breaches: each at most once per stay in the queue, recorded on the ticket, announced.
 * The clock only runs while the desk is open (business hours). A backlog crossing a mark
 * together (a queue left overnight, a morning rush) is marked with one statement per page and
 * announced with one event naming the tickets, not a transaction, a read and two frames carrying
 * the whole ticket per ticket (bench/RESULTS.md: with tickets crossing marks as fast as new ones
 * arrived at 200/s, time to queue p99 28.8 → 18.7 ms).
 * Several processes may sweep at once: the conditional update lets exactly one of them record
 * (and announce) each mark.
 */
export async function sweepWaitingSla(ctx: DomainContext, options: { page?: number } = {}): Promise<number> {
  const pageSize = options.page ?? PAGE;
  const sla = await getCachedSettings(ctx.db, slaSettings);
  const hours = await getCachedSettings(ctx.db, businessHoursSettings);
  const now = ctx.clock.now();
  const limitMs = sla.waiting_seconds * 1000;
  const warnMs = Math.floor((limitMs * sla.warning_percent) / 100);
  const warnBefore = new Date(now.getTime() - warnMs);
  const limitBefore = new Date(now.getTime() - limitMs);
  let marked = 0;
  let afterId = 0;
  for (;;) {
    const page = await waitingPage(ctx.db, { warnBefore, limitBefore, afterId, size: pageSize });
    const due: Record<WaitingMark, SlaMark[]> = { warning: [], breached: [] };
    for (const t of page) {
      const waited = openMillisBetween(t.queuedAt, now, hours);
      const entry = { id: t.id, queued_at: t.queuedAt.toISOString(), waited_seconds: Math.round(waited / 1000) };
      if (waited >= limitMs) {
        if (!(t.breachedAt && t.breachedAt >= t.queuedAt)) due.breached.push(entry);
      } else if (waited >= warnMs && !(t.warnedAt && t.warnedAt >= t.queuedAt)) due.warning.push(entry);
    }
    for (const kind of ['breached', 'warning'] as const) marked += await markAndAnnounce(ctx, kind, due[kind], now);
    const last = page.at(-1);
    if (page.length < pageSize || !last) return marked;
    afterId = last.id;
  }
}

/**
 * Waiting tickets that may need a mark, a page at a time (by id: roughly oldest first). Open time
 * never exceeds calendar time, so the calendar bounds only leave out tickets too young; paging
 * reaches every one even when a page holds nothing to mark (the desk closed overnight).
 */
export function waitingPage(db: Database, bounds: { warnBefore: Date; limitBefore: Date; afterId: number; size: number }) {
  const { warnBefore, limitBefore, afterId, size } = bounds;
  return db
    .select({ id: tickets.id, queuedAt: tickets.queuedAt, warnedAt: tickets.slaWarnedAt, breachedAt: tickets.slaBreachedAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'pending'),
        lte(tickets.queuedAt, warnBefore),
        // Not yet late this stay, and either not yet warned or old enough to be late now.
        or(isNull(tickets.slaBreachedAt), lt(tickets.slaBreachedAt, tickets.queuedAt)),
        or(isNull(tickets.slaWarnedAt), lt(tickets.slaWarnedAt, tickets.queuedAt), lte(tickets.queuedAt, limitBefore)),
        gt(tickets.id, afterId),
      ),
    )
    .orderBy(asc(tickets.id))
    .limit(size);
}

async function markAndAnnounce(ctx: DomainContext, kind: WaitingMark, due: SlaMark[], now: Date): Promise<number> {
  if (!due.length) return 0;
  const won = await markWaiting(ctx.db, kind, due, now);
  const marks = due.filter((d) => won.has(d.id));
  const longest = marks.reduce<SlaMark | null>((a, b) => (a && a.waited_seconds >= b.waited_seconds ? a : b), null);
  if (!longest) return 0;
  const shown = marks.length <= FULL_ALERTS_UP_TO ? marks : [longest];
  const views = await selectTicketViews(ctx.db).where(inArray(tickets.id, shown.map((m) => m.id)));
  const alerts = shown.flatMap((m) => {
    const row = views.find((v) => v.ticket.id === m.id);
    return row ? [{ ticket: presentTicket(row), waitedSeconds: m.waited_seconds }] : [];
  });
  ctx.bus.publish({ type: 'sla.marked', kind, marks, alerts });
  return marks.length;
}

/**
 * One statement: the mark on every ticket still in the same stay in the queue (a claim and
 * release since would have moved queued_at on) that lacks it, and its timeline entry. Returns
 * the tickets this call marked.
 */
async function markWaiting(db: Database, kind: WaitingMark, due: SlaMark[], now: Date): Promise<Set<number>> {
  const column = sql.raw(kind === 'breached' ? 'sla_breached_at' : 'sla_warned_at');
  const eventType = sql.raw(kind === 'breached' ? `'sla_breached'` : `'sla_warning'`);
  const at = now.toISOString();
  const rows = await queryRows<{ ticket_id: number }>(
    db,
    sql`
      with due as (
        select * from jsonb_to_recordset(${JSON.stringify(due)}::jsonb) as d(id integer, queued_at timestamptz, waited_seconds integer)
      ), marked as (
        update tickets t set ${column} = ${at}::timestamptz
        from due
        where t.id = due.id and t.status = 'pending'
          and t.queued_at <= due.queued_at + interval '1 millisecond'
          and (t.${column} is null or t.${column} < t.queued_at)
        returning t.id, due.waited_seconds
      )
      insert into ticket_events (ticket_id, type, data, created_at)
      select id, ${eventType}, jsonb_build_object('waited_seconds', waited_seconds), ${at}::timestamptz from marked
      returning ticket_id`,
  );
  return new Set(rows.map((r) => Number(r.ticket_id)));
}
