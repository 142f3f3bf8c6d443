import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuth } from './auth/auth';
import { createMediaStore, mediaDir } from './media/media-store';
import { resolveAuthSecret } from './auth/secret';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { ensureChannel } from './domain/channels';
import { DomainError } from './domain/errors';
import { ensureFirstAdmin } from './domain/users';
import { announceFirstAdmin } from './first-admin-notice';
import type { Logger } from './logger';
import { createEventBus } from './realtime/bus';
import type { Runtime } from './runtime';

export interface BootstrapOptions {
  logger: Logger;
  clock?: Clock;
  /** The address the app is reached at (better-auth checks request origins against it). */
  baseURL: string;
}

/** Opens and migrates the database, makes the built-in channels and the first admin, and wires auth. */
export async function createRuntime(config: Config, options: BootstrapOptions): Promise<Runtime> {
  const { logger } = options;
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    const { db } = database;
    const bus = createEventBus((error, event) => logger.error({ err: error, event: event.type }, 'event handler failed'));
    const ctx = { db, clock: options.clock ?? systemClock, bus, logger };

    const gateway = await ensureChannel(db, 'gateway', 'Gateway');
    const simulator = config.simulatorEnabled ? await ensureChannel(db, 'simulator', 'Simulator') : null;
    await createFirstAdmin(config, database.db, logger, ctx.clock.now());

    const base = new URL(options.baseURL);
    const trustedOrigins = [
      base.origin,
      `http://localhost:${base.port || 80}`,
      `http://127.0.0.1:${base.port || 80}`,
      ...config.trustedOrigins,
    ];
    const auth = createAuth({
      db,
      secret: resolveAuthSecret(config, logger),
      baseURL: options.baseURL,
      trustedOrigins,
      signInPerMinute: config.signInPerMinute,
    });
    return {
      config,
      database,
      ctx,
      auth,
      channels: { gateway, simulator },
      media: createMediaStore(
        config.dataDir === 'memory://' ? join(tmpdir(), `loket-media-${process.pid}`) : mediaDir(config.dataDir),
      ),
      whatsapp: null,
      startedAt: ctx.clock.now(),
      stats: () => ({ sockets: 0, agents_online: 0, staff_online: 0 }),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function createFirstAdmin(config: Config, db: Runtime['ctx']['db'], logger: Logger, now: Date) {
  try {
    const created = await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword });
    if (!created) return;
    if (created.generatedPassword) {
      const { email } = created.user;
      const given = await announceFirstAdmin(
        { email, password: created.generatedPassword },
        { dataDir: config.dataDir === 'memory://' ? null : config.dataDir, terminal: process.stdout, now },
      );
      const where = [given.file ? `in ${given.file}` : null, given.shownOnTerminal ? 'on the terminal' : null];
      logger.warn({ email, file: given.file }, `first admin created — sign in as ${email}; the password is ${where.filter(Boolean).join(' and ')}`);
    } else {
      logger.info({ email: created.user.email }, 'first admin created from ADMIN_EMAIL / ADMIN_PASSWORD');
    }
  } catch (error) {
    // Another process made the first admin at the same moment.
    if (!(error instanceof DomainError && error.code === 'email_taken')) throw error;
  }
}
