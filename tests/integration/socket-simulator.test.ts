import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATCH as patchUser } from '../../app/api/users/[id]/route';
import { sweepOfflineAgents } from '../../lib/domain/presence';
import { createApiToken } from '../../lib/auth/api-tokens';
import { users } from '../../lib/db/schema';
import type { Actor } from '../../lib/domain/context';
import { createReply } from '../../lib/domain/messages';
import { countOpenTickets } from '../../lib/domain/queue-counts';
import { claimTicket } from '../../lib/domain/tickets';
import type { QueueCounts, TicketView } from '../../lib/domain/views';
import type { Ack, HelloPayload, SimulatorMessage } from '../../lib/realtime/events';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { BASE_URL, call, id } from '../helpers/http';
import { TEST_ADMIN } from '../helpers/runtime';
import { type Client, closeAndWait, connect, startTestServer, type TestServer } from '../helpers/sockets';

type SimulatorPush = { phone: string; message: SimulatorMessage };

describe.each(databaseTargets())('Socket.IO hub on %s: simulator, browser sessions, presence', (kind) => {
  let app: TestServer;
  let sari: Actor;
  let dewi: Actor;
  const tokens: Record<'sari' | 'dewi', string> = { sari: '', dewi: '' };
  const open: Client[] = [];
  /** Sari's first browser tab, kept open until the presence test. */
  let sariTab: Client;
  const track = (client: Client) => (open.push(client), client);

  beforeAll(async () => {
    app = await startTestServer(kind);
    const { db, clock } = app.server.runtime.ctx;
    [sari, dewi] = await Promise.all([createActor(db, 'agent', 'Sari'), createActor(db, 'supervisor', 'Dewi')]);
    tokens.sari = (await createApiToken(db, { userId: sari.id, name: 'socket', now: clock.now() })).token;
    tokens.dewi = (await createApiToken(db, { userId: dewi.id, name: 'socket', now: clock.now() })).token;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await app?.close();
  });

  it('a simulated customer’s message makes a ticket, and the agent’s reply reaches the simulator page watching that phone', async () => {
    sariTab = track(await connect(app.url, { token: tokens.sari }));
    const agent = sariTab;
    const customer = track(await connect(app.url, { token: tokens.dewi }));
    const phone = '628777000111';

    const watched = (await customer.socket.emitWithAck('simulator:watch', phone)) as Ack<{ messages: SimulatorMessage[] }>;
    expect(watched).toEqual({ ok: true, messages: [] });

    const sent = (await customer.socket.emitWithAck('simulator:send', {
      phone,
      name: 'Rina',
      text: 'Halo, mau tanya stok',
    })) as Ack<{ ticket_id: number; message_id: number }>;
    expect(sent).toMatchObject({ ok: true, ticket_id: expect.any(Number), message_id: expect.any(Number) });
    if (!sent.ok) return;
    const ticket = await agent.waitFor<TicketView>('ticket:created', (x) => x.id === sent.ticket_id);
    expect(ticket).toMatchObject({ channel_kind: 'simulator', customer_name: 'Rina', customer_phone: phone, status: 'pending' });

    // The bot's acknowledgement goes out through the simulator channel first.
    const ack = await customer.waitFor<SimulatorPush>('simulator:message', (p) => p.message.sender === 'bot');
    expect(ack.phone).toBe(phone);

    await claimTicket(app.server.runtime.ctx, { ticketId: sent.ticket_id, actor: sari });
    const reply = await createReply(app.server.runtime.ctx, { ticketId: sent.ticket_id, actor: sari, text: 'Stok masih ada kak' });
    const shown = await customer.waitFor<SimulatorPush>('simulator:message', (p) => p.message.id === reply.id);
    expect(shown).toEqual({
      phone,
      message: {
        id: reply.id,
        direction: 'out',
        sender: 'agent',
        text: 'Stok masih ada kak',
        kind: 'text',
        media: null,
        status: 'sent',
        created_at: reply.created_at,
      },
    });

    // Reopening the simulator page shows the whole conversation as the phone would (once the
    // outbox has recorded the send: the push to the page comes just before that write).
    await app.server.outbox.drain();
    const history = (await customer.socket.emitWithAck('simulator:watch', phone)) as Ack<{ messages: SimulatorMessage[] }>;
    expect(history.ok && history.messages.map((m) => [m.sender, m.text])).toEqual([
      ['customer', 'Halo, mau tanya stok'],
      ['bot', ack.message.text],
      ['agent', 'Stok masih ada kak'],
    ]);
  });

  it('a simulator message that is not a phone number is refused with a reason', async () => {
    const customer = track(await connect(app.url, { token: tokens.dewi }));
    const refused = await customer.socket.emitWithAck('simulator:send', { phone: 'budi', name: '', text: 'halo' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const empty = await customer.socket.emitWithAck('simulator:send', { phone: '628777000222', name: '', text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'type a message first' } });
  });

  it('a browser socket authenticates with its session cookie', async () => {
    const res = await app.server.runtime.auth.handler(
      new Request(`${BASE_URL}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BASE_URL },
        body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }),
      }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('loket.session_token='))!.split(';')[0]!;
    const browser = track(await connect(app.url, { cookie }));
    const hello = await browser.waitFor<HelloPayload>('session:hello');
    expect(hello.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
  });

  const presenceOf = async (userId: number) =>
    (await app.server.runtime.ctx.db.select({ p: users.presence }).from(users).where(eq(users.id, userId)))[0]?.p;

  it('presence: an agent with two tabs stays online when one closes, and goes offline after the grace period without any', async () => {
    const supervisor = track(await connect(app.url, { token: tokens.dewi }));
    const before = app.server.hub.presence.counts().agents_online;
    expect(app.server.hub.presence.isOnline(sari.id)).toBe(true);
    await supervisor.waitFor<QueueCounts>('queue:counts', (c) => c.agents_online === before);
    const secondTab = await connect(app.url, { token: tokens.sari });
    await closeAndWait(app, secondTab);
    expect(app.server.hub.presence.isOnline(sari.id)).toBe(true);

    // The next counts (after a new ticket) still show her online.
    const sent = (await supervisor.socket.emitWithAck('simulator:send', { phone: '628777000333', name: 'Tono', text: 'halo' })) as Ack;
    expect(sent.ok).toBe(true);
    const expected = await countOpenTickets(app.server.runtime.ctx.db);
    const next = await supervisor.waitFor<QueueCounts>('queue:counts', (c) => c.pending.total === expected.pending.total);
    expect(next).toMatchObject({ agents_online: before });

    // The last tab closes: offline only once the grace period has passed without a tab (the sweeper).
    await closeAndWait(app, sariTab);
    expect(app.server.hub.presence.isOnline(sari.id)).toBe(false);
    const { ctx } = app.server.runtime;
    await sweepOfflineAgents(ctx, { connectedHere: app.server.hub.presence.userIds() });
    expect(await presenceOf(sari.id)).toBe('online');
    const [row] = await ctx.db.select({ lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, sari.id));
    await ctx.db.update(users).set({ lastSeenAt: new Date(row!.lastSeenAt!.getTime() - 121_000) }).where(eq(users.id, sari.id));
    await sweepOfflineAgents(ctx, { connectedHere: app.server.hub.presence.userIds() });
    expect(await presenceOf(sari.id)).toBe('offline');
    const gone = await supervisor.waitFor<QueueCounts>('queue:counts', (c) => c.agents_online === before - 1);
    expect(gone.staff_online).toBeGreaterThanOrEqual(1);
  });

  it('disabling a user closes their open sockets at once, and they cannot reconnect', async () => {
    const { db, clock } = app.server.runtime.ctx;
    const tono = await createActor(db, 'agent', 'Tono');
    const tonoToken = (await createApiToken(db, { userId: tono.id, name: 'socket', now: clock.now() })).token;
    const [admin] = await db.select().from(users).where(eq(users.email, TEST_ADMIN.email));
    const adminToken = (await createApiToken(db, { userId: admin!.id, name: 'admin', now: clock.now() })).token;
    const tab = track(await connect(app.url, { token: tonoToken }));
    await tab.waitFor('session:hello');
    const dropped = tab.disconnected();

    const res = await call(patchUser, '', { method: 'PATCH', token: adminToken, params: id(tono.id), body: { disabled: true } });
    expect(res.status).toBe(200);
    await expect(connect(app.url, { token: tonoToken })).rejects.toThrow('unauthorized');
    // A disabled agent must not keep reading customer conversations in a tab left open.
    expect(await dropped).toBe('io server disconnect');
  });
});
