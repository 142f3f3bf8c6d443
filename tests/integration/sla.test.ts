import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseTicket } from '../../lib/domain/assignment';
import type { Actor } from '../../lib/domain/context';
import { createReply } from '../../lib/domain/messages';
import { slaSettings } from '../../lib/domain/settings';
import { sweepWaitingSla } from '../../lib/domain/sla-waiting';
import { claimTicket } from '../../lib/domain/tickets';
import type { TicketView } from '../../lib/domain/views';
import type { SlaAlert, SlaMarks } from '../../lib/realtime/events';
import { databaseTargets } from '../helpers/database';
import type { Client } from '../helpers/sockets';
import { barrier, configure, type Desk, eventsOf, startDesk, ticketNow, people } from '../helpers/time-rules';

const SECOND = 1_000;

describe.each(databaseTargets())('SLA alerts and escalation on %s', (kind) => {
  let desk: Desk;
  let sari: Actor;
  let budi: Actor;
  let dewi: Actor;
  const tab = {} as Record<'sari' | 'budi' | 'dewi', Client>;
  let customer = 200;

  const db = () => desk.ctx.db;
  /** Runs the time rules several times, as a busy server would between two looks. */
  const sweepTimes = async (n = 5) => {
    for (let i = 0; i < n; i++) await desk.sweep();
  };
  const alertsFor = async (client: Client, ticketId: number, kind: SlaAlert['kind']) => {
    await barrier(client);
    return client.all<SlaAlert>('sla:alert').filter((a) => a.ticket.id === ticketId && a.kind === kind);
  };

  beforeAll(async () => {
    desk = await startDesk(kind);
    [sari, budi] = await people(db(), 'agent', ['Sari', 'Budi']);
    [dewi] = await people(db(), 'supervisor', ['Dewi']);
    await configure(db(), slaSettings, { waiting_seconds: 300, warning_percent: 80, response_seconds: 600 });
    tab.sari = await desk.connectAs(sari!);
    tab.budi = await desk.connectAs(budi!);
    tab.dewi = await desk.connectAs(dewi!);
  });
  afterAll(() => desk?.close());

  it('a waiting ticket warns at 80 % once and breaches at 100 % once, however often the sweep runs', async () => {
    const ticket = await desk.newTicket();
    desk.advance(239 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).sla_state).toBe('ok');
    expect(await alertsFor(tab.dewi, ticket.id, 'warning')).toEqual([]);

    desk.advance(1 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).sla_state).toBe('warning');
    expect(await eventsOf(db(), ticket.id, 'sla_warning')).toEqual([expect.objectContaining({ data: { waited_seconds: 240 } })]);
    for (const client of [tab.sari, tab.budi, tab.dewi]) {
      const alerts = await alertsFor(client, ticket.id, 'warning');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ waited_seconds: 240, ticket: { sla_state: 'warning', status: 'pending' } });
    }

    desk.advance(59 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).sla_state).toBe('warning');
    desk.advance(1 * SECOND);
    await sweepTimes();
    desk.advance(600 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).sla_state).toBe('breached');
    expect(await eventsOf(db(), ticket.id, 'sla_warning')).toHaveLength(1);
    expect(await eventsOf(db(), ticket.id, 'sla_breached')).toEqual([expect.objectContaining({ data: { waited_seconds: 300 } })]);
    expect(await alertsFor(tab.sari, ticket.id, 'breached')).toHaveLength(1);
    expect(await alertsFor(tab.dewi, ticket.id, 'breached')).toEqual([
      expect.objectContaining({ waited_seconds: 300, ticket: expect.objectContaining({ sla_state: 'breached' }) }),
    ]);
    expect(await alertsFor(tab.dewi, ticket.id, 'warning')).toHaveLength(1);
  });

  it('a ticket released back to the queue starts a fresh waiting clock', async () => {
    const ticket = await desk.newTicket();
    desk.advance(400 * SECOND);
    await sweepTimes(2);
    expect((await ticketNow(db(), ticket.id)).sla_state).toBe('breached');
    await claimTicket(desk.ctx, { ticketId: ticket.id, actor: sari });
    desk.advance(10 * SECOND);
    const released = await releaseTicket(desk.ctx, { ticketId: ticket.id, actor: sari });
    expect(released).toMatchObject({ status: 'pending', sla_state: 'ok', queued_at: desk.clock.now().toISOString() });

    desk.advance(239 * SECOND);
    await sweepTimes();
    expect(await eventsOf(db(), ticket.id, 'sla_warning')).toHaveLength(0);
    desk.advance(1 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).sla_state).toBe('warning');
    desk.advance(60 * SECOND);
    await sweepTimes();
    expect(await eventsOf(db(), ticket.id, 'sla_warning')).toHaveLength(1);
    expect(await eventsOf(db(), ticket.id, 'sla_breached')).toHaveLength(2);
    expect(await alertsFor(tab.budi, ticket.id, 'breached')).toHaveLength(2);
  });

  it('a claimed ticket nobody answers is escalated to urgent once, told to its agent and the supervisors only', async () => {
    const n = (customer += 1);
    const ticket = await desk.newTicket('halo, mau tanya tagihan', n);
    await claimTicket(desk.ctx, { ticketId: ticket.id, actor: sari });
    desk.advance(300 * SECOND);
    // A second message does not restart the wait: it runs from the oldest unanswered one.
    await desk.newTicket('halo? masih di sana?', n);
    desk.advance(299 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).priority).toBe('medium');

    desk.advance(1 * SECOND);
    await sweepTimes();
    const escalated = await ticketNow(db(), ticket.id);
    expect(escalated).toMatchObject({ priority: 'urgent', escalated_at: desk.clock.now().toISOString(), assigned_agent_id: sari.id });
    expect(await eventsOf(db(), ticket.id, 'escalated')).toEqual([
      expect.objectContaining({ data: { from_priority: 'medium', to_priority: 'urgent', reason: 'no_response', waited_seconds: 600 } }),
    ]);
    desk.advance(3_600 * SECOND);
    await sweepTimes();
    expect(await eventsOf(db(), ticket.id, 'escalated')).toHaveLength(1);
    expect(await alertsFor(tab.sari, ticket.id, 'escalated')).toEqual([expect.objectContaining({ waited_seconds: 600 })]);
    expect(await alertsFor(tab.dewi, ticket.id, 'escalated')).toHaveLength(1);
    expect(await alertsFor(tab.budi, ticket.id, 'escalated')).toEqual([]);
    expect(tab.budi.all<{ id: number }>('ticket:updated').some((t) => t.id === ticket.id)).toBe(true);
  });

  it('an agent reply stops the response clock; the next unanswered message starts it again', async () => {
    const n = (customer += 1);
    const ticket = await desk.newTicket('status pesanan saya?', n);
    await claimTicket(desk.ctx, { ticketId: ticket.id, actor: budi });
    desk.advance(590 * SECOND);
    await createReply(desk.ctx, { ticketId: ticket.id, actor: budi, text: 'Sedang kami cek, mohon tunggu.' });
    expect((await ticketNow(db(), ticket.id)).awaiting_reply_since).toBeNull();
    desk.advance(3_600 * SECOND);
    await sweepTimes();
    expect((await ticketNow(db(), ticket.id)).priority).toBe('medium');
    expect(await eventsOf(db(), ticket.id, 'escalated')).toEqual([]);

    await desk.newTicket('sudah sejam, bagaimana?', n);
    desk.advance(599 * SECOND);
    await sweepTimes();
    expect(await eventsOf(db(), ticket.id, 'escalated')).toEqual([]);
    desk.advance(1 * SECOND);
    await sweepTimes();
    expect(await eventsOf(db(), ticket.id, 'escalated')).toHaveLength(1);
    expect(await alertsFor(tab.budi, ticket.id, 'escalated')).toHaveLength(1);
    expect(await alertsFor(tab.sari, ticket.id, 'escalated')).toEqual([]);
  });

  it('a waiting ticket is never escalated for no answer: the response SLA starts when someone holds it', async () => {
    const ticket = await desk.newTicket();
    desk.advance(2_000 * SECOND);
    await sweepTimes();
    expect(await eventsOf(db(), ticket.id, 'escalated')).toEqual([]);
    expect((await ticketNow(db(), ticket.id)).priority).toBe('medium');
  });

  it('a backlog crossing a mark together: one frame per page naming the tickets, each marked once, none passed over', async () => {
    const first: TicketView[] = [];
    for (let i = 0; i < 5; i++) first.push(await desk.newTicket());
    desk.advance(10 * SECOND);
    const later: TicketView[] = [];
    for (let i = 0; i < 3; i++) later.push(await desk.newTicket());
    const seen = async () => {
      await barrier(tab.budi);
      return tab.budi.received.length;
    };
    /** What the sweep pushed since `from`, as [event, ticket ids]. */
    const pushedSince = async (from: number) => {
      await barrier(tab.budi);
      return tab.budi.received.slice(from).flatMap(({ event, args }) => {
        if (event === 'sla:marks') return [[event, (args[0] as SlaMarks).marks.map((m) => m.id)]];
        if (event === 'sla:alert') return [[event, [(args[0] as SlaAlert).ticket.id]]];
        if (event === 'ticket:updated') return [[event, [(args[0] as TicketView).id]]];
        return [];
      });
    };
    const ids = (tickets: TicketView[]) => tickets.map((t) => t.id);

    // The first five (queued at the same instant) reach 80 %: pages of two, the last a lone ticket.
    desk.advance(230 * SECOND);
    let from = await seen();
    expect(await sweepWaitingSla(desk.ctx, { page: 2 })).toBe(5);
    const [f1, f2, f3, f4, f5] = ids(first);
    expect(await pushedSince(from)).toEqual([
      ['sla:marks', [f1, f2]],
      ['sla:marks', [f3, f4]],
      ['ticket:updated', [f5]],
      ['sla:alert', [f5]],
    ]);
    const [burst] = tab.budi.all<SlaMarks>('sla:marks').slice(-2);
    expect(burst).toMatchObject({ kind: 'warning', marks: [{ id: f1, queued_at: first[0]!.queued_at, waited_seconds: 240 }, { id: f2 }] });
    // Few enough to be shown one by one: each comes with its full alert.
    expect(burst!.alerts.map((a) => [a.ticket.id, a.ticket.sla_state, a.waited_seconds])).toEqual([
      [f1, 'warning', 240],
      [f2, 'warning', 240],
    ]);
    expect((await ticketNow(db(), f4!)).sla_state).toBe('warning');

    // The oldest, warned and not yet late, do not stand in front of the younger ones.
    desk.advance(10 * SECOND);
    from = await seen();
    expect(await sweepWaitingSla(desk.ctx, { page: 2 })).toBe(3);
    const [l1, l2, l3] = ids(later);
    expect(await pushedSince(from)).toEqual([
      ['sla:marks', [l1, l2]],
      ['ticket:updated', [l3]],
      ['sla:alert', [l3]],
    ]);

    // Late, all eight in one page: each once.
    desk.advance(60 * SECOND);
    from = await seen();
    await sweepTimes();
    expect(await pushedSince(from)).toEqual([['sla:marks', [...ids(first), ...ids(later)]]]);
    // Too many to show one by one: only the longest wait comes in full, for the summary.
    expect(tab.budi.all<SlaMarks>('sla:marks').at(-1)!.alerts).toEqual([
      expect.objectContaining({ kind: 'breached', waited_seconds: 310, ticket: expect.objectContaining({ id: f1, sla_state: 'breached' }) }),
    ]);
    const all = [...first, ...later];
    const count = (type: string) => Promise.all(all.map(async (t) => (await eventsOf(db(), t.id, type)).length));
    expect(await count('sla_warning')).toEqual(all.map(() => 1));
    expect(await count('sla_breached')).toEqual(all.map(() => 1));
    expect(await eventsOf(db(), l1!, 'sla_breached')).toEqual([expect.objectContaining({ data: { waited_seconds: 300 } })]);
    expect((await ticketNow(db(), l3!)).sla_state).toBe('breached');
  });
});
