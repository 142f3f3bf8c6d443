import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as boardRoute } from '../../app/api/board/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { claimTicket, resolveTicket } from '../../lib/domain/tickets';
import type { BoardSnapshot } from '../../lib/domain/views';
import { metricsRefusal } from '../../server/metrics';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { call, type ErrorBody } from '../helpers/http';
import { type Client, connect, startTestServer, type TestServer } from '../helpers/sockets';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** The value of one sample line of the Prometheus text, e.g. `loket_tickets_created_total`. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} is not in the metrics`);
  return Number(line.slice(name.length + 1));
}

describe.each(databaseTargets())('supervisors live on %s: board pushes and /metrics', (kind) => {
  let app: TestServer;
  let sari: Actor;
  let dewi: Actor;
  const token = { sari: '', dewi: '' };
  const clients: { sari?: Client; dewi?: Client } = {};
  let n = 700;

  const ctx = () => app.server.runtime.ctx;
  const newTicket = async () => (await ingestInboundMessage(ctx(), inbound(app.server.runtime.channels.gateway, (n += 1)))).ticket;
  const boards = () => clients.dewi!.all<BoardSnapshot>('board:updated');

  beforeAll(async () => {
    app = await startTestServer(kind, { LOKET_METRICS_TOKEN: METRICS_TOKEN });
    const { db, clock } = ctx();
    sari = await createActor(db, 'agent', 'Sari');
    dewi = await createActor(db, 'supervisor', 'Dewi');
    token.sari = (await createApiToken(db, { userId: sari.id, name: 'socket', now: clock.now() })).token;
    token.dewi = (await createApiToken(db, { userId: dewi.id, name: 'socket', now: clock.now() })).token;
    clients.dewi = await connect(app.url, { token: token.dewi });
    clients.sari = await connect(app.url, { token: token.sari });
  });
  afterAll(async () => {
    clients.sari?.close();
    clients.dewi?.close();
    await app?.close();
  });

  it('a supervisor gets the board at once on connecting, then a new one after every change, numbered without gaps; agents get none', async () => {
    const first = await clients.dewi!.waitFor<BoardSnapshot>('board:updated');
    expect(first.agents.map((a) => a.name)).toEqual(expect.arrayContaining(['Dewi', 'Sari']));

    const ticket = await newTicket();
    await clients.dewi!.waitFor<BoardSnapshot>('board:updated', (b) => b.pending_total === 1 && b.oldest_waiting?.ticket_id === ticket.id);
    await claimTicket(ctx(), { ticketId: ticket.id, actor: sari });
    const claimed = await clients.dewi!.waitFor<BoardSnapshot>('board:updated', (b) => b.pending_total === 0 && b.assigned === 1);
    expect(claimed.agents.find((a) => a.id === sari.id)).toMatchObject({ open_tickets: 1, presence: 'online' });
    await resolveTicket(ctx(), { ticketId: ticket.id, actor: sari });
    const resolved = await clients.dewi!.waitFor<BoardSnapshot>('board:updated', (b) => b.assigned === 0 && b.resolved_today === 1);

    const seqs = [...new Set(boards().map((b) => b.seq))];
    expect(seqs.length).toBeGreaterThanOrEqual(4);
    seqs.forEach((seq, i) => i && expect(seq).toBe(seqs[i - 1]! + 1));
    expect(clients.sari!.all('board:updated')).toEqual([]);

    // GET /api/board answers with the same board and the number of the last push.
    const rest = await call<BoardSnapshot>(boardRoute, '/api/board', { token: token.dewi });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ seq: resolved.seq, pending_total: 0, assigned: 0, resolved_today: 1 });
    const refused = await call<ErrorBody>(boardRoute, '/api/board', { token: token.sari });
    expect(refused.status).toBe(403);
  });

  it('/metrics needs the bearer token when one is configured, and reports totals from the database', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as ErrorBody).error.code).toBe('unauthorized');

    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'loket_tickets_created_total')).toBe(1);
    expect(sample(text, 'loket_tickets_claimed_total')).toBe(1);
    expect(sample(text, 'loket_tickets_resolved_total')).toBe(1);
    expect(sample(text, 'loket_outbox_depth')).toBe(0);
    expect(sample(text, 'loket_sockets_connected')).toBe(2);
    expect(sample(text, 'loket_ingest_waiting')).toBe(0);
    expect(sample(text, 'loket_time_to_claim_seconds_count')).toBe(1);
    expect(text).toContain('loket_channel_connected{channel="Gateway"} 1');
    expect(text).toContain('loket_channel_connected{channel="Simulator"} 1');
    expect(text).toContain('process_cpu_seconds_total');
  });
});

describe('metrics access without a token: the allow-list of addresses', () => {
  const req = (address: string, authorization?: string) =>
    ({ socket: { remoteAddress: address }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;
  const local = { token: undefined, allow: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] };

  it('serves local addresses and refuses others with 403', () => {
    expect(metricsRefusal(req('127.0.0.1'), local)).toBeNull();
    expect(metricsRefusal(req('::ffff:127.0.0.1'), local)).toBeNull();
    expect(metricsRefusal(req('10.1.2.3'), local)).toMatchObject({ status: 403 });
    expect(metricsRefusal(req('10.1.2.3'), { token: undefined, allow: ['10.1.2.3'] })).toBeNull();
  });

  it('with a token, the address does not matter but the token does (401)', () => {
    const withToken = { token: METRICS_TOKEN, allow: local.allow };
    expect(metricsRefusal(req('127.0.0.1'), withToken)).toMatchObject({ status: 401 });
    expect(metricsRefusal(req('10.1.2.3', `Bearer ${METRICS_TOKEN}`), withToken)).toBeNull();
    expect(metricsRefusal(req('10.1.2.3', `Bearer ${METRICS_TOKEN}x`), withToken)).toMatchObject({ status: 401 });
  });
});
