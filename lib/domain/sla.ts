import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { ticketEvents, tickets } from '../db/schema';
import { openMillisBetween } from './business-hours';
import type { DomainContext } from './context';
import { businessHoursSettings, getCachedSettings, slaSettings } from './settings';
import { getTicketView } from './ticket-views';

const BATCH = 500;

/**
 * The waiting SLA: a ticket in the queue past the warning share of the limit warns, past the
 * limit breaches: each at most once per stay in the queue, recorded on the ticket, announced.
 * The clock only runs while the desk is open (business hours). Several processes may sweep at
 * once: the conditional updates let exactly one of them record (and announce) each mark.
 */
export async function sweepWaitingSla(ctx: DomainContext): Promise<number> {
  const sla = await getCachedSettings(ctx.db, slaSettings);
  const hours = await getCachedSettings(ctx.db, businessHoursSettings);
  const now = ctx.clock.now();
  const limitMs = sla.waiting_seconds * 1000;
  const warnMs = Math.floor((limitMs * sla.warning_percent) / 100);
  const candidates = await ctx.db
    .select({ id: tickets.id, queuedAt: tickets.queuedAt, warnedAt: tickets.slaWarnedAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'pending'),
        // Open time never exceeds calendar time, so this only leaves out tickets too young.
        lte(tickets.queuedAt, new Date(now.getTime() - warnMs)),
        or(isNull(tickets.slaBreachedAt), lt(tickets.slaBreachedAt, tickets.queuedAt)),
      ),
    )
    .orderBy(asc(tickets.queuedAt))
    .limit(BATCH);
  let marked = 0;
  for (const t of candidates) {
    const waited = openMillisBetween(t.queuedAt, now, hours);
    if (waited >= limitMs) marked += (await mark(ctx, t.id, t.queuedAt, 'breached', waited)) ? 1 : 0;
    else if (waited >= warnMs && !(t.warnedAt && t.warnedAt >= t.queuedAt)) {
      marked += (await mark(ctx, t.id, t.queuedAt, 'warning', waited)) ? 1 : 0;
    }
  }
  return marked;
}

async function mark(ctx: DomainContext, ticketId: number, queuedAt: Date, kind: 'warning' | 'breached', waitedMs: number) {
  const now = ctx.clock.now();
  const column = kind === 'breached' ? tickets.slaBreachedAt : tickets.slaWarnedAt;
  const won = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tickets)
      .set(kind === 'breached' ? { slaBreachedAt: now } : { slaWarnedAt: now })
      .where(
        and(
          eq(tickets.id, ticketId),
          eq(tickets.status, 'pending'),
          // Still the same stay in the queue (a claim and release since would have moved it on).
          lte(tickets.queuedAt, new Date(queuedAt.getTime() + 1)),
          or(isNull(column), lt(column, tickets.queuedAt)),
        ),
      )
      .returning({ id: tickets.id });
    if (!row) return false;
    await tx.insert(ticketEvents).values({
      ticketId,
      type: kind === 'breached' ? 'sla_breached' : 'sla_warning',
      data: { waited_seconds: Math.round(waitedMs / 1000) },
      createdAt: now,
    });
    return true;
  });
  if (won) await announce(ctx, ticketId, kind, waitedMs);
  return won;
}

/**
 * The response SLA: a claimed ticket whose customer has waited past the limit for an answer
 * since their (first unanswered) message is escalated: urgent, recorded, its agent and the
 * supervisors told. Once per unanswered stretch.
 */
export async function sweepResponseSla(ctx: DomainContext): Promise<number> {
  const sla = await getCachedSettings(ctx.db, slaSettings);
  const hours = await getCachedSettings(ctx.db, businessHoursSettings);
  const now = ctx.clock.now();
  const limitMs = sla.response_seconds * 1000;
  const candidates = await ctx.db
    .select({ id: tickets.id, since: tickets.awaitingReplySince, priority: tickets.priority })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'assigned'),
        lte(tickets.awaitingReplySince, new Date(now.getTime() - limitMs)),
        or(isNull(tickets.escalatedAt), lt(tickets.escalatedAt, tickets.awaitingReplySince)),
      ),
    )
    .orderBy(asc(tickets.awaitingReplySince))
    .limit(BATCH);
  let escalated = 0;
  for (const t of candidates) {
    if (!t.since) continue;
    const waited = openMillisBetween(t.since, now, hours);
    if (waited < limitMs) continue;
    if (await escalate(ctx, t.id, t.since, t.priority, waited)) escalated += 1;
  }
  return escalated;
}

async function escalate(ctx: DomainContext, ticketId: number, since: Date, from: string, waitedMs: number) {
  const now = ctx.clock.now();
  const won = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tickets)
      .set({ priority: 'urgent', escalatedAt: now, updatedAt: now })
      .where(
        and(
          eq(tickets.id, ticketId),
          eq(tickets.status, 'assigned'),
          lte(tickets.awaitingReplySince, new Date(since.getTime() + 1)),
          or(isNull(tickets.escalatedAt), lt(tickets.escalatedAt, tickets.awaitingReplySince)),
        ),
      )
      .returning({ id: tickets.id });
    if (!row) return false;
    await tx.insert(ticketEvents).values({
      ticketId,
      type: 'escalated',
      data: { from_priority: from, to_priority: 'urgent', reason: 'no_response', waited_seconds: Math.round(waitedMs / 1000) },
      createdAt: now,
    });
    return true;
  });
  if (!won) return false;
  const ticket = await getTicketView(ctx.db, ticketId);
  if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket });
  await announce(ctx, ticketId, 'escalated', waitedMs);
  ctx.logger.info({ ticketId, waitedSeconds: Math.round(waitedMs / 1000) }, 'ticket escalated: no answer in time');
  return true;
}

async function announce(ctx: DomainContext, ticketId: number, kind: 'warning' | 'breached' | 'escalated', waitedMs: number) {
  const ticket = await getTicketView(ctx.db, ticketId);
  if (!ticket) return;
  if (kind !== 'escalated') ctx.bus.publish({ type: 'ticket.updated', ticket });
  ctx.bus.publish({ type: 'sla.alert', kind, ticket, waitedSeconds: Math.round(waitedMs / 1000) });
}
