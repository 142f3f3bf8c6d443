import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import type { CustomerSideMessage } from '../../lib/domain/views';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { createReply, retryMessage } from '../../lib/domain/messages';
import { claimTicket } from '../../lib/domain/tickets';
import { verifySignature } from '../../lib/gateway/signature';
import { createGatewayChannel } from '../../server/channels/gateway';
import { createChannelRegistry } from '../../server/channels/registry';
import { createSimulatorChannel } from '../../server/channels/simulator';
import { createOutbox, type Outbox } from '../../server/outbox';
import { createActor, createTestContext, type TestContext } from '../helpers/context';
import { createManualTimers } from '../helpers/timers';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { customer, inbound } from '../helpers/fixtures';
import { type FakeGateway, startFakeGateway } from '../helpers/gateway-server';

const SECRET = 'outbox-test-secret';

describe.each(databaseTargets())('outbox on %s: queued, then sent or failed', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let gatewayChannel: ChannelRow;
  let simulatorChannel: ChannelRow;
  let sari: Actor;
  let gateway: FakeGateway;
  let outbox: Outbox;
  let time: ReturnType<typeof createManualTimers>;
  /** The outbox the bus hands queued messages to, as server/app-server.ts wires it. */
  let active: Outbox;
  let customerScreens: Array<{ phone: string; message: CustomerSideMessage }>;
  let n = 300;

  /** An outbox with the gateway and simulator adapters, as the server registers them. */
  function buildOutbox(gatewayOptions: { sendUrl: string | undefined; secret: string | undefined }, maxAttempts = 8) {
    const registry = createChannelRegistry();
    registry.register(gatewayChannel.id, createGatewayChannel(gatewayOptions));
    registry.register(
      simulatorChannel.id,
      createSimulatorChannel((phone, message) => customerScreens.push({ phone, message }), () => {}),
    );
    return createOutbox(t.ctx, { adapterFor: registry.adapterFor, timers: time.timers, pollMs: 0, maxAttempts });
  }

  /** Runs fn with another outbox taking the bus's queued messages. */
  async function withOutbox(box: Outbox, fn: () => Promise<void>) {
    active = box;
    try {
      await fn();
    } finally {
      await box.drain();
      active = outbox;
    }
  }

  async function claimedTicket(channel: ChannelRow) {
    const { ticket } = await ingestInboundMessage(t.ctx, inbound(channel, (n += 1)));
    await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    return ticket;
  }
  const stored = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    time = createManualTimers(t.clock);
    gatewayChannel = await ensureChannel(database.db, 'gateway', 'Gateway');
    simulatorChannel = await ensureChannel(database.db, 'simulator', 'Simulator');
    sari = await createActor(database.db, 'agent', 'Sari');
    gateway = await startFakeGateway();
    customerScreens = [];
    outbox = buildOutbox({ sendUrl: gateway.url, secret: SECRET });
    active = outbox;
    t.ctx.bus.subscribe((event) => {
      if (event.type === 'outbound.queued') active.enqueue(event.messageId, event.channelId, event.chatId);
    });
  });
  afterAll(async () => {
    await outbox?.drain();
    await gateway?.close();
    await database?.destroy();
  });

  it('a simulator reply is queued first, then sent and shown on the customer’s screen', async () => {
    const ticket = await claimedTicket(simulatorChannel);
    await outbox.drain();
    const before = t.events.length;
    const reply = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Halo dari simulator' });
    expect(reply.status).toBe('queued');
    await outbox.drain();

    expect(await stored(reply.id)).toMatchObject({ status: 'sent', externalId: `sim-out-${reply.id}`, attempts: 1, error: null });
    const updates = t.events
      .slice(before)
      .filter((e) => (e.type === 'message.updated' || e.type === 'message.created') && e.message.id === reply.id);
    expect(updates.map((e) => [e.type, 'message' in e ? e.message.status : null])).toEqual([
      ['message.created', 'queued'],
      ['message.updated', 'sent'],
    ]);
    expect(customerScreens.map((s) => [s.phone, s.message.sender, s.message.text])).toContainEqual([
      customer(n).phone,
      'agent',
      'Halo dari simulator',
    ]);
  });

  it('a gateway reply is a signed POST to GATEWAY_SEND_URL and keeps the gateway’s message id', async () => {
    const ticket = await claimedTicket(gatewayChannel);
    await outbox.drain();
    const already = gateway.received.length;
    const reply = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Pesanan sudah dikirim' });
    await outbox.drain();

    const sent = gateway.received.slice(already);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.body).toEqual({
      to: customer(n).phone,
      jid: customer(n).phoneJid,
      text: 'Pesanan sudah dikirim',
      message_id: reply.id,
      ticket_id: ticket.id,
    });
    expect(request!.headers['content-type']).toBe('application/json');
    const signature = request!.headers['x-loket-signature'];
    expect(typeof signature).toBe('string');
    expect(verifySignature(request!.raw, signature as string, SECRET)).toBe(true);
    expect(verifySignature(request!.raw, signature as string, 'another-secret')).toBe(false);
    expect(await stored(reply.id)).toMatchObject({ status: 'sent', externalId: `WA-${already + 1}` });
  });

  it('a gateway answering 500 is retried with backoff, then failed with the reason; a manual retry sends it', async () => {
    const ticket = await claimedTicket(gatewayChannel);
    await outbox.drain();
    gateway.answer(500, 'baileys socket closed');
    const twice = buildOutbox({ sendUrl: gateway.url, secret: SECRET }, 2);
    let reply!: Awaited<ReturnType<typeof createReply>>;
    await withOutbox(twice, async () => {
      const already = gateway.received.length;
      reply = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Coba kirim' });
      await twice.drain();
      // A transient failure: still queued, the reason shown, a retry scheduled (2 s ± 20 %).
      const waiting = await stored(reply.id);
      expect(waiting).toMatchObject({ status: 'queued', error: 'The gateway answered 500: baileys socket closed (retrying)', attempts: 1 });
      const wait = waiting.nextAttemptAt!.getTime() - t.clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(1_600);
      expect(wait).toBeLessThanOrEqual(2_400);
      expect(gateway.received.length - already).toBe(1);

      time.advance(2_400);
      await twice.drain();
      expect(gateway.received.length - already).toBe(2);
      expect(await stored(reply.id)).toMatchObject({
        status: 'failed',
        error: 'The gateway answered 500: baileys socket closed (gave up after 2 attempts)',
        attempts: 2,
        sentAt: null,
      });
    });

    gateway.answer(200);
    await expect(retryMessage(t.ctx, { messageId: reply.id + 10_000, actor: sari })).rejects.toMatchObject({ status: 404 });
    const retried = await retryMessage(t.ctx, { messageId: reply.id, actor: sari });
    expect(retried).toMatchObject({ id: reply.id, status: 'queued', error: null });
    await outbox.drain();
    expect(await stored(reply.id)).toMatchObject({ status: 'sent', error: null, attempts: 3 });
    expect(gateway.received.at(-1)!.body.message_id).toBe(reply.id);
    // Only failed messages can be retried.
    await expect(retryMessage(t.ctx, { messageId: reply.id, actor: sari })).rejects.toMatchObject({
      status: 409,
      code: 'message_not_failed',
    });
  });

  it('without GATEWAY_SEND_URL a gateway reply fails and says why', async () => {
    const ticket = await claimedTicket(gatewayChannel);
    await outbox.drain();
    await withOutbox(buildOutbox({ sendUrl: undefined, secret: SECRET }), async () => {
      const reply = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Tidak bisa keluar' });
      await active.drain();
      const row = await stored(reply.id);
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(/GATEWAY_SEND_URL is not set/);
    });
  });

  it('an unreachable gateway fails the reply with the network reason', async () => {
    const ticket = await claimedTicket(gatewayChannel);
    await outbox.drain();
    const closed = await startFakeGateway();
    await closed.close();
    await withOutbox(buildOutbox({ sendUrl: closed.url, secret: SECRET }, 1), async () => {
      const reply = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Halo?' });
      await active.drain();
      const row = await stored(reply.id);
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(/^The gateway could not be reached: /);
    });
  });

  it('a sweep at start sends what was still queued when the process stopped', async () => {
    const ticket = await claimedTicket(simulatorChannel);
    await outbox.drain();
    // The old process queued replies and died before sending: nobody listens to the bus.
    const dead = createTestContext(database.db, t.clock);
    const first = await createReply(dead.ctx, { ticketId: ticket.id, actor: sari, text: 'sebelum restart 1' });
    const second = await createReply(dead.ctx, { ticketId: ticket.id, actor: sari, text: 'sebelum restart 2' });
    expect((await stored(first.id)).status).toBe('queued');

    const registry = createChannelRegistry();
    const shown: string[] = [];
    registry.register(simulatorChannel.id, createSimulatorChannel((_phone, message) => shown.push(message.text), () => {}));
    registry.register(gatewayChannel.id, createGatewayChannel({ sendUrl: gateway.url, secret: SECRET }));
    const restarted = createOutbox(t.ctx, { adapterFor: registry.adapterFor, timers: time.timers, pollMs: 0 });
    expect(await restarted.sweep()).toBeGreaterThanOrEqual(2);
    await restarted.drain();
    expect((await stored(first.id)).status).toBe('sent');
    expect((await stored(second.id)).status).toBe('sent');
    // Per chat, in the order they were written.
    expect(shown.filter((text) => text.startsWith('sebelum restart'))).toEqual(['sebelum restart 1', 'sebelum restart 2']);
    expect(await restarted.sweep()).toBe(0);
  });
});
