import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as authPost } from '../../app/api/auth/[...all]/route';
import { POST as claimRoute } from '../../app/api/tickets/[id]/claim/route';
import { DELETE as revokeRoute } from '../../app/api/tokens/[id]/route';
import { PATCH as patchUser } from '../../app/api/users/[id]/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { insertActors } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { BASE_URL, call, id } from '../helpers/http';
import { TEST_ADMIN } from '../helpers/runtime';
import { startTestServer, type TestServer } from '../helpers/sockets';

interface Answer {
  status: number;
  /** The raw body: empty when the request fell through to the stand-in for Next (a bare 404). */
  raw: string;
  body: { status?: string; ticket?: { id: number; assigned_agent_id: number }; error?: { code: string; message: string; details?: object } };
}

describe.each(databaseTargets())('POST /api/tickets/:id/claim answered before Next, over real HTTP, on %s', (kind) => {
  let app: TestServer;
  let agent: Agent;
  let racers: Actor[];
  const tokens = new Map<number, { token: string; tokenId: number }>();
  let adminCookie = '';
  let n = 800;

  /** A POST on a keep-alive connection, as the racing agents send it. */
  const post = (path: string, headers: Record<string, string> = {}, { body = '', method = 'POST', via = agent } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(`${app.url}${path}`, { method, headers, agent: via }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, raw, body: raw ? (JSON.parse(raw) as Answer['body']) : {} });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const bearer = (actor: Actor) => ({ authorization: `Bearer ${tokens.get(actor.id)!.token}` });
  const newTicket = async () =>
    (await ingestInboundMessage(app.server.runtime.ctx, inbound(app.server.runtime.channels.gateway, (n += 1)))).ticket.id;

  beforeAll(async () => {
    app = await startTestServer(kind);
    agent = new Agent({ keepAlive: true });
    const { db, clock } = app.server.runtime.ctx;
    racers = await insertActors(db, 'agent', Array.from({ length: 12 }, (_, i) => `Runner ${i}`));
    for (const actor of racers) {
      const { token, view } = await createApiToken(db, { userId: actor.id, name: 'race', now: clock.now() });
      tokens.set(actor.id, { token, tokenId: view.id });
    }
    const signIn = await authPost(
      new Request(`${BASE_URL}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BASE_URL, 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify(TEST_ADMIN),
      }),
    );
    adminCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('loket.session_token='))!.split(';')[0]!;
  });
  afterAll(async () => {
    agent?.destroy();
    await app?.close();
  });

  it('10 agents at once: one 200 with the ticket, nine 409 naming the winner', async () => {
    const ticketId = await newTicket();
    const answers = await Promise.all(racers.slice(0, 10).map((actor) => post(`/api/tickets/${ticketId}/claim`, bearer(actor))));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(won[0]!.body).toMatchObject({ status: 'success', ticket: { id: ticketId } });
    const winner = racers.find((r) => r.id === won[0]!.body.ticket!.assigned_agent_id)!;
    const lost = answers.filter((a) => a.status === 409);
    expect(lost).toHaveLength(9);
    for (const a of lost) {
      expect(a.body).toEqual({
        error: {
          code: 'ticket_already_claimed',
          message: `Ticket already claimed by ${winner.name}.`,
          details: { status: 'assigned', assigned_agent_id: winner.id, assigned_agent_name: winner.name },
        },
      });
    }
    // Next's route says the same to the next agent.
    const viaNext = await call(claimRoute, '', { method: 'POST', token: tokens.get(racers[10]!.id)!.token, params: id(ticketId) });
    const viaFast = await post(`/api/tickets/${ticketId}/claim`, bearer(racers[10]!));
    expect(viaFast.status).toBe(viaNext.status);
    expect(viaFast.body).toEqual(viaNext.body);
  });

  it('401 without credentials or with a token revoked through the API a moment ago', async () => {
    const ticketId = await newTicket();
    const anonymous = await post(`/api/tickets/${ticketId}/claim`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual((await call(claimRoute, '', { method: 'POST', params: id(ticketId) })).body);

    const owner = racers[11]!;
    const { token, tokenId } = tokens.get(owner.id)!;
    expect((await call(revokeRoute, '', { method: 'DELETE', token, params: id(tokenId) })).status).toBe(200);
    const revoked = await post(`/api/tickets/${ticketId}/claim`, bearer(owner));
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.code).toBe('unauthorized');
  });

  it('a user disabled by an admin a moment ago: their token is refused at once', async () => {
    const ticketId = await newTicket();
    const banned = racers[9]!;
    expect((await post(`/api/tickets/${ticketId + 1000}/claim`, bearer(banned))).status).toBe(404);
    const patched = await call(patchUser, '', { method: 'PATCH', cookie: adminCookie, params: id(banned.id), body: { disabled: true } });
    expect(patched.status).toBe(200);
    expect((await post(`/api/tickets/${ticketId}/claim`, bearer(banned))).status).toBe(401);
  });

  it('a session cookie: refused from another site (403), accepted from our own origin', async () => {
    const ticketId = await newTicket();
    const foreign = await post(`/api/tickets/${ticketId}/claim`, { cookie: adminCookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({ error: { code: 'forbidden', message: 'Cross-site requests are not allowed.' } });
    const own = await post(`/api/tickets/${ticketId}/claim`, { cookie: adminCookie, origin: app.url });
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('success');
  });

  it('404 JSON for an id naming no ticket, as Next would answer it', async () => {
    for (const path of ['/api/tickets/987654/claim', '/api/tickets/0/claim', '/api/tickets/01/claim']) {
      const res = await post(path, bearer(racers[0]!));
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'Ticket not found' } });
    }
  });

  it('anything else falls through to Next: other ids, methods, paths and query strings', async () => {
    const ticketId = await newTicket();
    const through = [
      await post('/api/tickets/abc/claim', bearer(racers[0]!)),
      await post(`/api/tickets/${ticketId}/claim?x=1`, bearer(racers[0]!)),
      await post(`/api/tickets/${ticketId}/claim/`, bearer(racers[0]!)),
      await post(`/api/tickets/${ticketId}/resolve`, bearer(racers[0]!)),
      await post(`/api/tickets/${ticketId}/claim`, bearer(racers[0]!), { method: 'GET' }),
    ];
    for (const res of through) expect(res).toMatchObject({ status: 404, raw: '' });
  });

  it('a claim sent with a body keeps the keep-alive connection usable', async () => {
    const single = new Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { ...bearer(racers[1]!), 'content-type': 'application/json' };
    try {
      const big = await post(`/api/tickets/${await newTicket()}/claim`, headers, { body: JSON.stringify({ note: 'x'.repeat(50_000) }), via: single });
      expect(big.status).toBe(200);
      expect((await post(`/api/tickets/${await newTicket()}/claim`, headers, { body: '{}', via: single })).status).toBe(200);
    } finally {
      single.destroy();
    }
  });
});
