import type { Logger } from '../../lib/logger';
import type { Runtime } from '../../lib/runtime';
import { acceptDirectDeliveries } from '../../lib/domain/outbound-direct';
import { createOutbox } from '../outbox';
import { realTimers, type Timers } from '../socket/coalesce';
import type { SocketHub } from '../socket/hub';
import { createWhatsAppManager } from './baileys/manager';
import type { SocketFactory } from './baileys/socket';
import type { resolveWaVersion } from './baileys/version';
import { relayCustomerSignals } from './customer-signals';
import { createGatewayChannel } from './gateway';
import { createChannelRegistry } from './registry';
import { createSimulatorChannel } from './simulator';

export interface ChannelsOptions {
  runtime: Runtime;
  hub: SocketHub;
  logger: Logger;
  timers?: Timers;
  /** How often the outbox looks for due messages; 0 turns the poll off (tests). */
  outboxPollMs?: number;
  /** Baileys sockets: the real makeWASocket, or a test double built on Baileys' own emitter. */
  makeSocket?: SocketFactory;
  /** How often numbers nobody runs are taken over; 0 turns it off (tests). */
  takeoverMs?: number;
}

/** The ways out to customers in this process: simulator, gateway, linked WhatsApp numbers, and the outbox. */
export async function startChannels(options: ChannelsOptions) {
  const { runtime, hub, logger } = options;
  const { config, ctx } = runtime;
  const timers = options.timers ?? realTimers;
  const registry = createChannelRegistry();
  const { gateway, simulator } = runtime.channels;
  registry.register(gateway.id, createGatewayChannel({ sendUrl: config.gatewaySendUrl, secret: config.gatewayWebhookSecret }));
  if (simulator) registry.register(simulator.id, createSimulatorChannel(hub.emitToCustomer, hub.emitTypingToCustomer));

  const outbox = createOutbox(ctx, { adapterFor: registry.adapterFor, timers, pollMs: options.outboxPollMs });
  let version: ReturnType<typeof resolveWaVersion> | null = null;
  const whatsapp = createWhatsAppManager({
    ctx,
    database: runtime.database,
    registry,
    media: runtime.media,
    makeSocket: options.makeSocket,
    // Loaded with the first number, like Baileys itself (./baileys/manager.ts).
    version: async () => (await (version ??= import('./baileys/version').then((m) => m.resolveWaVersion({ logger, timers })))).version,
    timers,
    logger,
    takeoverMs: options.takeoverMs,
    onReady: (channelId) => void outbox.sweep([channelId]).catch((error) => logger.error({ err: error }, 'outbox sweep failed')),
  });
  runtime.whatsapp = whatsapp.control;

  const unsubscribe = [
    ctx.bus.subscribe((event) => {
      if (event.type === 'outbound.queued') outbox.enqueue(event.messageId, event.channelId, event.chatId, event.taken);
    }),
    // Heard right above: new messages this outbox would send at once are leased to it at their insert.
    acceptDirectDeliveries(ctx.bus, outbox.directTaker),
    relayCustomerSignals(ctx, registry),
  ];
  await outbox.sweep();
  await whatsapp.start();

  return {
    registry,
    outbox,
    whatsapp,
    async stop() {
      for (const off of unsubscribe) off();
      outbox.stop();
      await whatsapp.stop();
      await outbox.drain();
    },
  };
}

export type Channels = Awaited<ReturnType<typeof startChannels>>;
