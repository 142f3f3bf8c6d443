import next from 'next';
import { loadConfig } from '../lib/config';
import { createLogger, setLogger } from '../lib/logger';
import { startAppServer } from './app-server';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  setLogger(logger);
  const dev = !config.production;
  const baseURL = config.publicUrl ?? `http://localhost:${config.port}`;

  // The end-to-end run plays WhatsApp's side itself; a real deployment never sets this.
  // Imported only then: they load Baileys, which a desk without a linked number never needs.
  const testing = process.env.LOKET_WA_TEST_SOCKET === '1' ? await loadTestSockets() : null;
  if (testing) logger.warn('LOKET_WA_TEST_SOCKET=1: WhatsApp numbers are simulated, nothing reaches WhatsApp');

  const app = next({ dev, hostname: 'localhost', port: config.port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  const server = await startAppServer({
    config,
    logger,
    baseURL,
    handler: (req, res) => handle(req, res),
    prepare: () => app.prepare(),
    makeSocket: testing?.sockets.factory,
    sweepIntervalMs: config.sweepIntervalMs,
    heartbeatMs: config.presenceHeartbeatMs,
    extraRoutes: testing?.hooks,
  });

  const { runtime } = server;
  logger.info(
    {
      url: baseURL,
      database: runtime.database.kind,
      location: runtime.database.location,
      simulator: Boolean(runtime.channels.simulator),
    },
    `Loket is ready at ${baseURL} — sign in at ${baseURL}/sign-in` +
      (runtime.channels.simulator ? `; play a customer at ${baseURL}/simulator` : ''),
  );

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function loadTestSockets() {
  const [{ createTestSocketFactory }, { createWhatsAppTestHooks }] = await Promise.all([
    import('./channels/baileys/test-socket'),
    import('./test-hooks'),
  ]);
  const sockets = createTestSocketFactory();
  return { sockets, hooks: createWhatsAppTestHooks(sockets) };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Loket could not start: ${error.message}` : error);
  process.exit(1);
});
