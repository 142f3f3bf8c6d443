import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tickets, users } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { autoAssignWaiting } from '../../lib/domain/auto-assign';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { markConnected, setPresence } from '../../lib/domain/presence';
import { routingSettings } from '../../lib/domain/settings';
import { claimTicket, resolveTicket } from '../../lib/domain/tickets';
import { startSweepers } from '../../server/sweepers';
import { createTestContext, insertActors, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { createManualTimers } from '../helpers/timers';
import { configure, customerWrites, eventsOf, heldBy, setCapacity, ticketNow } from '../helpers/time-rules';

describe.each(databaseTargets())('auto-assignment on %s', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  let timers: ReturnType<typeof createManualTimers>;
  let sweepers: ReturnType<typeof startSweepers>;
  let agents: Actor[];
  const online = new Set<number>();

  const db = () => database.db;
  const newTicket = async (text = 'halo') => (await customerWrites(t.ctx, channel, text)).ticket.id;
  const comeOnline = async (...people: Actor[]) => {
    for (const actor of people) {
      online.add(actor.id);
      await markConnected(t.ctx, actor.id);
    }
  };
  /** The coalesced "assign soon" fires; resolves once the expectation holds. */
  const soon = async (check: () => Promise<void>) => {
    timers.advance(100);
    await vi.waitFor(check);
  };
  const pending = async () => (await db().select({ id: tickets.id }).from(tickets).where(eq(tickets.status, 'pending'))).map((r) => r.id);

  beforeAll(async () => {
    database = await createTestDatabase(kind, { maxConnections: 30 });
    t = createTestContext(database.db);
    timers = createManualTimers(t.clock);
    channel = await ensureChannel(db(), 'gateway', 'Gateway');
    agents = await insertActors(db(), 'agent', ['A', 'B', 'C', 'D']);
    sweepers = startSweepers({ ctx: t.ctx, timers: timers.timers, intervalMs: 0, connectedHere: () => [...online] });
  });
  afterAll(async () => {
    sweepers?.stop();
    await database?.destroy();
  });
  // Every test starts with an empty desk: nobody online, nothing open, auto-assignment on.
  beforeEach(async () => {
    online.clear();
    await db().update(users).set({ presence: 'offline', capacity: null, lastAssignedAt: null });
    await db().update(tickets).set({ status: 'resolved' }).where(inArray(tickets.status, ['pending', 'assigned']));
    await configure(db(), routingSettings, { auto_assign: true });
  });

  it('is off unless the admins turn it on', async () => {
    await configure(db(), routingSettings, { auto_assign: false });
    await comeOnline(agents[0]!);
    const ticketId = await newTicket();
    timers.advance(100);
    await sweepers.sweep();
    expect((await ticketNow(db(), ticketId)).status).toBe('pending');
  });

  it('a new ticket goes at once to the online agent with the most room', async () => {
    const [a, b, c] = agents;
    await setCapacity(db(), a!.id, 2);
    await setCapacity(db(), b!.id, 4);
    await setCapacity(db(), c!.id, 9);
    await comeOnline(a!, b!, c!);
    await setPresence(t.ctx, c!.id, 'away');
    const ticketId = await newTicket();
    await soon(async () => expect((await ticketNow(db(), ticketId)).assigned_agent_id).toBe(b!.id));
    expect(await eventsOf(db(), ticketId, 'assigned')).toEqual([
      expect.objectContaining({ actorId: null, data: { to_agent_id: b!.id, to_agent_name: 'B', reason: 'auto' } }),
    ]);
    expect(t.events.some((e) => e.type === 'ticket.updated' && e.ticket.id === ticketId && e.ticket.assigned_agent_id === b!.id)).toBe(true);
  });

  it('among agents with equal room it goes round the table', async () => {
    const [a, b, c] = agents;
    await comeOnline(a!, b!, c!);
    const order: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.clock.advance(1_000);
      const ticketId = await newTicket();
      await soon(async () => expect((await ticketNow(db(), ticketId)).status).toBe('assigned'));
      const ticket = await ticketNow(db(), ticketId);
      order.push(ticket.assigned_agent_id!);
      // Answered and closed at once: everyone has equal room again.
      await resolveTicket(t.ctx, { ticketId, actor: agents.find((x) => x.id === ticket.assigned_agent_id)! });
    }
    expect(order).toEqual([a!.id, b!.id, c!.id, a!.id, b!.id, c!.id]);
  });

  it('the waiting backlog goes to an agent as they come online, most urgent first, never past their limit', async () => {
    const [a, b] = agents;
    const waiting = [await newTicket(), await newTicket(), await newTicket(), await newTicket('ini darurat'), await newTicket()];
    await sweepers.sweep();
    expect(await pending()).toHaveLength(5);

    await setCapacity(db(), a!.id, 3);
    await comeOnline(a!);
    await soon(async () => expect(await heldBy(db(), a!.id)).toHaveLength(3));
    expect(await heldBy(db(), a!.id)).toEqual(expect.arrayContaining([waiting[3], waiting[0], waiting[1]]));
    await sweepers.sweep();
    expect(await heldBy(db(), a!.id)).toHaveLength(3);
    expect(await pending()).toHaveLength(2);

    await comeOnline(b!);
    await soon(async () => expect(await heldBy(db(), b!.id)).toEqual(expect.arrayContaining([waiting[2], waiting[4]])));
    expect(await pending()).toEqual([]);
  });

  it('a released ticket is handed on to someone with room', async () => {
    const [a, b] = agents;
    await setCapacity(db(), a!.id, 1);
    await setCapacity(db(), b!.id, 1);
    await comeOnline(a!);
    const first = await newTicket();
    await soon(async () => expect(await heldBy(db(), a!.id)).toEqual([first]));
    await comeOnline(b!);
    const { releaseTicket } = await import('../../lib/domain/assignment');
    await releaseTicket(t.ctx, { ticketId: first, actor: a! });
    await soon(async () => expect((await ticketNow(db(), first)).status).toBe('assigned'));
  });

  it('many assigners and claims at once: no ticket handed out twice, nobody past their limit', async () => {
    for (const agent of agents) await setCapacity(db(), agent.id, 3);
    await comeOnline(...agents);
    await configure(db(), routingSettings, { auto_assign: false });
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(await newTicket());
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => autoAssignWaiting(t.ctx)),
      ...agents.flatMap((actor) => ids.slice(0, 3).map((ticketId) => claimTicket(t.ctx, { ticketId, actor }))),
    ]);
    for (const r of results) {
      if (r.status === 'rejected') expect(['capacity_reached', 'ticket_already_claimed']).toContain((r.reason as { code: string }).code);
    }
    await autoAssignWaiting(t.ctx);
    for (const agent of agents) expect(await heldBy(db(), agent.id)).toHaveLength(3);
    expect(await pending()).toHaveLength(30 - 12);
    for (const ticketId of ids) {
      const takes = [...(await eventsOf(db(), ticketId, 'assigned')), ...(await eventsOf(db(), ticketId, 'claimed'))];
      const [row] = await db().select({ status: tickets.status }).from(tickets).where(and(eq(tickets.id, ticketId)));
      expect(takes).toHaveLength(row!.status === 'assigned' ? 1 : 0);
    }
  });
});
