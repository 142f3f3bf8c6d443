import { join } from 'node:path';
import { openDatabase } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { ensureChannel } from '../../lib/domain/channels';
import { defer } from './cleanup';
import type { ScenarioRun } from './scenario';
import { freePort, type ServerProcess, startServer } from './server-process';
import { type DatabaseTarget, pgliteTarget, postgresTarget } from './targets';
import { createWebhookClient, type WebhookClient } from './webhook-client';
import { shippedNodeFlags } from './shipped-flags';

export interface FloorUnderTest {
  target: DatabaseTarget;
  server: ServerProcess;
  client: WebhookClient;
  close(): Promise<void>;
}

/**
 * The floor server (bench/lib/floor-server.ts) in its own process, on a fresh database migrated
 * with our migrations, or on `existing` (a seeded database Loket has just been measured on).
 */
export async function startFloor(run: ScenarioRun, existing?: DatabaseTarget, label = `floor-${run.kind}`): Promise<FloorUnderTest> {
  const { kind, options, workDir } = run;
  const target = existing ?? (kind === 'pglite' ? pgliteTarget(join(workDir, label)) : await postgresTarget(options.databaseUrl as string));
  const undo: (() => Promise<void>)[] = existing ? [] : [defer(`drop ${target.location}`, () => target.dispose())];
  try {
    const url = target.env.DATABASE_URL;
    const handle = await openDatabase(url ? { url, maxConnections: 2 } : { dataDir: target.env.LOKET_DATA_DIR });
    try {
      await migrateDatabase(handle);
      await ensureChannel(handle.db, 'gateway', 'Gateway');
    } finally {
      await handle.close();
    }
    const base: NodeJS.ProcessEnv = { ...process.env };
    delete base.DATABASE_URL;
    const port = await freePort();
    const server = await startServer({
      port,
      logFile: join(workDir, `${label}.log`),
      trackPostgres: kind === 'postgres',
      script: 'bench/lib/floor-server.ts',
      nodeArgs: [...shippedNodeFlags(), '--import', 'tsx', ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(workDir, `cpu-prof-${label}`)}`] : [])],
      env: {
        ...base,
        ...(url ? { DATABASE_URL: url } : { FLOOR_PGLITE_DIR: join(target.env.LOKET_DATA_DIR as string, 'pglite') }),
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        FLOOR_BOT_ACK: options.botAck ? 'on' : 'off',
      },
    });
    undo.unshift(defer(`floor pid ${server.pid}`, () => server.stop()));
    run.log(`floor pid ${server.pid} at ${server.baseUrl}`);
    const client = createWebhookClient(server.baseUrl, 'floor-ignores-signatures');
    undo.unshift(defer('floor webhook client', async () => client.close()));
    return {
      target,
      server,
      client,
      async close() {
        for (const step of undo) await step();
      },
    };
  } catch (error) {
    for (const step of undo) await step();
    throw error;
  }
}
