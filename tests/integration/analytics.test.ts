import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRow } from '../../lib/db/schema';
import { agentsCsv } from '../../lib/domain/analytics/csv';
import { getAnalyticsReport } from '../../lib/domain/analytics/report';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { teamSettings, updateSettings } from '../../lib/domain/settings';
import { insertActors } from '../helpers/context';
import { insertTicket } from '../helpers/constructed-tickets';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

// Asia/Jakarta is UTC+7 all year: local 2026-03-10 00:00 is 2026-03-09T17:00Z.
const wib = (local: string) => new Date(`${local}+07:00`).toISOString();
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

describe.each(databaseTargets())('analytics on %s: the contract’s definitions on hand-made data', (kind) => {
  let database: TestDatabase;
  let main: ChannelRow;
  let other: ChannelRow;
  let ani: Actor;
  let budi: Actor;
  let citra: Actor;
  let sinta: Actor;
  const ids: Record<string, number> = {};
  const report = (query: Parameters<typeof getAnalyticsReport>[1]) => getAnalyticsReport(database.db, query);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    main = await ensureChannel(db, 'gateway', 'Main');
    other = await ensureChannel(db, 'simulator', 'Other');
    [ani, budi, citra] = (await insertActors(db, 'agent', ['Ani', 'Budi', 'Citra'])) as [Actor, Actor, Actor];
    [sinta] = (await insertActors(db, 'supervisor', ['Sinta'])) as [Actor];

    // T1: claimed after 30 s, answered after 90 s, resolved by Ani after 600 s (handle 570 s).
    const t1 = wib('2026-03-10T08:00:00');
    ids.t1 = await insertTicket(db, {
      channelId: main.id, createdAt: t1, firstAssignedAt: plus(t1, 30), firstResponseAt: plus(t1, 90),
      resolvedAt: plus(t1, 600), assignedAgentId: ani.id, resolvedBy: ani.id,
    });
    // T2 spans midnight: created 23:50 on the 10th, resolved 01:00 on the 11th by Budi.
    const t2 = wib('2026-03-10T23:50:00');
    ids.t2 = await insertTicket(db, {
      channelId: main.id, createdAt: t2, firstAssignedAt: plus(t2, 400), firstResponseAt: plus(t2, 1000),
      resolvedAt: wib('2026-03-11T01:00:00'), assignedAgentId: budi.id, resolvedBy: budi.id,
    });
    // T3: still open with Ani (claimed after 120 s, no answer yet).
    const t3 = wib('2026-03-11T10:00:00');
    ids.t3 = await insertTicket(db, { channelId: main.id, createdAt: t3, firstAssignedAt: plus(t3, 120), assignedAgentId: ani.id });
    // T4: still waiting, on the other channel.
    ids.t4 = await insertTicket(db, { channelId: other.id, createdAt: wib('2026-03-11T12:00:00') });
    // T5: created the day before the range, resolved inside it by Ani (handle 22:01 → 09:00 = 39,540 s).
    const t5 = wib('2026-03-09T22:00:00');
    ids.t5 = await insertTicket(db, {
      channelId: main.id, createdAt: t5, firstAssignedAt: plus(t5, 60), resolvedAt: wib('2026-03-10T09:00:00'),
      assignedAgentId: ani.id, resolvedBy: ani.id,
    });
    // T6: local midnight after the range (in UTC it is still the 11th).
    ids.t6 = await insertTicket(db, { channelId: main.id, createdAt: wib('2026-03-12T00:00:00') });
    // T7: closed by supervisor Sinta straight from the queue: never claimed, never answered.
    const t7 = wib('2026-03-10T09:00:00');
    ids.t7 = await insertTicket(db, { channelId: main.id, createdAt: t7, resolvedAt: plus(t7, 300), resolvedBy: sinta.id });
  });
  afterEach(() => updateSettings(database.db, teamSettings, { timezone: 'Asia/Jakarta' }, new Date()));
  afterAll(() => database?.destroy());

  it('totals: created, resolved, claimed, resolution rate, waiting, first response and handle times', async () => {
    const r = await report({ from: '2026-03-10', to: '2026-03-11' });
    expect(r.range).toEqual({ from: '2026-03-10', to: '2026-03-11', timezone: 'Asia/Jakarta', bucket: 'hour' });
    const { totals } = r;
    expect(totals).toMatchObject({ created: 5, resolved: 4, claimed: 3 });
    expect(totals.resolution_rate).toBeCloseTo(3 / 5, 10);
    expect(totals.median_wait_seconds).toBeCloseTo(120, 6);
    // percentile_cont(0.9) over 30, 120, 400: 120 + 0.8 × 280.
    expect(totals.p90_wait_seconds).toBeCloseTo(344, 6);
    expect(totals.median_first_response_seconds).toBeCloseTo(545, 6);
    // Handle over T1, T2, T5 (T7 was never claimed).
    expect(totals.avg_handle_seconds).toBeCloseTo((570 + 3800 + 39_540) / 3, 6);
    expect(totals.median_handle_seconds).toBeCloseTo(3800, 6);
  });

  it('an empty range: zeros, nulls, every bucket still there', async () => {
    const r = await report({ from: '2025-01-01', to: '2025-01-03' });
    expect(r.totals).toEqual({
      created: 0, resolved: 0, claimed: 0, resolution_rate: null, median_wait_seconds: null, p90_wait_seconds: null,
      median_first_response_seconds: null, avg_handle_seconds: null, median_handle_seconds: null,
    });
    expect(r.range.bucket).toBe('day');
    expect(r.series.map((s) => [s.label, s.created, s.resolved])).toEqual([
      ['2025-01-01', 0, 0],
      ['2025-01-02', 0, 0],
      ['2025-01-03', 0, 0],
    ]);
    expect(r.wait_distribution.every((b) => b.count === 0)).toBe(true);
    expect(r.agents.map((a) => [a.name, a.handled, a.resolution_rate])).toEqual([
      ['Ani', 0, null],
      ['Budi', 0, null],
      ['Citra', 0, null],
    ]);
  });

  it('series: every local hour of a two-day range, and local days when asked, with midnight-spanning tickets on both sides', async () => {
    const hourly = await report({ from: '2026-03-10', to: '2026-03-11' });
    expect(hourly.series).toHaveLength(48);
    expect(hourly.series[0]).toEqual({ start: '2026-03-09T17:00:00.000Z', label: '2026-03-10 00:00', created: 0, resolved: 0 });
    const busy = hourly.series.filter((s) => s.created || s.resolved).map((s) => [s.label, s.created, s.resolved]);
    expect(busy).toEqual([
      ['2026-03-10 08:00', 1, 1],
      ['2026-03-10 09:00', 1, 2],
      ['2026-03-10 23:00', 1, 0],
      ['2026-03-11 01:00', 0, 1],
      ['2026-03-11 10:00', 1, 0],
      ['2026-03-11 12:00', 1, 0],
    ]);
    const daily = await report({ from: '2026-03-10', to: '2026-03-11', bucket: 'day' });
    expect(daily.series).toEqual([
      { start: '2026-03-09T17:00:00.000Z', label: '2026-03-10', created: 3, resolved: 3 },
      { start: '2026-03-10T17:00:00.000Z', label: '2026-03-11', created: 2, resolved: 1 },
    ]);
  });

  it('the team’s time zone decides the days: in UTC, Jakarta’s midnight ticket is on the 11th and T2’s resolution on the 10th', async () => {
    await updateSettings(database.db, teamSettings, { timezone: 'UTC' }, new Date());
    const r = await report({ from: '2026-03-10', to: '2026-03-11', bucket: 'day' });
    expect(r.range.timezone).toBe('UTC');
    expect(r.totals.created).toBe(6);
    expect(r.series).toEqual([
      // T2's resolution (01:00 on the 11th in Jakarta) is 18:00 on the 10th in UTC.
      { start: '2026-03-10T00:00:00.000Z', label: '2026-03-10', created: 3, resolved: 4 },
      { start: '2026-03-11T00:00:00.000Z', label: '2026-03-11', created: 3, resolved: 0 },
    ]);
  });

  it('distributions of waiting and first-response times over the contract’s buckets', async () => {
    const r = await report({ from: '2026-03-10', to: '2026-03-11' });
    const counts = (d: typeof r.wait_distribution) => Object.fromEntries(d.map((b) => [b.label, b.count]));
    expect(r.wait_distribution.map((b) => [b.label, b.max_seconds])).toEqual([
      ['<1m', 60], ['1–5m', 300], ['5–15m', 900], ['15–30m', 1800], ['30–60m', 3600], ['1–4h', 14_400], ['>4h', null],
    ]);
    expect(counts(r.wait_distribution)).toEqual({ '<1m': 1, '1–5m': 1, '5–15m': 1, '15–30m': 0, '30–60m': 0, '1–4h': 0, '>4h': 0 });
    expect(counts(r.first_response_distribution)).toEqual({ '<1m': 0, '1–5m': 1, '5–15m': 0, '15–30m': 1, '30–60m': 0, '1–4h': 0, '>4h': 0 });
  });

  it('per agent: handled = resolved by them or held by them now; open tickets count as handled, not resolved', async () => {
    const r = await report({ from: '2026-03-10', to: '2026-03-11' });
    expect(r.agents).toEqual([
      { agent_id: ani.id, name: 'Ani', handled: 2, resolved: 1, median_first_response_seconds: 90, median_handle_seconds: 570, resolution_rate: 0.5 },
      { agent_id: budi.id, name: 'Budi', handled: 1, resolved: 1, median_first_response_seconds: 1000, median_handle_seconds: 3800, resolution_rate: 1 },
      { agent_id: citra.id, name: 'Citra', handled: 0, resolved: 0, median_first_response_seconds: null, median_handle_seconds: null, resolution_rate: null },
      { agent_id: sinta.id, name: 'Sinta', handled: 1, resolved: 1, median_first_response_seconds: null, median_handle_seconds: null, resolution_rate: 1 },
    ]);
  });

  it('filters: one agent’s tickets, one channel’s tickets', async () => {
    const mine = await report({ from: '2026-03-10', to: '2026-03-11', agent_id: ani.id });
    expect(mine.totals).toMatchObject({ created: 2, resolved: 2, claimed: 2 });
    expect(mine.agents.map((a) => a.name)).toEqual(['Ani']);
    const channel = await report({ from: '2026-03-10', to: '2026-03-11', channel_id: other.id });
    expect(channel.totals).toMatchObject({ created: 1, resolved: 0, claimed: 0, resolution_rate: 0 });
  });

  it('the per-agent CSV: a header, one row per agent, numbers a spreadsheet reads', async () => {
    const r = await report({ from: '2026-03-10', to: '2026-03-11' });
    const lines = agentsCsv(r.agents).split('\r\n');
    expect(lines[0]).toBe('agent_id,name,handled,resolved,resolution_rate,median_first_response_seconds,median_handle_seconds');
    expect(lines[1]).toBe(`${ani.id},Ani,2,1,0.5,90,570`);
    expect(lines[3]).toBe(`${citra.id},Citra,0,0,,,`);
    expect(lines).toHaveLength(6); // 4 agents, header, trailing newline
  });
});
