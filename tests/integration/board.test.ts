import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets, users } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { assignTicket, releaseTicket } from '../../lib/domain/assignment';
import { autoAssignWaiting } from '../../lib/domain/auto-assign';
import { getBoardSnapshot } from '../../lib/domain/board';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { teamSettings, updateSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import { createTestContext, insertActors, type TestContext } from '../helpers/context';
import { insertTicket } from '../helpers/constructed-tickets';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { inbound } from '../helpers/fixtures';

const wib = (local: string) => new Date(`${local}+07:00`).toISOString();

describe.each(databaseTargets())('supervisor board on %s', (kind) => {
  let database: TestDatabase;
  let channel: ChannelRow;
  let ani: Actor;
  let budi: Actor;
  let sinta: Actor;
  let banned: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    channel = await ensureChannel(db, 'gateway', 'Gateway');
    [budi, ani] = (await insertActors(db, 'agent', ['Budi', 'Ani'])) as [Actor, Actor];
    [sinta] = (await insertActors(db, 'supervisor', ['Sinta'])) as [Actor];
    [banned] = (await insertActors(db, 'agent', ['Zed'])) as [Actor];
    await db.update(users).set({ banned: true }).where(eq(users.id, banned.id));
    await db.update(users).set({ capacity: 3, presence: 'online' }).where(eq(users.id, ani.id));
  });
  afterAll(() => database?.destroy());

  it('counts the queue by priority, open tickets, today’s resolutions (local midnight), SLA marks, the longest wait, people and numbers', async () => {
    const { db } = database;
    const now = new Date(wib('2026-03-10T10:00:00'));
    await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-10T09:50:00'), priority: 'urgent' });
    const oldest = await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-10T09:00:00'), name: 'Sari', phone: '6281200000001' });
    const warned = await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-10T09:30:00'), priority: 'high' });
    const breached = await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-10T09:10:00'), priority: 'high' });
    await db.update(tickets).set({ slaWarnedAt: new Date(wib('2026-03-10T09:34:00')) }).where(eq(tickets.id, warned));
    await db.update(tickets).set({ slaWarnedAt: new Date(wib('2026-03-10T09:14:00')), slaBreachedAt: new Date(wib('2026-03-10T09:15:00')) }).where(eq(tickets.id, breached));
    // The oldest one was warned during an earlier stay in the queue: that mark no longer counts.
    await db.update(tickets).set({ slaWarnedAt: new Date(wib('2026-03-10T08:00:00')) }).where(eq(tickets.id, oldest));
    await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-10T08:00:00'), assignedAgentId: ani.id, firstAssignedAt: wib('2026-03-10T08:01:00') });
    await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-10T07:00:00'), assignedAgentId: ani.id, firstAssignedAt: wib('2026-03-10T07:01:00') });
    // Resolved at 00:30 Jakarta time (today) and at 23:30 the evening before (yesterday).
    await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-09T20:00:00'), resolvedAt: wib('2026-03-10T00:30:00'), resolvedBy: budi.id, assignedAgentId: budi.id });
    await insertTicket(db, { channelId: channel.id, createdAt: wib('2026-03-09T20:00:00'), resolvedAt: wib('2026-03-09T23:30:00'), resolvedBy: budi.id, assignedAgentId: budi.id });

    const board = await getBoardSnapshot(db, { now, seq: 7 });
    expect(board).toMatchObject({
      seq: 7,
      pending: { low: 0, medium: 1, high: 2, urgent: 1 },
      pending_total: 4,
      assigned: 2,
      resolved_today: 1,
      oldest_waiting: { ticket_id: oldest, customer_name: 'Sari', customer_phone: '6281200000001', queued_at: new Date(wib('2026-03-10T09:00:00')).toISOString() },
      sla: { warning: 1, breached: 1 },
      timezone: 'Asia/Jakarta',
      generated_at: now.toISOString(),
    });
    expect(board.agents).toEqual([
      { id: ani.id, name: 'Ani', role: 'agent', presence: 'online', open_tickets: 2, capacity: 3 },
      { id: budi.id, name: 'Budi', role: 'agent', presence: 'offline', open_tickets: 0, capacity: null },
      { id: sinta.id, name: 'Sinta', role: 'supervisor', presence: 'offline', open_tickets: 0, capacity: null },
    ]);
    expect(board.channels).toEqual([{ id: channel.id, name: 'Gateway', kind: 'gateway', status: 'connected', phone: null }]);

    // In UTC "today" began at 07:00 Jakarta time: the 00:30 resolution (17:30 UTC the day before) is not today's.
    await updateSettings(db, teamSettings, { timezone: 'UTC' }, now);
    const utc = await getBoardSnapshot(db, { now, seq: 8 });
    expect(utc).toMatchObject({ timezone: 'UTC', resolved_today: 0 });
    await updateSettings(db, teamSettings, { timezone: 'Asia/Jakarta' }, now);
  });

  it('the team time zone must be a real IANA zone, stored in its canonical spelling', async () => {
    await expect(updateSettings(database.db, teamSettings, { timezone: 'Mars/Olympus' }, new Date())).rejects.toThrow(/not a time zone/);
    expect(await updateSettings(database.db, teamSettings, { timezone: 'asia/makassar' }, new Date())).toEqual({ timezone: 'Asia/Makassar' });
    await updateSettings(database.db, teamSettings, { timezone: 'Asia/Jakarta' }, new Date());
  });

  describe('first_assigned_at: the first claim, kept through release, transfer and reclaim', () => {
    let t: TestContext;
    let n = 900;
    const firstAssigned = async (id: number) =>
      (await database.db.select({ at: tickets.firstAssignedAt }).from(tickets).where(eq(tickets.id, id)))[0]?.at?.toISOString() ?? null;
    const fresh = async () => (await ingestInboundMessage(t.ctx, inbound(channel, (n += 1)))).ticket;

    beforeAll(() => {
      t = createTestContext(database.db);
    });

    it('claim sets it once; release, reclaim and transfer leave it', async () => {
      const ticket = await fresh();
      expect(await firstAssigned(ticket.id)).toBeNull();
      const claimedAt = t.clock.now().toISOString();
      await claimTicket(t.ctx, { ticketId: ticket.id, actor: budi });
      expect(await firstAssigned(ticket.id)).toBe(claimedAt);
      t.clock.advance(60_000);
      await releaseTicket(t.ctx, { ticketId: ticket.id, actor: budi });
      t.clock.advance(60_000);
      await claimTicket(t.ctx, { ticketId: ticket.id, actor: ani });
      t.clock.advance(60_000);
      await assignTicket(t.ctx, { ticketId: ticket.id, actor: sinta, toAgentId: budi.id });
      expect(await firstAssigned(ticket.id)).toBe(claimedAt);
    });

    it('a supervisor’s assignment from the queue and auto-assignment set it too', async () => {
      const assigned = await fresh();
      t.clock.advance(5_000);
      await assignTicket(t.ctx, { ticketId: assigned.id, actor: sinta, toAgentId: budi.id });
      expect(await firstAssigned(assigned.id)).toBe(t.clock.now().toISOString());

      const auto = await fresh();
      t.clock.advance(5_000);
      // Make the queue hold only this one, so auto-assignment takes it.
      await database.db.update(tickets).set({ status: 'resolved', resolvedAt: t.clock.now() }).where(eq(tickets.status, 'pending'));
      await database.db.update(tickets).set({ status: 'pending', resolvedAt: null }).where(eq(tickets.id, auto.id));
      expect(await autoAssignWaiting(t.ctx)).toBe(1);
      expect(await firstAssigned(auto.id)).toBe(t.clock.now().toISOString());
    });
  });
});
