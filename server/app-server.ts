import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRuntime } from '../lib/bootstrap';
import type { Clock } from '../lib/clock';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { setRuntime } from '../lib/runtime';
import type { SocketFactory } from './channels/baileys/socket';
import { startChannels } from './channels/setup';
import { createFastRoutes } from './fast-routes';
import { createMetrics } from './metrics';
import { startSweepers } from './sweepers';
import type { Timers } from './socket/coalesce';
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
  /** Timers for the outbox and the channels (tests inject their own). */
  timers?: Timers;
  /** How often the outbox looks for due messages; 0 turns the poll off (tests). */
  outboxPollMs?: number;
  /** Baileys sockets (tests and the end-to-end run pass a double built on Baileys' emitter). */
  makeSocket?: SocketFactory;
  /** How often WhatsApp numbers nobody runs are taken over; 0 turns it off (tests). */
  whatsappTakeoverMs?: number;
  /** How often the time rules (SLA, presence, auto-assign) run; 0 turns the periodic sweep off (tests). */
  sweepIntervalMs?: number;
  /** Presence heartbeat of connected tabs. */
  heartbeatMs?: number;
  /** Extra routes answered before everything else (the end-to-end run's WhatsApp hooks). */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** Everything but Next itself: database, auth, Socket.IO hub, channels and outbox on one HTTP server. */
export async function startAppServer(options: AppServerOptions) {
  const { config, logger } = options;
  const runtime = await createRuntime(config, { logger, clock: options.clock, baseURL: options.baseURL });
  const fastRoutes = createFastRoutes(runtime, logger);
  // Made once the hub exists (it counts the sockets); until then /metrics falls through.
  let metrics: ReturnType<typeof createMetrics> | null = null;
  const httpServer: Server = createServer((req, res) => {
    void (async () => {
      if (await fastRoutes(req, res)) return;
      if (metrics && (await metrics.handle(req, res))) return;
      if (options.extraRoutes && (await options.extraRoutes(req, res))) return;
      await options.handler(req, res);
    })().catch((error) => {
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Outlive the idle keep-alive of clients and proxies (often 60 s): with Node's 5 s default, a
  // client reusing a connection just as the server closes it gets ECONNRESET.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const hub = createSocketHub(httpServer, runtime, { timers: options.timers, heartbeatMs: options.heartbeatMs });
  runtime.stats = () => ({ sockets: hub.socketCount(), ...hub.presence.counts() });
  runtime.boardSeq = hub.board.currentSeq;
  metrics = createMetrics(runtime, { access: { token: config.metricsToken, allow: config.metricsAllow }, sockets: hub.socketCount });

  setRuntime(runtime);
  const channels = await startChannels({
    runtime,
    hub,
    logger,
    timers: options.timers,
    outboxPollMs: options.outboxPollMs,
    makeSocket: options.makeSocket,
    takeoverMs: options.whatsappTakeoverMs,
  });
  const sweepers = startSweepers({
    ctx: runtime.ctx,
    timers: options.timers,
    intervalMs: options.sweepIntervalMs,
    connectedHere: hub.presence.userIds,
  });
  await options.prepare?.();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });

  let closing: Promise<void> | null = null;
  return {
    runtime,
    hub,
    channels,
    sweepers,
    outbox: channels.outbox,
    httpServer,
    close() {
      closing ??= (async () => {
        sweepers.stop();
        metrics?.close();
        await channels.stop();
        await hub.close();
        setRuntime(undefined);
        await runtime.database.close();
      })();
      return closing;
    },
  };
}

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;
