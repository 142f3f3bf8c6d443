import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import { createReply } from '../../lib/domain/messages';
import { updateBotSettings, updateSettings, whatsappSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import type { DomainEvent } from '../../lib/realtime/bus';
import type { ChannelAlert } from '../../lib/realtime/events';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { connect } from '../helpers/sockets';
import { eventually, startWaServer, type WaServer } from '../helpers/whatsapp';

const tick = async (n = 5) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};
const INTERVAL = 2_000;

describe.each(databaseTargets())('WhatsApp reconnect policy on %s', (kind) => {
  let wa: WaServer;
  let agent: Actor;
  beforeAll(async () => {
    // No periodic sweep: its timer, set again once a sweep's queries finish, could be taken for the reconnect timer.
    wa = await startWaServer(kind, { sweepIntervalMs: 0 });
    const now = wa.clock.now();
    await updateBotSettings(wa.db, { ack_enabled: false, ack_text: 'ack' }, now);
    await updateSettings(wa.db, whatsappSettings, { mark_read_on_open: true, send_interval_ms: INTERVAL, send_jitter_ms: 0 }, now);
    agent = await createActor(wa.db, 'agent', 'Ani');
  });
  afterAll(() => wa?.close());

  /** Drops the live socket with `code`; resolves with the status it led to and the reconnect timer, if any. */
  async function drop(channelId: number, code: number, status: 'connecting' | 'disconnected' | 'logged_out' | 'stopped') {
    const from = wa.mark();
    const since = wa.time.scheduled.length;
    wa.latest(channelId).drop(code);
    const channel = await wa.waitStatus(channelId, status, from);
    return { channel, since, from };
  }
  const reconnectTimer = (since: number) =>
    eventually(() => wa.time.scheduled.slice(since).find((t) => wa.time.isPending(t.id)), 'the reconnect timer');

  it('515 (restart required): a new socket at once, same session', async () => {
    const { channelId } = await wa.linkNumber('Restart 515');
    const { channel, since, from } = await drop(channelId, 515, 'connecting');
    expect(channel.status_reason).toMatch(/asked for a restart/);
    expect((await reconnectTimer(since)).ms).toBe(0);
    wa.time.advance(0);
    await wa.waitStatus(channelId, 'connected', from);
    expect(wa.sockets(channelId)).toHaveLength(3);
  });

  it.each([
    [428, /connection to WhatsApp was closed/],
    [408, /timed out or was lost/],
    [500, /bad session \(500\)/],
    [503, /unavailable \(503\)/],
  ])('%i: disconnected with the reason; a new socket only after the backoff', async (code, reason) => {
    const { channelId } = await wa.linkNumber(`Backoff ${code}`);
    const { channel, since, from } = await drop(channelId, code, 'disconnected');
    expect(channel.status_reason).toMatch(reason);
    const timer = await reconnectTimer(since);
    expect(timer.ms).toBeGreaterThanOrEqual(0);
    expect(timer.ms).toBeLessThan(1_000); // first attempt: full jitter under the 1 s base
    if (timer.ms > 0) wa.time.advance(timer.ms - 1);
    await tick();
    expect(wa.sockets(channelId)).toHaveLength(2);
    wa.time.advance(timer.ms > 0 ? 1 : 0);
    await wa.waitStatus(channelId, 'connected', from);
    expect(wa.sockets(channelId)).toHaveLength(3);
    expect(await wa.authRows(channelId)).toBeGreaterThan(0);
  });

  it('401 (logged out on the phone): logged_out, session deleted, never a new socket', async () => {
    const { channelId } = await wa.linkNumber('Logged out');
    const { channel } = await drop(channelId, 401, 'logged_out');
    expect(channel.status_reason).toMatch(/logged out/);
    expect(await wa.authRows(channelId)).toBe(0);
    wa.time.advance(60 * 60_000);
    await tick();
    expect(wa.sockets(channelId)).toHaveLength(2);
    expect(wa.server.channels.registry.adapterFor(channelId)?.isReady?.()).toBe(false);
  });

  it('403 (forbidden): stopped for a person to look, session kept, never a new socket', async () => {
    const { channelId } = await wa.linkNumber('Forbidden');
    const { channel } = await drop(channelId, 403, 'stopped');
    expect(channel.status_reason).toMatch(/403/);
    expect(await wa.authRows(channelId)).toBeGreaterThan(0);
    wa.time.advance(60 * 60_000);
    await tick();
    expect(wa.sockets(channelId)).toHaveLength(2);
  });

  it('440 (replaced): a long backoff that doubles; the third inside the window stops the number', async () => {
    const { channelId } = await wa.linkNumber('Replaced');
    for (const [wait, sockets] of [
      [30_000, 3],
      [60_000, 4],
    ] as const) {
      const { channel, since, from } = await drop(channelId, 440, 'disconnected');
      expect(channel.status_reason).toMatch(/replaced by another session/);
      expect((await reconnectTimer(since)).ms).toBe(wait);
      wa.time.advance(wait - 1);
      await tick();
      expect(wa.sockets(channelId)).toHaveLength(sockets - 1);
      wa.time.advance(1);
      await wa.waitStatus(channelId, 'connected', from);
      expect(wa.sockets(channelId)).toHaveLength(sockets);
    }
    const { channel } = await drop(channelId, 440, 'stopped');
    expect(channel.status_reason).toMatch(/replaced 3 times/);
    wa.time.advance(60 * 60_000);
    await tick();
    expect(wa.sockets(channelId)).toHaveLength(4);
    expect(await wa.authRows(channelId)).toBeGreaterThan(0);
  });

  it('replies written while disconnected are sent after the reconnect, in order, one send interval apart', async () => {
    const { channelId } = await wa.linkNumber('Queued');
    const { ticketId, jid } = await wa.customerWrites(channelId);
    await claimTicket(wa.ctx, { ticketId, actor: agent });
    const { since } = await drop(channelId, 428, 'disconnected');
    const reconnect = await reconnectTimer(since);

    const first = await createReply(wa.ctx, { ticketId, actor: agent, text: 'satu' });
    const second = await createReply(wa.ctx, { ticketId, actor: agent, text: 'dua' });
    await tick(20);
    expect(wa.latest(channelId).sent).toHaveLength(0);

    const from = wa.mark();
    const beforeSend = wa.time.scheduled.length;
    wa.time.advance(reconnect.ms);
    await wa.waitStatus(channelId, 'connected', from);
    const sent = (id: number) => wa.waitFor((e) => e.type === 'message.updated' && e.message.id === id && e.message.status === 'sent', from);
    const one = (await sent(first.id)) as Extract<DomainEvent, { type: 'message.updated' }>;
    const sock = wa.latest(channelId);
    expect(sock.sent.map((s) => s.content)).toEqual([{ text: 'satu' }]);

    // The number's pause after a send: the interval (jitter 0), then the next one goes.
    const pause = await eventually(() => wa.time.scheduled.slice(beforeSend).find((t) => t.ms === INTERVAL && wa.time.isPending(t.id)), 'the pause');
    expect(wa.time.scheduled.slice(beforeSend).filter((t) => t.ms === INTERVAL)).toEqual([pause]);
    wa.time.advance(INTERVAL - 1);
    await tick(20);
    expect(sock.sent).toHaveLength(1);
    wa.time.advance(1);
    const two = (await sent(second.id)) as Extract<DomainEvent, { type: 'message.updated' }>;
    expect(sock.sent.map((s) => [s.jid, s.content])).toEqual([
      [jid, { text: 'satu' }],
      [jid, { text: 'dua' }],
    ]);
    expect(Date.parse(two.message.sent_at!) - Date.parse(one.message.sent_at!)).toBe(INTERVAL);
  });

  it('a supervisor socket hears channel:alert down when the number drops and up when it is back', async () => {
    const supervisor = await createActor(wa.db, 'supervisor', 'Dewi');
    const { token } = await createApiToken(wa.db, { userId: supervisor.id, name: 'alerts', now: wa.clock.now() });
    const { port } = wa.server.httpServer.address() as AddressInfo;
    const client = await connect(`http://127.0.0.1:${port}`, { token });
    try {
      const { channelId } = await wa.linkNumber('Alerts');
      const ofThis = (a: ChannelAlert) => a.channel.id === channelId;
      expect(client.all<ChannelAlert>('channel:alert').filter(ofThis)).toEqual([]); // a first link is no "back up"
      const { since } = await drop(channelId, 503, 'disconnected');
      const down = await client.waitFor<ChannelAlert>('channel:alert', (a) => ofThis(a) && a.kind === 'down');
      expect(down).toMatchObject({ reason: expect.stringMatching(/503/), channel: { status: 'disconnected' } });
      wa.time.advance((await reconnectTimer(since)).ms);
      const up = await client.waitFor<ChannelAlert>('channel:alert', (a) => ofThis(a) && a.kind === 'up');
      expect(up).toMatchObject({ reason: null, channel: { status: 'connected' } });
      expect(client.all<ChannelAlert>('channel:alert').filter(ofThis).map((a) => a.kind)).toEqual(['down', 'up']);
    } finally {
      client.close();
    }
  });

  it('the server closes while a send interval is running (no hang waiting for a cancelled timer)', async () => {
    const other = await startWaServer(kind);
    let closed = false;
    try {
      const { channelId } = await other.linkNumber('Closing');
      // The bot's acknowledgement goes out; the number then pauses for its send interval.
      const from = other.mark();
      await other.customerWrites(channelId);
      await other.waitFor((e) => e.type === 'message.updated' && e.message.sender === 'bot' && e.message.status === 'sent', from);
      await eventually(() => other.time.pendingCount() > 0, 'the pause after the send');
      let guard: NodeJS.Timeout | undefined;
      const hung = new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), 10_000)));
      const result = await Promise.race([other.close().then(() => 'closed' as const), hung]);
      clearTimeout(guard);
      closed = result === 'closed';
      expect(result).toBe('closed');
    } finally {
      if (!closed) await other.place.cleanup();
    }
  });
});
