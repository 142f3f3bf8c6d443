import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as presenceRoute } from '../../app/api/me/presence/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import { routingSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import type { TicketView } from '../../lib/domain/views';
import type { Notice, PresenceUpdate } from '../../lib/realtime/events';
import { databaseTargets } from '../helpers/database';
import { call } from '../helpers/http';
import type { Client } from '../helpers/sockets';
import { barrier, configure, type Desk, eventsOf, heldBy, presenceOf, setCapacity, startDesk, ticketNow, people } from '../helpers/time-rules';

const SECOND = 1_000;

describe.each(databaseTargets())('presence and handing tickets on, on %s', (kind) => {
  let desk: Desk;
  let sari: Actor;
  let budi: Actor;
  let ani: Actor;
  let dewi: Actor;
  let watcher: Client;

  const db = () => desk.ctx.db;
  const claimNew = async (actor: Actor, count: number) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push((await claimTicket(desk.ctx, { ticketId: (await desk.newTicket()).id, actor })).id);
    return ids;
  };
  const sweepTimes = async (n = 3) => {
    for (let i = 0; i < n; i++) await desk.sweep();
  };
  const handOns = async (ticketId: number) =>
    [...(await eventsOf(db(), ticketId, 'released')), ...(await eventsOf(db(), ticketId, 'transferred'))].filter((e) =>
      ['agent_offline', 'agent_away'].includes(e.data.reason as string),
    );
  const setPresence = async (actor: Actor, presence: 'online' | 'away' | 'offline') => {
    const { token } = await createApiToken(db(), { userId: actor.id, name: 'presence', now: desk.clock.now() });
    return call(presenceRoute, '/api/me/presence', { token, body: { presence } });
  };

  beforeAll(async () => {
    desk = await startDesk(kind);
    [sari, budi, ani] = await people(db(), 'agent', ['Sari', 'Budi', 'Ani']);
    [dewi] = await people(db(), 'supervisor', ['Dewi']);
    await configure(db(), routingSettings, { offline_grace_seconds: 120, on_agent_offline: 'queue', reassign_when_away: false });
    watcher = await desk.connectAs(dewi!);
  });
  afterAll(() => desk?.close());

  it('an agent is offline only when every tab has been closed for the grace period; then their tickets go back to the queue, once', async () => {
    expect((await presenceOf(db(), sari.id)).presence).toBe('offline');
    const first = await desk.connectAs(sari);
    const second = await desk.connectAs(sari);
    const budiTab = await desk.connectAs(budi);
    expect((await presenceOf(db(), sari.id)).presence).toBe('online');
    const held = await claimNew(sari, 2);

    await desk.closeTab(sari, first);
    desk.advance(600 * SECOND);
    await sweepTimes();
    expect((await presenceOf(db(), sari.id)).presence).toBe('online');

    await desk.closeTab(sari, second);
    desk.advance(119 * SECOND);
    await sweepTimes();
    expect((await presenceOf(db(), sari.id)).presence).toBe('online');
    expect(await heldBy(db(), sari.id)).toEqual(expect.arrayContaining(held));

    desk.advance(2 * SECOND);
    await sweepTimes(5);
    expect((await presenceOf(db(), sari.id)).presence).toBe('offline');
    expect(await heldBy(db(), sari.id)).toEqual([]);
    for (const ticketId of held) {
      expect(await ticketNow(db(), ticketId)).toMatchObject({ status: 'pending', assigned_agent_id: null, sla_state: 'ok' });
      expect(await handOns(ticketId)).toEqual([
        expect.objectContaining({ type: 'released', data: { from_agent_id: sari.id, reason: 'agent_offline' } }),
      ]);
      await budiTab.waitFor<TicketView>('ticket:updated', (t) => t.id === ticketId && t.status === 'pending');
    }
    await watcher.waitFor<PresenceUpdate>('presence:updated', (p) => p.id === sari.id && p.presence === 'offline');

    const back = await desk.connectAs(sari);
    const notice = await back.waitFor<Notice>('notice');
    expect(notice.kind).toBe('tickets_moved');
    expect(notice.tickets).toEqual(expect.arrayContaining(held.map((ticket_id) => ({ ticket_id, moved_to: 'queue' }))));
    expect(notice.tickets).toHaveLength(2);
    await desk.closeTab(sari, back);
  });

  it('coming back within the grace period moves nothing and says nothing', async () => {
    const tab = await desk.connectAs(ani);
    const [ticketId] = await claimNew(ani, 1);
    await desk.closeTab(ani, tab);
    desk.advance(90 * SECOND);
    await sweepTimes();
    const again = await desk.connectAs(ani);
    desk.advance(300 * SECOND);
    await sweepTimes();
    expect((await presenceOf(db(), ani.id)).presence).toBe('online');
    expect(await heldBy(db(), ani.id)).toEqual([ticketId]);
    expect(await handOns(ticketId!)).toEqual([]);
    await barrier(again);
    expect(again.all('notice')).toEqual([]);
  });

  it('with reassignment on, tickets go to online agents with room and the rest to the queue', async () => {
    await configure(db(), routingSettings, { on_agent_offline: 'reassign' });
    // Ani (online) has room for one more; Budi (online) is full.
    await setCapacity(db(), ani.id, (await heldBy(db(), ani.id)).length + 1);
    await claimNew(budi, 1);
    await setCapacity(db(), budi.id, (await heldBy(db(), budi.id)).length);
    const aniTab = await desk.connectAs(ani);
    const tab = await desk.connectAs(sari);
    const held = await claimNew(sari, 2);
    await desk.closeTab(sari, tab);
    desk.advance(121 * SECOND);
    await sweepTimes(5);

    expect(await heldBy(db(), sari.id)).toEqual([]);
    const after = await Promise.all(held.map((ticketId) => ticketNow(db(), ticketId)));
    const toAni = after.filter((t) => t.assigned_agent_id === ani.id);
    const queued = after.filter((t) => t.status === 'pending');
    expect(toAni).toHaveLength(1);
    expect(queued).toHaveLength(1);
    expect(await handOns(toAni[0]!.id)).toEqual([
      expect.objectContaining({ type: 'transferred', data: expect.objectContaining({ from_agent_id: sari.id, to_agent_id: ani.id, reason: 'agent_offline' }) }),
    ]);
    expect(await handOns(queued[0]!.id)).toEqual([expect.objectContaining({ type: 'released' })]);
    await aniTab.waitFor<TicketView>('ticket:updated', (t) => t.id === toAni[0]!.id && t.assigned_agent_id === ani.id);

    const back = await desk.connectAs(sari);
    const notice = await back.waitFor<Notice>('notice');
    expect(notice.tickets).toEqual(
      expect.arrayContaining([
        { ticket_id: toAni[0]!.id, moved_to: 'agent' },
        { ticket_id: queued[0]!.id, moved_to: 'queue' },
      ]),
    );
    expect(notice.tickets).toHaveLength(2);
    await desk.closeTab(sari, back);
    await configure(db(), routingSettings, { on_agent_offline: 'queue' });
  });

  it('away keeps the tickets unless the admins chose to hand them on; away agents get none', async () => {
    await setCapacity(db(), budi.id, null);
    const [kept] = await claimNew(budi, 1);
    expect((await setPresence(budi, 'away')).status).toBe(200);
    expect((await presenceOf(db(), budi.id)).presence).toBe('away');
    await watcher.waitFor<PresenceUpdate>('presence:updated', (p) => p.id === budi.id && p.presence === 'away');
    expect(await heldBy(db(), budi.id)).toContain(kept);
    expect(await handOns(kept!)).toEqual([]);
    expect((await setPresence(budi, 'offline')).status).toBe(400);

    await setPresence(budi, 'online');
    await configure(db(), routingSettings, { reassign_when_away: true });
    const budiHeld = await heldBy(db(), budi.id);
    await setPresence(budi, 'away');
    expect(await heldBy(db(), budi.id)).toEqual([]);
    for (const ticketId of budiHeld) {
      expect(await handOns(ticketId)).toEqual([expect.objectContaining({ type: 'released', data: { from_agent_id: budi.id, reason: 'agent_away' } })]);
    }
    await sweepTimes();
    expect(await heldBy(db(), budi.id)).toEqual([]);
    await configure(db(), routingSettings, { reassign_when_away: false });
  });

  it('an away agent whose tabs are all closed goes offline after the grace period', async () => {
    const tabs = desk.app.server.hub.presence.isOnline(budi.id);
    expect(tabs).toBe(true);
    const budiSockets = [...desk.app.server.hub.io.of('/').sockets.values()].filter((s) => s.data.actor.id === budi.id);
    for (const socket of budiSockets) socket.disconnect(true);
    desk.advance(121 * SECOND);
    await sweepTimes();
    expect((await presenceOf(db(), budi.id)).presence).toBe('offline');
    await watcher.waitFor<PresenceUpdate>('presence:updated', (p) => p.id === budi.id && p.presence === 'offline');
  });
});
