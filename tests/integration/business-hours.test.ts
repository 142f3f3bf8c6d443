import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUT as putSettings } from '../../app/api/settings/[group]/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import { manualClock } from '../../lib/clock';
import type { BusinessHours } from '../../lib/domain/business-hours';
import type { Actor } from '../../lib/domain/context';
import { businessHoursSettings, DEFAULT_ACK_TEXT, slaSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import { findUserByEmail } from '../../lib/domain/users';
import { startSweepers } from '../../server/sweepers';
import { databaseTargets } from '../helpers/database';
import { call, type ErrorBody } from '../helpers/http';
import { startTestRuntime, TEST_ADMIN, type TestRuntime } from '../helpers/runtime';
import { configure, customerWrites, eventsOf, ticketNow, people } from '../helpers/time-rules';

/** Jakarta is UTC+7 all year. */
const wib = (local: string) => new Date(`${local}+07:00`);
const FRIDAY_EVENING = wib('2026-01-09T18:00:00');
const weekdays: BusinessHours['week'] = {
  sun: [],
  mon: [['08:00', '17:00']],
  tue: [['08:00', '17:00']],
  wed: [['08:00', '17:00']],
  thu: [['08:00', '17:00']],
  fri: [['08:00', '17:00']],
  sat: [],
};

describe.each(databaseTargets())('business hours on %s', (kind) => {
  let app: TestRuntime;
  let sari: Actor;
  const clock = manualClock(FRIDAY_EVENING);
  let customer = 300;
  let sweep: () => Promise<void>;
  const ctx = () => app.runtime.ctx;
  const write = (text: string, n = (customer += 1)) => customerWrites(ctx(), app.runtime.channels.gateway, text, n);
  const outOfHoursText = businessHoursSettings.defaults.out_of_hours_text;

  beforeAll(async () => {
    app = await startTestRuntime(kind, { clock });
    [sari] = await people(ctx().db, 'agent', ['Sari']);
    await configure(ctx().db, businessHoursSettings, { enabled: true, timezone: 'Asia/Jakarta', week: weekdays });
    await configure(ctx().db, slaSettings, { waiting_seconds: 300, warning_percent: 80, response_seconds: 600 });
    const sweepers = startSweepers({ ctx: ctx(), intervalMs: 0, connectedHere: () => [] });
    sweep = sweepers.sweep;
    return () => sweepers.stop();
  });
  afterAll(() => app?.close());

  it('outside the hours the customer is told so once per ticket, instead of the acknowledgement', async () => {
    clock.set(FRIDAY_EVENING);
    const n = (customer += 1);
    const first = await write('halo, kartu saya terblokir', n);
    expect(first.botReply).toMatchObject({ sender: 'bot', text: outOfHoursText });
    expect(await eventsOf(ctx().db, first.ticket.id, 'out_of_hours')).toHaveLength(1);
    clock.set(wib('2026-01-10T10:00:00'));
    expect((await write('halo?', n)).botReply).toBeNull();
    expect((await write('masih tutup ya', n)).botReply).toBeNull();
    expect(await eventsOf(ctx().db, first.ticket.id, 'out_of_hours')).toHaveLength(1);

    clock.set(wib('2026-01-12T09:00:00'));
    const inHours = await write('selamat pagi');
    expect(inHours.botReply).toMatchObject({ text: DEFAULT_ACK_TEXT });
    expect(await eventsOf(ctx().db, inHours.ticket.id, 'out_of_hours')).toEqual([]);
  });

  it('a ticket from Friday evening does not breach over the weekend, and breaches 300 open seconds into Monday', async () => {
    clock.set(FRIDAY_EVENING);
    const { ticket } = await write('tolong balas');
    for (const at of ['2026-01-10T09:00:00', '2026-01-11T23:59:00', '2026-01-12T07:59:59', '2026-01-12T08:03:59']) {
      clock.set(wib(at));
      await sweep();
      expect((await ticketNow(ctx().db, ticket.id)).sla_state).toBe('ok');
    }
    clock.set(wib('2026-01-12T08:04:00'));
    await sweep();
    await sweep();
    expect((await ticketNow(ctx().db, ticket.id)).sla_state).toBe('warning');
    clock.set(wib('2026-01-12T08:05:00'));
    await sweep();
    await sweep();
    expect((await ticketNow(ctx().db, ticket.id)).sla_state).toBe('breached');
    expect(await eventsOf(ctx().db, ticket.id, 'sla_warning')).toEqual([expect.objectContaining({ data: { waited_seconds: 240 } })]);
    expect(await eventsOf(ctx().db, ticket.id, 'sla_breached')).toEqual([expect.objectContaining({ data: { waited_seconds: 300 } })]);
  });

  it('minutes before closing count, the night does not: 2 minutes on Friday, 3 on Monday', async () => {
    clock.set(wib('2026-01-09T16:58:00'));
    const { ticket } = await write('mau tanya');
    clock.set(wib('2026-01-12T08:02:59'));
    await sweep();
    expect(await eventsOf(ctx().db, ticket.id, 'sla_breached')).toEqual([]);
    clock.set(wib('2026-01-12T08:03:00'));
    await sweep();
    expect(await eventsOf(ctx().db, ticket.id, 'sla_breached')).toHaveLength(1);
  });

  it('the response clock pauses too: a claimed ticket left at 16:55 on Friday escalates at 08:05 on Monday', async () => {
    clock.set(wib('2026-01-09T16:55:00'));
    const { ticket } = await write('halo');
    await claimTicket(ctx(), { ticketId: ticket.id, actor: sari });
    for (const at of ['2026-01-09T17:30:00', '2026-01-11T12:00:00', '2026-01-12T08:04:59']) {
      clock.set(wib(at));
      await sweep();
    }
    expect((await ticketNow(ctx().db, ticket.id)).priority).toBe('medium');
    clock.set(wib('2026-01-12T08:05:00'));
    await sweep();
    await sweep();
    expect((await ticketNow(ctx().db, ticket.id)).priority).toBe('urgent');
    expect(await eventsOf(ctx().db, ticket.id, 'escalated')).toHaveLength(1);
  });

  it('the hours are read in the configured time zone', async () => {
    // Monday 03:00 UTC is 10:00 in Jakarta: open there, closed in London.
    clock.set(new Date('2026-01-12T03:00:00Z'));
    expect((await write('pagi')).botReply?.text).toBe(DEFAULT_ACK_TEXT);
    await configure(ctx().db, businessHoursSettings, { timezone: 'Europe/London' });
    expect((await write('pagi')).botReply?.text).toBe(outOfHoursText);
    await configure(ctx().db, businessHoursSettings, { timezone: 'Asia/Jakarta' });
    expect((await write('pagi')).botReply?.text).toBe(DEFAULT_ACK_TEXT);
  });

  it('admins set the hours through the API; bad zones and spans are refused, agents may not', async () => {
    const admin = await findUserByEmail(ctx().db, TEST_ADMIN.email);
    const adminToken = (await createApiToken(ctx().db, { userId: admin!.id, name: 't', now: clock.now() })).token;
    const agentToken = (await createApiToken(ctx().db, { userId: sari.id, name: 't', now: clock.now() })).token;
    const put = (token: string, body: unknown) =>
      call<ErrorBody & { business_hours: BusinessHours }, { group: string }>(putSettings, '/api/settings/business_hours', {
        method: 'PUT',
        token,
        body,
        params: { group: 'business_hours' },
      });
    const base = { ...businessHoursSettings.defaults, enabled: true, week: weekdays };
    expect((await put(adminToken, { ...base, timezone: 'Mars/Olympus_Mons' })).status).toBe(400);
    expect((await put(adminToken, { ...base, week: { ...weekdays, mon: [['17:00', '08:00']] } })).status).toBe(400);
    expect((await put(adminToken, { ...base, week: { ...weekdays, mon: [['8:00', '17:00']] } })).status).toBe(400);
    expect((await put(agentToken, base)).status).toBe(403);

    const saturday = await put(adminToken, { ...base, week: { ...weekdays, sat: [['09:00', '12:00']] } });
    expect(saturday.status).toBe(200);
    clock.set(wib('2026-01-10T10:00:00'));
    expect((await write('buka sabtu?')).botReply?.text).toBe(DEFAULT_ACK_TEXT);
    clock.set(wib('2026-01-10T12:00:00'));
    expect((await write('buka sabtu siang?')).botReply?.text).toBe(outOfHoursText);
  });
});
