import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRow } from '../../lib/db/schema';
import { tickets, users } from '../../lib/db/schema';
import { autoAssignWaiting } from '../../lib/domain/auto-assign';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { handOnTickets } from '../../lib/domain/presence';
import { routingSettings, slaSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import type { DomainEvent } from '../../lib/realtime/bus';
import { insertActors } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { configure, customerWrites, eventsOf, heldBy, setCapacity, startTwoProcesses, people } from '../helpers/time-rules';

const SECOND = 1_000;
type Alert = Extract<DomainEvent, { type: 'sla.alert' }>;
type Marked = Extract<DomainEvent, { type: 'sla.marked' }>;

describe.each(databaseTargets())('two processes sweeping one database (%s)', (kind) => {
  let desk: Awaited<ReturnType<typeof startTwoProcesses>>;
  let channel: ChannelRow;
  let helper: Actor;
  const stayingOnline = new Set<number>();

  const ctx = () => desk.processes[0]!.t.ctx;
  const newTickets = async (count: number) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push((await customerWrites(ctx(), channel, 'halo')).ticket.id);
    return ids;
  };
  /** The tickets announced with that kind of alert or mark, by either process (a backlog's marks come as one event). */
  const alerts = (kind: Alert['kind'] | Marked['kind'], ids: number[]) =>
    desk
      .events()
      .flatMap((e) => {
        if (e.type === 'sla.alert' && e.kind === kind) return [e.ticket.id];
        if (e.type === 'sla.marked' && e.kind === kind) return e.marks.map((m) => m.id);
        return [];
      })
      .filter((id) => ids.includes(id));
  const perTicket = async (ids: number[], type: string) => Promise.all(ids.map(async (id) => (await eventsOf(desk.db, id, type)).length));

  beforeAll(async () => {
    desk = await startTwoProcesses(kind, () => [...stayingOnline]);
    channel = await ensureChannel(desk.db, 'gateway', 'Gateway');
    [helper] = await people(desk.db, 'agent', ['Helper']);
    // Settings are read through each process's short cache: set them before anyone sweeps.
    await configure(desk.db, slaSettings, { waiting_seconds: 300, warning_percent: 80, response_seconds: 600 });
    await configure(desk.db, routingSettings, { offline_grace_seconds: 120, on_agent_offline: 'reassign', auto_assign: false });
  });
  afterAll(() => desk?.close());

  it('each waiting ticket warns once and breaches once, announced by exactly one process', async () => {
    const ids = await newTickets(15);
    desk.clock.advance(240 * SECOND);
    await desk.sweepTogether(4);
    expect(await perTicket(ids, 'sla_warning')).toEqual(ids.map(() => 1));
    desk.clock.advance(60 * SECOND);
    await desk.sweepTogether(4);
    expect(await perTicket(ids, 'sla_warning')).toEqual(ids.map(() => 1));
    expect(await perTicket(ids, 'sla_breached')).toEqual(ids.map(() => 1));
    expect(alerts('warning', ids)).toHaveLength(ids.length);
    expect(alerts('breached', ids)).toHaveLength(ids.length);
    expect(new Set(alerts('breached', ids)).size).toBe(ids.length);
    // Claimed so the next tests' sweeps leave them alone.
    for (const ticketId of ids) await claimTicket(ctx(), { ticketId, actor: helper });
  });

  it('each unanswered ticket is escalated once', async () => {
    const ids = await newTickets(15);
    for (const ticketId of ids) await claimTicket(ctx(), { ticketId, actor: helper });
    desk.clock.advance(600 * SECOND);
    await desk.sweepTogether(4);
    expect(await perTicket(ids, 'escalated')).toEqual(ids.map(() => 1));
    expect(alerts('escalated', ids)).toHaveLength(ids.length);
    const escalatedUpdates = desk.events().filter((e) => e.type === 'ticket.updated' && ids.includes(e.ticket.id) && e.ticket.priority === 'urgent');
    expect(escalatedUpdates).toHaveLength(ids.length);
  });

  it('agents going offline: each goes offline once, each ticket moves once, the receiver never past their limit', async () => {
    const gone = await insertActors(desk.db, 'agent', ['Gone 1', 'Gone 2', 'Gone 3']);
    const [receiver] = await insertActors(desk.db, 'agent', ['Receiver']);
    stayingOnline.add(receiver!.id);
    await desk.db
      .update(users)
      .set({ presence: 'online', lastSeenAt: desk.clock.now() })
      .where(inArray(users.id, [...gone.map((g) => g.id), receiver!.id]));
    await setCapacity(desk.db, receiver!.id, 4);
    const held: number[] = [];
    for (const agent of gone) {
      for (const ticketId of await newTickets(3)) held.push((await claimTicket(ctx(), { ticketId, actor: agent })).id);
    }
    // The helper is full of old tickets and offline too; keep them out of it.
    await desk.db.update(users).set({ presence: 'offline' }).where(eq(users.id, helper.id));

    desk.clock.advance(121 * SECOND);
    await desk.db.update(users).set({ lastSeenAt: desk.clock.now() }).where(eq(users.id, receiver!.id));
    await desk.sweepTogether(3);

    for (const agent of gone) expect(await heldBy(desk.db, agent.id)).toEqual([]);
    const wentOffline = desk.events().filter((e) => e.type === 'presence.changed' && e.user?.presence === 'offline');
    for (const agent of gone) expect(wentOffline.filter((e) => e.type === 'presence.changed' && e.user?.id === agent.id)).toHaveLength(1);
    expect(await heldBy(desk.db, receiver!.id)).toHaveLength(4);
    const moves = await Promise.all(
      held.map(async (id) => [...(await eventsOf(desk.db, id, 'released')), ...(await eventsOf(desk.db, id, 'transferred'))].length),
    );
    expect(moves).toEqual(held.map(() => 1));
    const rows = await desk.db.select({ status: tickets.status }).from(tickets).where(inArray(tickets.id, held));
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(held.length - 4);
  });

  it('two processes handing on two agents’ tickets at the same moment never overfill the receiver nor strand a ticket', async () => {
    const rounds = kind === 'postgres' ? 6 : 2;
    for (let round = 0; round < rounds; round++) {
      const pair = await insertActors(desk.db, 'agent', [`Left ${round}a`, `Left ${round}b`]);
      const [receiver] = await insertActors(desk.db, 'agent', [`Taker ${round}`]);
      await desk.db.update(users).set({ presence: 'offline' }).where(eq(users.role, 'agent'));
      await desk.db.update(users).set({ presence: 'online', lastSeenAt: desk.clock.now() }).where(inArray(users.id, pair.map((a) => a.id)));
      const held = [];
      for (const agent of pair) for (const ticketId of await newTickets(3)) held.push((await claimTicket(ctx(), { ticketId, actor: agent })).id);
      await desk.db.update(users).set({ presence: 'offline' }).where(inArray(users.id, pair.map((a) => a.id)));
      await desk.db.update(users).set({ presence: 'online', capacity: 3, lastSeenAt: desk.clock.now() }).where(eq(users.id, receiver!.id));

      const results = await Promise.allSettled(pair.map((agent, i) => handOnTickets(desk.processes[i]!.t.ctx, agent.id, 'agent_offline')));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      for (const agent of pair) expect(await heldBy(desk.db, agent.id)).toEqual([]);
      expect(await heldBy(desk.db, receiver!.id)).toHaveLength(3);
      const moves = await Promise.all(
        held.map(async (id) => [...(await eventsOf(desk.db, id, 'released')), ...(await eventsOf(desk.db, id, 'transferred'))].length),
      );
      expect(moves).toEqual(held.map(() => 1));
    }
  });

  it('two processes auto-assigning at once hand each ticket out once and fill nobody past their limit', async () => {
    const team = await insertActors(desk.db, 'agent', ['Auto 1', 'Auto 2', 'Auto 3']);
    for (const agent of team) {
      stayingOnline.add(agent.id);
      await setCapacity(desk.db, agent.id, 3);
    }
    await desk.db.update(users).set({ presence: 'offline' }).where(eq(users.role, 'agent'));
    await desk.db.update(users).set({ presence: 'online', lastSeenAt: desk.clock.now() }).where(inArray(users.id, team.map((a) => a.id)));
    await newTickets(20);
    const ids = (await desk.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.status, 'pending'))).map((r) => r.id);
    await Promise.all([
      ...desk.processes.map((p) => autoAssignWaiting(p.t.ctx)),
      ...desk.processes.map((p) => autoAssignWaiting(p.t.ctx)),
    ]);
    await autoAssignWaiting(ctx());
    for (const agent of team) expect(await heldBy(desk.db, agent.id)).toHaveLength(3);
    const handedOut = await perTicket(ids, 'assigned');
    expect(handedOut.filter((n) => n === 1)).toHaveLength(9);
    expect(handedOut.every((n) => n <= 1)).toBe(true);
  });
});
