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
import type { ChannelAdapter } from '../../server/channels/types';
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
  /** The flaky number's adapter, to register again after a test takes it away. */
  let flakyAdapter: ChannelAdapter;
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
  /** A new ticket whose acknowledgement was leased at its insert, not yet handed to the outbox. */
  async function leasedTicket(channel: ChannelRow) {
    listening = false;
    const ticket = await newTicket(channel).finally(() => (listening = true));
    expect(ticket.event.taken).toBeDefined();
    return ticket;
  }
  const handOver = (event: (typeof queued)[number]) => outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
  async function expectGivenBack(botReplyId: number) {
    expect(await stored(botReplyId)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: null });
    expect((await listDueOutbound(t.ctx)).map((m) => m.id)).toContain(botReplyId);
  }
  async function expectSentOnSweep(channelId: number, botReplyId: number) {
    expect(await outbox.sweep([channelId])).toBeGreaterThanOrEqual(1);
    await outbox.drain();
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 1 });
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
    const simulator = createSimulatorChannel(() => {}, () => {});
    flakyAdapter = { ...simulator, isReady: () => flakyReady };
    registry.register(pacedChannel.id, { ...simulator, pacing: () => ({ intervalMs: 1_000, jitterMs: 0 }) });
    registry.register(flakyChannel.id, flakyAdapter);
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
    const { botReplyId, event } = await leasedTicket(gatewayChannel);
    const leasedUntil = new Date(t.clock.now().getTime() + LEASE_MS);
    expect(await stored(botReplyId)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: leasedUntil });
    expect(event.taken).toMatchObject({ leasedUntil, delivery: { attempts: 1, message: { id: botReplyId, sender: 'bot' } } });
    // Nobody else sees it as due: a sweep here or in another process leaves it alone.
    expect((await listDueOutbound(t.ctx)).map((m) => m.id)).not.toContain(botReplyId);

    handOver(event);
    await outbox.drain();
    expect(gateway.received.slice(already).map((r) => r.body.message_id)).toEqual([botReplyId]);
    // A lease statement would have counted a second attempt.
    expect(await stored(botReplyId)).toMatchObject({ status: 'sent', attempts: 1, nextAttemptAt: null });
  });

  it('whose turn came late is leased again under the same lease, and sent once', async () => {
    const already = gateway.received.length;
    const { botReplyId, event } = await leasedTicket(gatewayChannel);
    t.clock.advance(LEASE_MS * 0.75);
    handOver(event);
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
    const { botReplyId, event } = await leasedTicket(flakyChannel);
    flakyReady = false;
    handOver(event);
    await outbox.drain();
    await expectGivenBack(botReplyId);

    flakyReady = true;
    await expectSentOnSweep(flakyChannel.id, botReplyId);
  });

  it('is given back when its number left this process between the insert and the event, for the process that serves it now', async () => {
    const { botReplyId, event } = await leasedTicket(flakyChannel);
    registry.unregister(flakyChannel.id);
    try {
      handOver(event);
      // The release is not awaited by anyone here: wait for it turn by turn, not by the clock.
      for (let turn = 0; turn < 1_000 && (await stored(botReplyId)).nextAttemptAt !== null; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      await expectGivenBack(botReplyId);
    } finally {
      registry.register(flakyChannel.id, flakyAdapter);
    }
    await expectSentOnSweep(flakyChannel.id, botReplyId);
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
