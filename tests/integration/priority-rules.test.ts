import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteRule, PATCH as patchRule } from '../../app/api/priority-rules/[id]/route';
import { GET as listRules, POST as addRule } from '../../app/api/priority-rules/route';
import { GET as ticketEventsRoute } from '../../app/api/tickets/[id]/events/route';
import { POST as setPriority } from '../../app/api/tickets/[id]/priority/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import type { PriorityRuleView } from '../../lib/domain/priority-rules';
import { claimTicket } from '../../lib/domain/tickets';
import { findUserByEmail } from '../../lib/domain/users';
import type { TicketEventView, TicketView } from '../../lib/domain/views';
import type { DomainEvent } from '../../lib/realtime/bus';
import { databaseTargets } from '../helpers/database';
import { call, type ErrorBody, id } from '../helpers/http';
import { startTestRuntime, TEST_ADMIN, type TestRuntime } from '../helpers/runtime';
import { customerWrites, eventsOf, ticketNow, timeline, type IdParams, people } from '../helpers/time-rules';

describe.each(databaseTargets())('keyword priority rules on %s', (kind) => {
  let app: TestRuntime;
  let sari: Actor;
  let budi: Actor;
  const token = { admin: '', sari: '', budi: '', dewi: '' };
  let customer = 100;

  const ctx = () => app.runtime.ctx;
  const write = (text: string, n = (customer += 1)) => customerWrites(ctx(), app.runtime.channels.gateway, text, n);
  const rules = async () => (await call<{ rules: PriorityRuleView[] }>(listRules, '/api/priority-rules', { token: token.sari })).body.rules;

  beforeAll(async () => {
    app = await startTestRuntime(kind);
    const { db, clock } = ctx();
    const admin = await findUserByEmail(db, TEST_ADMIN.email);
    [sari, budi] = await people(db, 'agent', ['Sari', 'Budi']);
    const [dewi] = await people(db, 'supervisor', ['Dewi']);
    const ids = { admin: admin!.id, sari: sari.id, budi: budi.id, dewi: dewi.id };
    for (const [key, userId] of Object.entries(ids)) {
      token[key as keyof typeof token] = (await createApiToken(db, { userId, name: 't', now: clock.now() })).token;
    }
  });
  afterAll(() => app?.close());

  it('comes with Indonesian and English urgent words', async () => {
    const phrases = new Map((await rules()).map((r) => [r.phrase, r.priority]));
    expect(phrases.get('darurat')).toBe('urgent');
    expect(phrases.get('urgent')).toBe('urgent');
    expect(phrases.get('tolong')).toBe('high');
    expect(phrases.get('help')).toBe('high');
  });

  it.each([
    ['Tolong, saya tidak bisa masuk ke akun', 'high', 'tolong'],
    ['DARURÁT!!! kartu saya hilang', 'urgent', 'darurat'],
    ['Please HELP, my order is late', 'high', 'help'],
    ['urgent: help me', 'urgent', 'urgent'],
  ])('a new ticket "%s" starts %s, and the timeline names the word', async (text, priority, word) => {
    const { ticket } = await write(text);
    expect(ticket.priority).toBe(priority);
    const [hit] = await eventsOf(ctx().db, ticket.id, 'priority_changed');
    expect(hit?.data).toMatchObject({ from: 'medium', to: priority, reason: 'keyword', keyword: word });
    // Both entries name the customer's message, and "created" comes first on the timeline.
    const entries = await timeline(ctx().db, ticket.id);
    expect(entries.map((e) => e.type).slice(0, 2)).toEqual(['created', 'priority_changed']);
    expect(entries[0]!.data.message_id).toEqual(expect.any(Number));
    expect(hit!.data.message_id).toBe(entries[0]!.data.message_id);
  });

  it.each([
    'This was very helpful, thanks',
    'Saya mau menolong teman saya',
    'kode promo HELP123 tidak jalan',
    'segeralah kirim',
  ])('only whole words count: "%s" stays medium', async (text) => {
    const { ticket } = await write(text);
    expect(ticket.priority).toBe('medium');
    expect(await eventsOf(ctx().db, ticket.id, 'priority_changed')).toEqual([]);
  });

  it('a later message raises an open ticket, never lowers it, and the queue hears of it', async () => {
    const n = (customer += 1);
    const { ticket } = await write('halo, mau tanya soal tagihan', n);
    expect(ticket.priority).toBe('medium');
    const heard: DomainEvent[] = [];
    const stop = ctx().bus.subscribe((event) => heard.push(event));
    const raised = await write('tolong dibalas ya', n);
    stop();
    expect(raised.ticket).toMatchObject({ id: ticket.id, priority: 'high' });
    // A lifecycle update (not mere activity) re-sorts everyone's queue.
    expect(heard.find((e) => e.type === 'ticket.updated')).toMatchObject({ ticket: { id: ticket.id, priority: 'high' }, scope: 'lifecycle' });
    await claimTicket(ctx(), { ticketId: ticket.id, actor: sari });
    expect((await write('ini DARURAT, uang saya hilang', n)).ticket.priority).toBe('urgent');
    expect((await write('tolong cek lagi', n)).ticket.priority).toBe('urgent');
    expect((await write('terima kasih', n)).ticket.priority).toBe('urgent');

    const hits = await eventsOf(ctx().db, ticket.id, 'priority_changed');
    expect(hits.map((h) => [h.data.from, h.data.to, h.data.keyword])).toEqual([
      ['medium', 'high', 'tolong'],
      ['high', 'urgent', 'darurat'],
    ]);
    expect((await ticketNow(ctx().db, ticket.id)).priority).toBe('urgent');
  });

  it('admins add a phrase rule; it matches across case, accents and spacing, as whole words', async () => {
    const added = await call<{ rule: PriorityRuleView }>(addRule, '/api/priority-rules', {
      token: token.admin,
      body: { phrase: '  Tidak Bisa  LOGIN ', priority: 'high' },
    });
    expect(added.status).toBe(201);
    expect(added.body.rule).toMatchObject({ phrase: 'tidak bisa login', priority: 'high' });
    expect((await rules()).map((r) => r.phrase)).toContain('tidak bisa login');

    const { ticket } = await write('Saya TIDAK   bisa\nlogín dari kemarin');
    expect(ticket.priority).toBe('high');
    expect((await eventsOf(ctx().db, ticket.id, 'priority_changed'))[0]?.data.keyword).toBe('tidak bisa login');
    expect((await write('saya tidak bisa loginkan')).ticket.priority).toBe('medium');

    const again = await call<ErrorBody>(addRule, '/api/priority-rules', { token: token.admin, body: { phrase: 'tidak bisa login', priority: 'low' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('rule_exists');
  });

  it.each([
    ['a one-letter phrase', { phrase: ' a ', priority: 'high' }],
    ['an unknown priority', { phrase: 'refund', priority: 'critical' }],
    ['no phrase', { priority: 'high' }],
    ['a phrase that is not text', { phrase: 42, priority: 'high' }],
  ])('refuses a rule with %s (400)', async (_label, body) => {
    const res = await call<ErrorBody>(addRule, '/api/priority-rules', { token: token.admin, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });

  it('agents and supervisors may read the rules but not change them (403); nobody unsigned (401)', async () => {
    const [rule] = await rules();
    for (const who of [token.sari, token.dewi]) {
      expect((await call(addRule, '/api/priority-rules', { token: who, body: { phrase: 'refund', priority: 'high' } })).status).toBe(403);
      expect((await call(deleteRule, `/api/priority-rules/${rule!.id}`, { method: 'DELETE', token: who, params: id(rule!.id) })).status).toBe(403);
    }
    expect((await call(listRules, '/api/priority-rules')).status).toBe(401);
    expect((await rules()).map((r) => r.id)).toContain(rule!.id);
  });

  it('an admin changes and removes a rule; the next message follows at once', async () => {
    const help = (await rules()).find((r) => r.phrase === 'help')!;
    const changed = await call<{ rule: PriorityRuleView }, IdParams>(patchRule, `/api/priority-rules/${help.id}`, {
      method: 'PATCH',
      token: token.admin,
      body: { priority: 'urgent' },
      params: id(help.id),
    });
    expect(changed.status).toBe(200);
    expect((await write('help!')).ticket.priority).toBe('urgent');

    const removed = await call(deleteRule, `/api/priority-rules/${help.id}`, { method: 'DELETE', token: token.admin, params: id(help.id) });
    expect(removed.status).toBe(200);
    expect((await write('help!')).ticket.priority).toBe('medium');
    const gone = await call<ErrorBody, IdParams>(deleteRule, `/api/priority-rules/${help.id}`, { method: 'DELETE', token: token.admin, params: id(help.id) });
    expect(gone.status).toBe(404);
  });

  it('a manual priority change is recorded with who made it; others cannot touch an assigned ticket', async () => {
    const { ticket } = await write('mau tanya jadwal');
    const events = (ticketId: number, who: string) =>
      call<{ events: TicketEventView[] }, IdParams>(ticketEventsRoute, `/api/tickets/${ticketId}/events`, { token: who, params: id(ticketId) });
    const lowered = await call<{ ticket: TicketView }, IdParams>(setPriority, `/api/tickets/${ticket.id}/priority`, {
      token: token.sari,
      body: { priority: 'low' },
      params: id(ticket.id),
    });
    expect(lowered.status).toBe(200);
    expect(lowered.body.ticket.priority).toBe('low');
    const entry = (await events(ticket.id, token.sari)).body.events.find((e) => e.type === 'priority_changed');
    expect(entry).toMatchObject({ actor_id: sari.id, actor_name: 'Sari', data: { from: 'medium', to: 'low', reason: 'manual' } });

    await claimTicket(ctx(), { ticketId: ticket.id, actor: sari });
    const refused = await call<ErrorBody, IdParams>(setPriority, `/api/tickets/${ticket.id}/priority`, {
      token: token.budi,
      body: { priority: 'urgent' },
      params: id(ticket.id),
    });
    expect(refused.status).toBe(403);
    const bad = await call<ErrorBody, IdParams>(setPriority, `/api/tickets/${ticket.id}/priority`, {
      token: token.sari,
      body: { priority: 'sangat' },
      params: id(ticket.id),
    });
    expect(bad.status).toBe(400);
    const bySupervisor = await call<{ ticket: TicketView }, IdParams>(setPriority, `/api/tickets/${ticket.id}/priority`, {
      token: token.dewi,
      body: { priority: 'high' },
      params: id(ticket.id),
    });
    expect(bySupervisor.body.ticket.priority).toBe('high');
    const log = (await events(ticket.id, token.dewi)).body.events.filter((e) => e.type === 'priority_changed');
    expect(log.map((e) => [e.actor_name, e.data.to])).toEqual([
      ['Sari', 'low'],
      ['Dewi', 'high'],
    ]);
    expect((await events(ticket.id, token.budi)).status).toBe(403);
  });
});
