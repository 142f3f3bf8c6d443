import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketEvents, tickets } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { DomainError } from '../../lib/domain/errors';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import {
  claimTicket,
  getTicketFor,
  listAllTickets,
  listMyTickets,
  listQueue,
  resolveTicket,
} from '../../lib/domain/tickets';
import { markTicketRead } from '../../lib/domain/reads';
import type { TicketPriority } from '../../lib/domain/views';
import { createActor, createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { inbound } from '../helpers/fixtures';

const rank: Record<TicketPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** The DomainError a promise rejects with. */
async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe.each(databaseTargets())('tickets on %s: claim, queue, resolve', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  let sari: Actor;
  let budi: Actor;
  let supervisor: Actor;
  let n = 100;

  const newTicket = async (priority?: TicketPriority) =>
    (await ingestInboundMessage(t.ctx, inbound(channel, (n += 1), { priority }))).ticket;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
    [sari, budi, supervisor] = await Promise.all([
      createActor(database.db, 'agent', 'Sari'),
      createActor(database.db, 'agent', 'Budi'),
      createActor(database.db, 'supervisor', 'Dewi'),
    ]);
  });
  afterAll(() => database?.destroy());

  it('claim assigns the ticket to the agent, stamps assigned_at, records who, and announces it', async () => {
    const ticket = await newTicket();
    t.clock.advance(5_000);
    const before = t.events.length;
    const claimed = await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(claimed).toMatchObject({
      id: ticket.id,
      status: 'assigned',
      assigned_agent_id: sari.id,
      assigned_agent_name: 'Sari',
      assigned_at: t.clock.now().toISOString(),
    });
    expect(t.events.slice(before)).toEqual([{ type: 'ticket.updated', ticket: claimed, previousAssigneeId: null }]);
    const events = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ['created', null],
      ['claimed', sari.id],
    ]);
  });

  it('a second claim is a 409 naming who has it; unknown and resolved tickets are 404 and 409', async () => {
    const ticket = await newTicket();
    await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    const before = t.events.length;

    const lost = await domainError(claimTicket(t.ctx, { ticketId: ticket.id, actor: budi }));
    expect(lost).toMatchObject({ status: 409, code: 'ticket_already_claimed', message: 'Ticket already claimed by Sari.' });
    expect(lost.details).toMatchObject({ status: 'assigned', assigned_agent_id: sari.id, assigned_agent_name: 'Sari' });
    expect((await domainError(claimTicket(t.ctx, { ticketId: ticket.id, actor: sari }))).message).toBe('You already have this ticket.');
    expect(t.events.length).toBe(before);
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.assignedAgentId).toBe(sari.id);

    expect(await domainError(claimTicket(t.ctx, { ticketId: 987_654, actor: sari }))).toMatchObject({ status: 404, code: 'not_found' });

    const done = await newTicket();
    await resolveTicket(t.ctx, { ticketId: done.id, actor: supervisor });
    expect(await domainError(claimTicket(t.ctx, { ticketId: done.id, actor: budi }))).toMatchObject({
      status: 409,
      message: 'This ticket is already resolved.',
    });
  });

  it('the queue shows only pending tickets, most urgent first, then oldest first, and honours limit', async () => {
    const start = t.clock.now().getTime();
    const at = (seconds: number) => t.clock.set(new Date(start + seconds * 1000));
    at(10);
    const mediumLater = await newTicket('medium');
    at(1);
    // Created earlier in time, though inserted later (a larger id): time decides, not id.
    const mediumOlder = await newTicket('medium');
    at(20);
    const low = await newTicket('low');
    at(30);
    const urgentLater = await newTicket('urgent');
    at(2);
    const urgentOlder = await newTicket('urgent');
    at(40);
    const high = await newTicket('high');
    const claimed = await newTicket('urgent');
    await claimTicket(t.ctx, { ticketId: claimed.id, actor: budi });
    at(60);

    const queue = await listQueue(database.db, { limit: 200 });
    expect(queue.every((q) => q.status === 'pending')).toBe(true);
    expect(queue.map((q) => q.id)).not.toContain(claimed.id);
    const mine = new Set([mediumLater, mediumOlder, low, urgentLater, urgentOlder, high].map((x) => x.id));
    expect(queue.filter((q) => mine.has(q.id)).map((q) => q.id)).toEqual(
      [urgentOlder, urgentLater, high, mediumOlder, mediumLater, low].map((x) => x.id),
    );
    // The whole queue, not just these, is in that order.
    for (let i = 1; i < queue.length; i++) {
      const [a, b] = [queue[i - 1]!, queue[i]!];
      expect(rank[a.priority] < rank[b.priority] || (a.priority === b.priority && a.created_at <= b.created_at)).toBe(true);
    }
    expect((await listQueue(database.db, { limit: 2 })).map((q) => q.id)).toEqual(queue.slice(0, 2).map((q) => q.id));
  });

  it('my tickets are the open tickets assigned to me, and nobody else’s', async () => {
    const mine = await newTicket();
    const theirs = await newTicket();
    const closed = await newTicket();
    await claimTicket(t.ctx, { ticketId: mine.id, actor: sari });
    await claimTicket(t.ctx, { ticketId: theirs.id, actor: budi });
    await claimTicket(t.ctx, { ticketId: closed.id, actor: sari });
    await resolveTicket(t.ctx, { ticketId: closed.id, actor: sari });

    const sarisList = await listMyTickets(database.db, { agentId: sari.id });
    expect(sarisList.map((x) => x.id)).toContain(mine.id);
    expect(sarisList.map((x) => x.id)).not.toContain(theirs.id);
    expect(sarisList.map((x) => x.id)).not.toContain(closed.id);
    expect(sarisList.every((x) => x.status === 'assigned' && x.assigned_agent_id === sari.id)).toBe(true);
    expect((await listMyTickets(database.db, { agentId: supervisor.id })).length).toBe(0);
  });

  it('listAllTickets filters by status and priority and pages backwards with before_id', async () => {
    const urgentPending = await newTicket('urgent');
    const all = await listAllTickets(database.db, { limit: 500 });
    expect(all.map((x) => x.id)).toEqual([...all.map((x) => x.id)].sort((a, b) => b - a));

    const pendingUrgent = await listAllTickets(database.db, { status: 'pending', priority: 'urgent', limit: 500 });
    expect(pendingUrgent.map((x) => x.id)).toContain(urgentPending.id);
    expect(pendingUrgent.every((x) => x.status === 'pending' && x.priority === 'urgent')).toBe(true);
    expect(pendingUrgent.length).toBe(all.filter((x) => x.status === 'pending' && x.priority === 'urgent').length);
    const resolved = await listAllTickets(database.db, { status: 'resolved', limit: 500 });
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((x) => x.status === 'resolved')).toBe(true);
    const budis = await listAllTickets(database.db, { assignedAgentId: budi.id, limit: 500 });
    expect(budis.length).toBeGreaterThan(0);
    expect(budis.every((x) => x.assigned_agent_id === budi.id)).toBe(true);

    const paged: number[] = [];
    let beforeId: number | undefined;
    for (let page = 0; page < 100; page++) {
      const rows = await listAllTickets(database.db, { beforeId, limit: 3 });
      paged.push(...rows.map((x) => x.id));
      if (rows.length < 3) break;
      beforeId = rows.at(-1)!.id;
    }
    expect(paged).toEqual(all.map((x) => x.id));
  });

  it('only the assignee or a supervisor may resolve; the trail records created, claimed, resolved with actors', async () => {
    const ticket = await newTicket();
    await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(await domainError(resolveTicket(t.ctx, { ticketId: ticket.id, actor: budi }))).toMatchObject({ status: 403 });
    t.clock.advance(60_000);
    const resolved = await resolveTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(resolved).toMatchObject({ status: 'resolved', resolved_at: t.clock.now().toISOString(), unread_count: 0 });
    expect(await domainError(resolveTicket(t.ctx, { ticketId: ticket.id, actor: sari }))).toMatchObject({
      status: 409,
      code: 'ticket_resolved',
    });
    expect(await domainError(resolveTicket(t.ctx, { ticketId: 987_654, actor: supervisor }))).toMatchObject({ status: 404 });

    const trail = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id)).orderBy(asc(ticketEvents.id));
    expect(trail.map((e) => [e.type, e.actorId])).toEqual([
      ['created', null],
      ['claimed', sari.id],
      ['resolved', sari.id],
    ]);
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.resolvedBy).toBe(sari.id);

    // A supervisor may close a ticket nobody took.
    const waiting = await newTicket();
    expect((await resolveTicket(t.ctx, { ticketId: waiting.id, actor: supervisor })).status).toBe('resolved');
  });

  it('who may open a ticket: any agent while pending; once claimed, its assignee and supervisors only', async () => {
    const ticket = await newTicket();
    await expect(getTicketFor(t.ctx, budi, ticket.id)).resolves.toMatchObject({ id: ticket.id });
    await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(await domainError(getTicketFor(t.ctx, budi, ticket.id))).toMatchObject({ status: 403, code: 'forbidden' });
    await expect(getTicketFor(t.ctx, sari, ticket.id)).resolves.toMatchObject({ id: ticket.id });
    await expect(getTicketFor(t.ctx, supervisor, ticket.id)).resolves.toMatchObject({ id: ticket.id });
  });

  it('marking read clears the unread count for the assignee only', async () => {
    const ticket = await newTicket();
    await ingestInboundMessage(t.ctx, inbound(channel, n));
    await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(await markTicketRead(t.ctx, { ticketId: ticket.id, actor: budi })).toBeNull();
    const [still] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(still?.unreadCount).toBe(2);
    expect(await markTicketRead(t.ctx, { ticketId: ticket.id, actor: sari })).toMatchObject({ unread_count: 0 });
  });
});
