import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as exportCsv } from '../../app/api/tickets/export.csv/route';
import { GET as search } from '../../app/api/tickets/search/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import { searchTickets, ticketSearchSchema } from '../../lib/domain/ticket-search';
import type { TicketSearchPage } from '../../lib/domain/views';
import { createActor } from '../helpers/context';
import { insertTicket } from '../helpers/constructed-tickets';
import { databaseTargets } from '../helpers/database';
import { call, type ErrorBody } from '../helpers/http';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

const wib = (local: string) => new Date(`${local}+07:00`).toISOString();

describe.each(databaseTargets())('ticket browser on %s: filters, text search, keyset pages', (kind) => {
  let app: TestRuntime;
  let main: ChannelRow;
  let other: ChannelRow;
  const token = { agent: '', supervisor: '', admin: '' };
  const ids: Record<string, number> = {};
  let agentId = 0;
  let all: number[] = [];

  const db = () => app.runtime.ctx.db;
  const find = (query: Record<string, unknown>) => searchTickets(db(), ticketSearchSchema.parse(query));
  const idsOf = async (query: Record<string, unknown>) => (await find({ limit: 200, ...query })).tickets.map((t) => t.id);
  const get = <T = TicketSearchPage>(query: string, who: keyof typeof token = 'supervisor') =>
    call<T>(search, `/api/tickets/search?${query}`, { token: token[who] });

  beforeAll(async () => {
    app = await startTestRuntime(kind);
    const { clock } = app.runtime.ctx;
    main = await ensureChannel(db(), 'gateway', 'Main desk');
    other = await ensureChannel(db(), 'simulator', 'Second desk');
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      const actor = await createActor(db(), role, `Search ${role}`);
      if (role === 'agent') agentId = actor.id;
      token[role] = (await createApiToken(db(), { userId: actor.id, name: 'test', now: clock.now() })).token;
    }
    const same = wib('2026-03-10T09:00:00');
    ids.sari = await insertTicket(db(), { channelId: main.id, createdAt: wib('2026-03-09T08:00:00'), name: 'Sari Wulandari', phone: '6281234567001', text: 'Halo, pesanan saya belum datang' });
    ids.budi = await insertTicket(db(), { channelId: main.id, createdAt: wib('2026-03-09T23:30:00'), name: 'Budi Santoso', phone: '6281399990002', text: 'Paket rusak, minta retur', assignedAgentId: agentId, firstAssignedAt: wib('2026-03-09T23:35:00') });
    // Four tickets at the very same instant: the id breaks the tie.
    for (const key of ['tie1', 'tie2', 'tie3', 'tie4']) {
      ids[key] = await insertTicket(db(), { channelId: key === 'tie3' ? other.id : main.id, createdAt: same, name: `Tie ${key}`, text: 'diskon 100% katanya', priority: key === 'tie2' ? 'urgent' : 'medium' });
    }
    ids.nameless = await insertTicket(db(), { channelId: other.id, createdAt: wib('2026-03-11T07:00:00'), name: null, phone: '6285700000003', text: 'Refund_request nomor 42', resolvedAt: wib('2026-03-11T08:00:00') });
    // Two tickets microseconds apart: a cursor rounded to milliseconds would lose one.
    ids.micro1 = await insertTicket(db(), { channelId: main.id, createdAt: wib('2026-03-11T10:00:00'), name: 'Micro one' });
    ids.micro2 = await insertTicket(db(), { channelId: main.id, createdAt: wib('2026-03-11T10:00:00'), name: 'Micro two' });
    await db().execute(sql`update tickets set created_at = created_at + interval '300 microseconds' where id = ${ids.micro1}`);
    await db().execute(sql`update tickets set created_at = created_at + interval '700 microseconds' where id = ${ids.micro2}`);
    all = [ids.micro2, ids.micro1, ids.nameless, ids.tie4, ids.tie3, ids.tie2, ids.tie1, ids.budi, ids.sari] as number[];
  });
  afterAll(() => app?.close());

  it('lists newest first, ties broken by id, in TicketView shape', async () => {
    const page = await find({});
    expect(page.tickets.map((t) => t.id)).toEqual(all);
    expect(page.next_cursor).toBeNull();
    expect(page.tickets.at(-1)).toMatchObject({ id: ids.sari, customer_name: 'Sari Wulandari', customer_phone: '6281234567001', channel_name: 'Main desk', status: 'pending' });
  });

  it('keyset pages of any size walk every ticket exactly once, across equal and microsecond-apart created_at', async () => {
    for (const limit of [1, 2, 3, 4]) {
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages += 1) {
        const page = await find({ limit, cursor });
        seen.push(...page.tickets.map((t) => t.id));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      expect(seen).toEqual(all);
    }
  });

  it('filters by status and priority (repeated or comma lists), agent, channel and local dates', async () => {
    expect(await idsOf(ticketSearchParams('status=assigned,resolved'))).toEqual([ids.nameless, ids.budi]);
    expect(await idsOf({ status: ['assigned'] })).toEqual([ids.budi]);
    expect(await idsOf({ priority: ['urgent'] })).toEqual([ids.tie2]);
    expect(await idsOf({ agent_id: agentId })).toEqual([ids.budi]);
    expect(await idsOf({ channel_id: other.id })).toEqual([ids.nameless, ids.tie3]);
    // Budi wrote at 23:30 Jakarta time on the 9th (16:30 UTC): the 9th, not the 10th.
    expect(await idsOf({ from: '2026-03-09', to: '2026-03-09' })).toEqual([ids.budi, ids.sari]);
    expect(await idsOf({ from: '2026-03-11' })).toEqual([ids.micro2, ids.micro1, ids.nameless]);
  });

  it('q finds customers by name or phone (as typed locally) and tickets by what was written, case-insensitively', async () => {
    expect(await idsOf({ q: 'wulan' })).toEqual([ids.sari]);
    expect(await idsOf({ q: 'SANTOSO' })).toEqual([ids.budi]);
    expect(await idsOf({ q: '0813 9999' })).toEqual([ids.budi]);
    expect(await idsOf({ q: '57000000' })).toEqual([ids.nameless]);
    expect(await idsOf({ q: 'paket RUSAK' })).toEqual([ids.budi]);
    expect(await idsOf({ q: 'refund_request' })).toEqual([ids.nameless]);
    // % and _ are literal characters, not wildcards.
    expect(await idsOf({ q: '100%' })).toEqual([ids.tie4, ids.tie3, ids.tie2, ids.tie1]);
    expect(await idsOf({ q: 'refund%request' })).toEqual([]);
    expect(await idsOf({ q: 'pesanan', status: ['assigned'] })).toEqual([]);
  });

  it("q looks at what customers and agents wrote, not at the bot's automatic replies (every ticket has the same)", async () => {
    const reply = (ticketId: number, sender: 'bot' | 'agent', text: string) => sql`
      insert into messages (channel_id, chat_id, ticket_id, direction, sender, text, status)
      select channel_id, chat_id, id, 'out', ${sender}, ${text}, 'sent' from tickets where id = ${ticketId}`;
    await db().execute(reply(ids.sari!, 'bot', 'Terima kasih sudah menghubungi Toko Sinar, mohon ditunggu'));
    await db().execute(reply(ids.budi!, 'agent', 'Nomor resi sudah kami kirim lewat SMS'));
    expect(await idsOf({ q: 'menghubungi toko' })).toEqual([]);
    expect(await idsOf({ q: 'resi sudah kami' })).toEqual([ids.budi]);
  });

  it('over HTTP: supervisors and admins only, bad parameters are a 400', async () => {
    const ok = await get('status=pending&status=assigned&limit=2');
    expect(ok.status).toBe(200);
    expect(ok.body.tickets.map((t) => t.id)).toEqual([ids.micro2, ids.micro1]);
    const next = await get(`status=pending&status=assigned&limit=2&cursor=${ok.body.next_cursor}`);
    expect(next.body.tickets.map((t) => t.id)).toEqual([ids.tie4, ids.tie3]);
    expect((await get('', 'admin')).status).toBe(200);
    const agent = await get<ErrorBody>('', 'agent');
    expect(agent.status).toBe(403);
    expect(agent.body.error.code).toBe('forbidden');
    for (const bad of ['status=open', 'priority=critical', 'limit=201', 'limit=0', 'cursor=nonsense', 'from=2026-02-31', 'from=yesterday', 'from=2026-03-11&to=2026-03-10', 'agent_id=abc']) {
      const res = await get<ErrorBody>(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toMatch(/invalid_request|bad_request/);
    }
  });

  it('exports every matching ticket as CSV, streamed, with the timings worked out', async () => {
    const res = await call<string>(exportCsv, '/api/tickets/export.csv?status=assigned,resolved', { token: token.supervisor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="loket-tickets-.*\.csv"$/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,created_at,status,priority,customer,phone,channel,agent,first_claim_at,first_response_at,resolved_at,wait_seconds,handle_seconds');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([ids.nameless, ids.budi]);
    expect(lines[2]).toBe(`${ids.budi},2026-03-09T16:30:00.000Z,assigned,medium,Budi Santoso,6281399990002,Main desk,Search agent,2026-03-09T16:35:00.000Z,,,300,`);
    expect((await call(exportCsv, '/api/tickets/export.csv', { token: token.agent })).status).toBe(403);
    expect((await call(exportCsv, '/api/tickets/export.csv?from=2026-03-12&to=2026-03-01', { token: token.supervisor })).status).toBe(400);
  });
});

/** What the route hands the schema for a query string. */
function ticketSearchParams(query: string) {
  const params = new URLSearchParams(query);
  return Object.fromEntries([...params.keys()].map((k) => [k, params.getAll(k).flatMap((v) => v.split(','))]));
}
