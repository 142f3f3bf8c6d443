import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ingestWaiting } from '../lib/domain/ingest';
import { readOpsCounts } from '../lib/domain/ops-metrics';
import type { DomainEvent } from '../lib/realtime/bus';
import type { Runtime } from '../lib/runtime';

export interface MetricsAccess {
  /** When set, scrapers must send `Authorization: Bearer <token>`. */
  token: string | undefined;
  /** Otherwise only these remote addresses may scrape. */
  allow: string[];
}

/** Seconds a ticket waited in the queue before it was claimed (or assigned from the queue). */
const CLAIM_BUCKETS = [5, 15, 30, 60, 120, 300, 600, 1800, 3600, 14_400];

function sendJson(res: ServerResponse, status: number, code: string, message: string) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who may read /metrics: the token holder, or (without a token) the allowed addresses. */
export function metricsRefusal(req: IncomingMessage, access: MetricsAccess): { status: 401 | 403; message: string } | null {
  if (access.token) {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    return given && sameSecret(given, access.token) ? null : { status: 401, message: 'Send Authorization: Bearer <LOKET_METRICS_TOKEN>.' };
  }
  const address = req.socket.remoteAddress ?? '';
  return access.allow.includes(address) ? null : { status: 403, message: `Metrics are not served to ${address || 'this address'} (LOKET_METRICS_ALLOW).` };
}

/**
 * Prometheus metrics on GET /metrics, answered before Next. Ticket totals, the outbox and the
 * channels are read from the database at scrape time (they survive restarts and agree across
 * processes); time-to-claim is observed here from the bus; sockets are this process's.
 */
export function createMetrics(runtime: Runtime, options: { access: MetricsAccess; sockets: () => number }) {
  const { db } = runtime.ctx;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // One database read per scrape, shared by every metric collected in it.
  let scrape: ReturnType<typeof readOpsCounts> | null = null;
  const counts = () => (scrape ??= readOpsCounts(db));

  const total = (name: string, help: string, pick: (c: Awaited<ReturnType<typeof readOpsCounts>>) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        this.inc(pick(await counts()));
      },
    });
  total('loket_tickets_created_total', 'Tickets ever created.', (c) => c.created);
  total('loket_tickets_claimed_total', 'Tickets ever claimed or assigned at least once.', (c) => c.claimed);
  total('loket_tickets_resolved_total', 'Tickets ever resolved.', (c) => c.resolved);
  new Gauge({
    name: 'loket_outbox_depth',
    help: 'Replies stored and not yet handed to their channel.',
    registers: [registry],
    async collect() {
      this.set((await counts()).outboxDepth);
    },
  });
  new Gauge({
    name: 'loket_channel_connected',
    help: '1 when the channel (WhatsApp number, gateway, simulator) is connected, else 0.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const channel of (await counts()).channels) this.set({ channel: channel.name }, channel.connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'loket_sockets_connected',
    help: 'Socket.IO connections open on this process.',
    registers: [registry],
    collect() {
      this.set(options.sockets());
    },
  });
  new Gauge({
    name: 'loket_ingest_waiting',
    help: 'Customer messages this process has received and not yet started writing: above 0 only while the database is behind.',
    registers: [registry],
    collect() {
      this.set(ingestWaiting(db));
    },
  });
  const timeToClaim = new Histogram({
    name: 'loket_time_to_claim_seconds',
    help: 'How long tickets waited in the queue before an agent took them (claims on this process).',
    buckets: CLAIM_BUCKETS,
    registers: [registry],
  });

  // A ticket leaving the queue for an agent: a claim, an auto-assignment, a supervisor's assignment.
  const unsubscribe = runtime.ctx.bus.subscribe((event: DomainEvent) => {
    if (event.type !== 'ticket.updated' || event.previousAssigneeId !== null) return;
    const { ticket } = event;
    if (ticket.status !== 'assigned' || !ticket.assigned_at) return;
    const waited = (Date.parse(ticket.assigned_at) - Date.parse(ticket.queued_at)) / 1000;
    if (waited >= 0) timeToClaim.observe(waited);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, 'method_not_allowed', 'Use GET.');
      return true;
    }
    const refusal = metricsRefusal(req, options.access);
    if (refusal) {
      sendJson(res, refusal.status, refusal.status === 401 ? 'unauthorized' : 'forbidden', refusal.message);
      return true;
    }
    try {
      scrape = null;
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    } catch (error) {
      runtime.ctx.logger.error({ err: error }, 'metrics scrape failed');
      sendJson(res, 500, 'internal_error', 'Metrics could not be collected.');
    } finally {
      scrape = null;
    }
    return true;
  }

  return { handle, registry, close: unsubscribe };
}
