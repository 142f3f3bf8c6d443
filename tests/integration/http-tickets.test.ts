import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '../../app/api/health/route';
import { GET as me } from '../../app/api/me/route';
import { POST as retry } from '../../app/api/messages/[id]/retry/route';
import { GET as counts } from '../../app/api/queue/counts/route';
import { POST as claim } from '../../app/api/tickets/[id]/claim/route';
import { GET as listMessages } from '../../app/api/tickets/[id]/messages/route';
import { POST as reply } from '../../app/api/tickets/[id]/reply/route';
import { POST as resolve } from '../../app/api/tickets/[id]/resolve/route';
import { GET as allTickets } from '../../app/api/tickets/all/route';
import { GET as myTickets } from '../../app/api/tickets/my-tickets/route';
import { GET as queue } from '../../app/api/tickets/queue/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { markMessageFailed } from '../../lib/domain/outbound';
import type { MessageView, TicketView } from '../../lib/domain/views';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { call, type ErrorBody, id } from '../helpers/http';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

type Tickets = { tickets: TicketView[]; next_before_id?: number | null };
type Claimed = { status: string; ticket: TicketView };

describe.each(databaseTargets())('ticket REST API on %s', (kind) => {
  let app: TestRuntime;
  const token: Record<'sari' | 'budi' | 'dewi', string> = { sari: '', budi: '', dewi: '' };
  const userId: Record<'sari' | 'budi' | 'dewi', number> = { sari: 0, budi: 0, dewi: 0 };
  let n = 400;

  const newTicket = async (overrides: Parameters<typeof inbound>[2] = {}) =>
    (await ingestInboundMessage(app.runtime.ctx, inbound(app.runtime.channels.gateway, (n += 1), overrides))).ticket;

  beforeAll(async () => {
    app = await startTestRuntime(kind);
    const { db, clock } = app.runtime.ctx;
    const people = [
      ['sari', 'agent', 'Sari'],
      ['budi', 'agent', 'Budi'],
      ['dewi', 'supervisor', 'Dewi'],
    ] as const;
    await Promise.all(
      people.map(async ([key, role, name]) => {
        const actor = await createActor(db, role, name);
        userId[key] = actor.id;
        token[key] = (await createApiToken(db, { userId: actor.id, name: 'test', now: clock.now() })).token;
      }),
    );
  });
  afterAll(() => app?.close());

  it('health answers without credentials', async () => {
    const res = await call(health, '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: kind });
  });

  it.each([
    ['no credentials', undefined],
    ['an unknown token', 'lkt_this-token-was-never-issued-000000000000000'],
    ['a token without our prefix', 'abc'],
  ])('%s: 401 with a JSON error everywhere', async (_label, bearer) => {
    for (const [handler, path] of [
      [queue, '/api/tickets/queue'],
      [myTickets, '/api/tickets/my-tickets'],
      [allTickets, '/api/tickets/all'],
      [me, '/api/me'],
    ] as const) {
      const res = await call<ErrorBody>(handler, path, { token: bearer });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    const write = await call<ErrorBody, { id: string }>(claim, '/api/tickets/1/claim', { method: 'POST', token: bearer, params: id(1) });
    expect(write.status).toBe(401);
    const basic = await call<ErrorBody>(queue, '/api/tickets/queue', { headers: { authorization: 'Basic c2FyaTpwdw==' } });
    expect(basic.status).toBe(401);
  });

  it('the queue has the seed’s fields, most urgent first, and honours limit', async () => {
    const budi = await newTicket({ name: 'Budi', from: { phone: '628123456789', phoneJid: '628123456789@s.whatsapp.net', lidJid: null } });
    const urgent = await newTicket({ priority: 'urgent' });
    const res = await call<Tickets>(queue, '/api/tickets/queue?limit=50', { token: token.sari });
    expect(res.status).toBe(200);
    expect(res.body.tickets[0]!.id).toBe(urgent.id);
    const item = res.body.tickets.find((x) => x.id === budi.id)!;
    expect(item).toMatchObject({
      id: budi.id,
      customer_name: 'Budi',
      customer_phone: '628123456789',
      status: 'pending',
      priority: 'medium',
      assigned_agent_id: null,
    });
    expect(new Date(item.created_at).toISOString()).toBe(item.created_at);

    const one = await call<Tickets>(queue, '/api/tickets/queue?limit=1', { token: token.sari });
    expect(one.body.tickets.map((x) => x.id)).toEqual([urgent.id]);
    for (const bad of ['0', '201', 'abc']) {
      const res400 = await call<ErrorBody>(queue, `/api/tickets/queue?limit=${bad}`, { token: token.sari });
      expect(res400.status).toBe(400);
      expect(res400.body.error.code).toBe('invalid_request');
    }
  });

  it('claim: 200 assigned to me; a second claim 409; unknown 404; a non-numeric id 404', async () => {
    const ticket = await newTicket();
    const res = await call<Claimed, { id: string }>(claim, `/api/tickets/${ticket.id}/claim`, {
      method: 'POST',
      token: token.sari,
      params: id(ticket.id),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', ticket: { id: ticket.id, status: 'assigned', assigned_agent_id: userId.sari } });
    expect(res.body.ticket.assigned_at).toEqual(expect.any(String));

    const second = await call<ErrorBody, { id: string }>(claim, '', { method: 'POST', token: token.budi, params: id(ticket.id) });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'ticket_already_claimed', message: 'Ticket already claimed by Sari.' });

    for (const bad of ['987654', 'abc', '1.5', '-1', '0']) {
      const res404 = await call<ErrorBody, { id: string }>(claim, '', { method: 'POST', token: token.budi, params: id(bad) });
      expect(res404.status).toBe(404);
      expect(res404.body.error.code).toBe('not_found');
    }

    const sarisList = await call<Tickets>(myTickets, '/api/tickets/my-tickets', { token: token.sari });
    expect(sarisList.body.tickets.map((x) => x.id)).toContain(ticket.id);
    const budisList = await call<Tickets>(myTickets, '/api/tickets/my-tickets', { token: token.budi });
    expect(budisList.body.tickets.map((x) => x.id)).not.toContain(ticket.id);
    const afterClaim = await call<Tickets>(queue, '/api/tickets/queue', { token: token.budi });
    expect(afterClaim.body.tickets.map((x) => x.id)).not.toContain(ticket.id);
  });

  it('/api/tickets/all is for supervisors: an agent gets 403; filters and paging work', async () => {
    const agent = await call<ErrorBody>(allTickets, '/api/tickets/all', { token: token.sari });
    expect(agent.status).toBe(403);
    expect(agent.body.error.code).toBe('forbidden');

    const urgent = await newTicket({ priority: 'urgent' });
    const filtered = await call<Tickets>(allTickets, '/api/tickets/all?status=pending&priority=urgent', { token: token.dewi });
    expect(filtered.status).toBe(200);
    expect(filtered.body.tickets.map((x) => x.id)).toContain(urgent.id);
    expect(filtered.body.tickets.every((x) => x.status === 'pending' && x.priority === 'urgent')).toBe(true);
    const empty = await call<Tickets>(allTickets, '/api/tickets/all?status=&priority=', { token: token.dewi });
    expect(empty.status).toBe(200);

    const everything = (await call<Tickets>(allTickets, '/api/tickets/all?limit=500', { token: token.dewi })).body.tickets;
    const pageOne = await call<Tickets>(allTickets, '/api/tickets/all?limit=2', { token: token.dewi });
    expect(pageOne.body.next_before_id).toBe(everything[1]!.id);
    const pageTwo = await call<Tickets>(allTickets, `/api/tickets/all?limit=2&before_id=${pageOne.body.next_before_id}`, { token: token.dewi });
    expect(pageTwo.body.tickets.map((x) => x.id)).toEqual(everything.slice(2, 4).map((x) => x.id));

    const bad = await call<ErrorBody>(allTickets, '/api/tickets/all?status=open', { token: token.dewi });
    expect(bad.status).toBe(400);
  });

  it('messages, reply and resolve: the assignee works the ticket; others are kept out; bad input is 400', async () => {
    const ticket = await newTicket({ text: 'Halo, saya mau tanya ongkir' });
    await call(claim, '', { method: 'POST', token: token.sari, params: id(ticket.id) });
    const replyAs = (who: keyof typeof token, body: unknown, raw?: string) =>
      call<{ status: string; message: MessageView } & ErrorBody, { id: string }>(reply, '', {
        method: 'POST',
        token: token[who],
        params: id(ticket.id),
        ...(raw === undefined ? { body } : { raw }),
      });

    const listed = await call<{ messages: MessageView[] }, { id: string }>(listMessages, '', { token: token.sari, params: id(ticket.id) });
    expect(listed.status).toBe(200);
    expect(listed.body.messages.map((m) => [m.ticket_id, m.sender, m.status])).toEqual([
      [ticket.id, 'customer', 'delivered'],
      [ticket.id, 'bot', 'queued'],
    ]);
    expect(listed.body.messages[0]).toMatchObject({ id: expect.any(Number), text: 'Halo, saya mau tanya ongkir', created_at: expect.any(String) });
    expect((await call<ErrorBody, { id: string }>(listMessages, '', { token: token.budi, params: id(ticket.id) })).status).toBe(403);

    expect((await replyAs('budi', { text: 'saya bantu' })).status).toBe(403);
    for (const [body, raw] of [[{ text: '' }], [{ text: '   ' }], [{}], [{ text: 42 }], [{ text: 'x'.repeat(4097) }], [undefined, '{"text":']] as const) {
      const res = await replyAs('sari', body, raw);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/^invalid_(request|json)$/);
    }
    const sent = await replyAs('sari', { text: '  Ongkir ke Bandung Rp 18.000  ', client_id: 'client-abc-001' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'queued', message: { ticket_id: ticket.id, sender: 'agent', status: 'queued', text: 'Ongkir ke Bandung Rp 18.000' } });
    const again = await replyAs('sari', { text: 'Ongkir ke Bandung Rp 18.000', client_id: 'client-abc-001' });
    expect(again.body.message.id).toBe(sent.body.message.id);
    expect((await replyAs('dewi', { text: 'Supervisor menambahkan' })).status).toBe(201);
    const thread = await call<{ messages: MessageView[] }, { id: string }>(listMessages, '', { token: token.sari, params: id(ticket.id) });
    expect(thread.body.messages.filter((m) => m.sender === 'agent')).toHaveLength(2);

    expect((await call(resolve, '', { method: 'POST', token: token.budi, params: id(ticket.id) })).status).toBe(403);
    const done = await call<Claimed, { id: string }>(resolve, '', { method: 'POST', token: token.sari, params: id(ticket.id) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'success', ticket: { id: ticket.id, status: 'resolved' } });
    const late = await replyAs('sari', { text: 'satu lagi' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ticket_resolved');
    expect((await call(resolve, '', { method: 'POST', token: token.sari, params: id(ticket.id) })).status).toBe(409);
  });

  it('retry puts a failed reply back in the queue, for the assignee only', async () => {
    const ticket = await newTicket();
    await call(claim, '', { method: 'POST', token: token.sari, params: id(ticket.id) });
    const sent = await call<{ message: MessageView }, { id: string }>(reply, '', { method: 'POST', token: token.sari, params: id(ticket.id), body: { text: 'halo' } });
    await markMessageFailed(app.runtime.ctx, { message: sent.body.message, assigneeId: null }, 'The gateway answered 500');
    const messageId = id(sent.body.message.id);
    expect((await call(retry, '', { method: 'POST', token: token.budi, params: messageId })).status).toBe(403);
    const res = await call<{ status: string; message: MessageView }, { id: string }>(retry, '', { method: 'POST', token: token.sari, params: messageId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'queued', message: { id: sent.body.message.id, status: 'queued', error: null } });
    expect((await call(retry, '', { method: 'POST', token: token.sari, params: messageId })).status).toBe(409);
  });

  it('queue counts are for supervisors and match the open tickets', async () => {
    expect((await call(counts, '/api/queue/counts', { token: token.sari })).status).toBe(403);
    const res = await call<{ counts: { pending: Record<string, number>; assigned: number } }>(counts, '/api/queue/counts', { token: token.dewi });
    const open = (await call<Tickets>(allTickets, '/api/tickets/all?limit=500', { token: token.dewi })).body.tickets;
    expect(res.body.counts.pending.total).toBe(open.filter((x) => x.status === 'pending').length);
    expect(res.body.counts.pending.urgent).toBe(open.filter((x) => x.status === 'pending' && x.priority === 'urgent').length);
    expect(res.body.counts.assigned).toBe(open.filter((x) => x.status === 'assigned').length);
  });
});
