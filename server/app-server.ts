import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRuntime } from '../lib/bootstrap';
import type { Clock } from '../lib/clock';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { setRuntime } from '../lib/runtime';
import { createGatewayChannel } from './channels/gateway';
import { createChannelRegistry } from './channels/registry';
import { createSimulatorChannel } from './channels/simulator';
import { createFastRoutes } from './fast-routes';
import { createOutbox } from './outbox';
import { createSocketHub } from './socket/hub';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface AppServerOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Serves everything that is not Socket.IO: Next.js in the real server. */
  handler: RequestHandler;
  baseURL: string;
  /** Runs after the database is open and before the port opens (Next's prepare). */
  prepare?: () => Promise<void>;
}

/** Everything but Next itself: database, auth, Socket.IO hub, channels and outbox on one HTTP server. */
export async function startAppServer(options: AppServerOptions) {
  const { config, logger } = options;
  const runtime = await createRuntime(config, { logger, clock: options.clock, baseURL: options.baseURL });
  const fastRoutes = createFastRoutes(runtime, logger);
  const httpServer: Server = createServer((req, res) => {
    void (async () => {
      if (await fastRoutes(req, res)) return;
      await options.handler(req, res);
    })().catch((error) => {
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const hub = createSocketHub(httpServer, runtime);
  runtime.stats = () => ({ sockets: hub.socketCount(), ...hub.presence.counts() });

  const registry = createChannelRegistry();
  registry.registerKind(createGatewayChannel({ sendUrl: config.gatewaySendUrl, secret: config.gatewayWebhookSecret }));
  if (runtime.channels.simulator) registry.registerKind(createSimulatorChannel(hub.emitToCustomer));
  const outbox = createOutbox(runtime.ctx, registry.adapterFor);
  const unsubscribe = runtime.ctx.bus.subscribe((event) => {
    if (event.type === 'outbound.queued') outbox.enqueue(event.messageId, event.chatId);
  });
  setRuntime(runtime);
  await outbox.recover();
  await options.prepare?.();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });

  let closing: Promise<void> | null = null;
  return {
    runtime,
    hub,
    outbox,
    httpServer,
    close() {
      closing ??= (async () => {
        unsubscribe();
        await hub.close();
        await outbox.drain();
        setRuntime(undefined);
        await runtime.database.close();
      })();
      return closing;
    },
  };
}

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;
