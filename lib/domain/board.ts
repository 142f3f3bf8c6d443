import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { contacts, tickets } from '../db/schema';
import { listAgents } from './agents';
import { listChannels, presentChannel } from './channels';
import { countOpenTickets } from './queue-counts';
import { getCachedSettings, teamSettings } from './settings';
import type { BoardSnapshot } from './views';

/** Local midnight of `now` in `timezone`, computed by the database (its zone rules decide DST). */
export const localMidnight = (now: Date, timezone: string) =>
  sql`(date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${timezone}) at time zone ${timezone})`;

/**
 * The supervisor's board in a handful of small indexed queries (run together): counts,
 * today's resolutions and SLA marks, the longest-waiting ticket, people, numbers.
 * The SLA counts follow the marks the waiting-SLA sweep records (as every ticket's
 * `sla_state` does), so the board and the queue never disagree.
 */
export async function getBoardSnapshot(db: Database, { now, seq }: { now: Date; seq: number }): Promise<BoardSnapshot> {
  const { timezone } = await getCachedSettings(db, teamSettings);
  const breached = sql`${tickets.slaBreachedAt} >= ${tickets.queuedAt}`;
  const warned = sql`${tickets.slaWarnedAt} >= ${tickets.queuedAt}`;
  const [open, facts, oldest, agents, channels] = await Promise.all([
    countOpenTickets(db),
    db
      .select({
        resolvedToday: sql<number>`(select count(*)::int from ${tickets} where ${tickets.resolvedAt} >= ${localMidnight(now, timezone)})`,
        breached: sql<number>`(select count(*)::int from ${tickets} where ${tickets.status} = 'pending' and ${breached})`,
        warning: sql<number>`(select count(*)::int from ${tickets} where ${tickets.status} = 'pending' and ${warned} and not coalesce(${breached}, false))`,
      })
      .from(sql`(select 1) as one`),
    db
      .select({ id: tickets.id, queuedAt: tickets.queuedAt, name: contacts.name, phone: contacts.phone })
      .from(tickets)
      .innerJoin(contacts, eq(contacts.id, tickets.contactId))
      .where(eq(tickets.status, 'pending'))
      .orderBy(asc(tickets.queuedAt), asc(tickets.id))
      .limit(1),
    listAgents(db),
    listChannels(db),
  ]);
  const [f] = facts;
  const [first] = oldest;
  const { total, ...pending } = open.pending;
  return {
    seq,
    pending,
    pending_total: total,
    assigned: open.assigned,
    resolved_today: Number(f?.resolvedToday ?? 0),
    oldest_waiting: first
      ? { ticket_id: first.id, customer_name: first.name, customer_phone: first.phone, queued_at: first.queuedAt.toISOString() }
      : null,
    sla: { warning: Number(f?.warning ?? 0), breached: Number(f?.breached ?? 0) },
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      presence: a.presence,
      open_tickets: a.open_tickets,
      capacity: a.capacity,
    })),
    channels: channels.map(presentChannel).map((c) => ({ id: c.id, name: c.name, kind: c.kind, status: c.status, phone: c.phone })),
    timezone,
    generated_at: now.toISOString(),
  };
}
