import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { ticketEvents, tickets } from '../db/schema';
import { openMillisBetween } from './business-hours';
import type { DomainContext } from './context';
import { businessHoursSettings, getCachedSettings, slaSettings } from './settings';
import { getTicketView } from './ticket-views';

const BATCH = 500;

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
  const waitedSeconds = Math.round(waitedMs / 1000);
  const ticket = await getTicketView(ctx.db, ticketId);
  if (ticket) {
    ctx.bus.publish({ type: 'ticket.updated', ticket });
    ctx.bus.publish({ type: 'sla.alert', kind: 'escalated', ticket, waitedSeconds });
  }
  ctx.logger.info({ ticketId, waitedSeconds }, 'ticket escalated: no answer in time');
  return true;
}
