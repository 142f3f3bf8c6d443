import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { listDueOutbound } from '../../lib/domain/outbound';
import { acceptDirectDeliveries, type TakenDelivery } from '../../lib/domain/outbound-direct';
import { createGatewayChannel } from '../../server/channels/gateway';
import { createChannelRegistry } from '../../server/channels/registry';
import { createSimulatorChannel } from '../../server/channels/simulator';
import { createOutbox, type Outbox } from '../../server/outbox';
import { createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { type FakeGateway, startFakeGateway } from '../helpers/gateway-server';
import { createManualTimers } from '../helpers/timers';

const SECRET = 'outbox-direct-secret';
const LEASE_MS = 60_000;

describe.each(databaseTargets())('on %s, a new ticket’s acknowledgement is leased to the outbox at its insert', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let gateway: FakeGateway;
  let gatewayChannel: ChannelRow;
  /** A number sent through the simulator's adapter, paced like a WhatsApp number. */
  let pacedChannel: ChannelRow;
  /** One through the simulator's adapter that can be taken down. */
  let flakyChannel: ChannelRow;
  let flakyReady = true;
  let outbox: Outbox;
  let registry: ReturnType<typeof createChannelRegistry>;
  let simulator: ReturnType<typeof createSimulatorChannel>;
  let time: ReturnType<typeof createManualTimers>;
  /** Whether the bus hands queued messages to the outbox (off: a test hands them over itself). */
  let listening = true;
  const queued: Array<{ messageId: number; channelId: number; chatId: number; taken?: TakenDelivery }> = [];
  let n = 700;

  const stored = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;
  async function newTicket(channel: ChannelRow) {
    const result = await ingestInboundMessage(t.ctx, inbound(channel, (n += 1)));
    expect(result.botReply).not.toBeNull();
    return { botReplyId: result.botReply!.id, event: queued.find((q) => q.messageId === result.botReply!.id)! };
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    time = createManualTimers(t.clock);
    gateway = await startFakeGateway();
    gatewayChannel = await ensureChannel(database.db, 'gateway', 'Gateway');
    pacedChannel = await ensureChannel(database.db, 'simulator', 'Paced');
    flakyChannel = await ensureChannel(database.db, 'simulator', 'Flaky');
    registry = createChannelRegistry();
    registry.register(gatewayChannel.id, createGatewayChannel({ sendUrl: gateway.url, secret: SECRET }));
    simulator = createSimulatorChannel(() => {}, () => {});
    registry.register(pacedChannel.id, { ...simulator, pacing: () => ({ intervalMs: 1_000, jitterMs: 0 }) });
    registry.register(flakyChannel.id, { ...simulator, isReady: () => flakyReady });
    outbox = createOutbox(t.ctx, { adapterFor: registry.adapterFor, timers: time.timers, pollMs: 0, leaseMs: LEASE_MS });
    // As server/channels/setup.ts wires it.
    t.ctx.bus.subscribe((event) => {
      if (event.type !== 'outbound.queued') return;
      queued.push(event);
      if (listening) outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
    });
    acceptDirectDeliveries(t.ctx.bus, outbox.directTaker);
  });
  afterAll(async () => {
    outbox?.stop();
    await outbox?.drain();
    await gateway?.close();
    await database?.destroy();
  });

  it('is stored leased, and sent on that lease without the outbox leasing it again', async () => {
    const already = gateway.received.length;
    listening = false;
    const { botReplyId, event } = await newTicket(gatewayChannel);
    listening = true;
    const leasedUntil = new Date(t.clock.now().getTime() + LEASE_MS);
    expect(await stored(botReplyId)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: leasedUntil });
    expect(event.taken).toMatchObject({ leasedUntil, delivery: { attempts: 1, message: { id: botReplyId, sender: 'bot' } } });
    // Nobody else sees it as due: a sweep here or in another process leaves it alone.
    expect((await listDueOutbound(t.ctx)).map((m) => m.id)).not.toContain(botReplyId);

    outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
    await outbox.drain();
    expect(gateway.received.slice(already).map((r) => r.body.message_id)).toEqual([botReplyId]);
    // A lease statement would have counted a second attempt.
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 1, nextAttemptAt: null });
  });

  it('whose turn came late is leased again under the same lease, and sent once', async () => {
    const already = gateway.received.length;
    listening = false;
    const { botReplyId, event } = await newTicket(gatewayChannel);
    listening = true;
    t.clock.advance(LEASE_MS * 0.75);
    outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
    await outbox.drain();
    expect(gateway.received.slice(already).map((r) => r.body.message_id)).toEqual([botReplyId]);
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('is not leased for a paced number: it waits for its turn in the number’s lane, then is leased', async () => {
    const { botReplyId, event } = await newTicket(pacedChannel);
    expect(event.taken).toBeUndefined();
    // After its send the lane pauses for the number's pacing: let that time pass once the pause is set.
    const drained = outbox.drain();
    while (time.pendingCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    time.advance(1_000);
    await drained;
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('is given back when its channel went down first, and sent after it comes back', async () => {
    listening = false;
    const { botReplyId, event } = await newTicket(flakyChannel);
    listening = true;
    expect(event.taken).toBeDefined();
    flakyReady = false;
    outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
    await outbox.drain();
    expect(await stored(botReplyId)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: null });
    expect((await listDueOutbound(t.ctx)).map((m) => m.id)).toContain(botReplyId);

    flakyReady = true;
    expect(await outbox.sweep([flakyChannel.id])).toBeGreaterThanOrEqual(1);
    await outbox.drain();
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('is given back when its number left this process between the insert and the event, for the process that serves it now', async () => {
    listening = false;
    const { botReplyId, event } = await newTicket(flakyChannel);
    listening = true;
    expect(event.taken).toBeDefined();
    registry.unregister(flakyChannel.id);
    try {
      outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
      // The release is not awaited by anyone here: wait for it turn by turn, not by the clock.
      for (let turn = 0; turn < 1_000 && (await stored(botReplyId)).nextAttemptAt !== null; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await stored(botReplyId)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: null });
      expect((await listDueOutbound(t.ctx)).map((m) => m.id)).toContain(botReplyId);
    } finally {
      registry.register(flakyChannel.id, { ...simulator, isReady: () => flakyReady });
    }
    expect(await outbox.sweep([flakyChannel.id])).toBeGreaterThanOrEqual(1);
    await outbox.drain();
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('is not leased while the channel is down, nor once the outbox has stopped', async () => {
    flakyReady = false;
    const down = await newTicket(flakyChannel);
    flakyReady = true;
    expect(down.event.taken).toBeUndefined();
    expect(await stored(down.botReplyId)).toMatchObject({ attempts: 0, nextAttemptAt: null });
    await outbox.drain();

    outbox.stop();
    const stopped = await newTicket(gatewayChannel);
    expect(stopped.event.taken).toBeUndefined();
    expect(await stored(stopped.botReplyId)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: null });
  });
});
