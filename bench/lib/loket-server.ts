import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createUserWithToken } from './admin-cli';
import { defer } from './cleanup';
import { describeBuild, describeDatabase, describeMachine } from './environment';
import { startGatewaySink } from './gateway-sink';
import type { RunInfo } from './report';
import { CONTENDED_CORES, type ResourceUsage } from './resources';
import type { ScenarioRun } from './scenario';
import { freePort, type ServerProcess, startServer } from './server-process';
import { type DatabaseTarget, pgliteTarget, postgresTarget } from './targets';
import { createWebhookClient, type WebhookClient } from './webhook-client';
import { shippedNodeFlags } from './shipped-flags';

export interface LoketUnderTest {
  target: DatabaseTarget;
  server: ServerProcess;
  client: WebhookClient;
  agentToken: string;
  adminToken: string;
  /** Bot acknowledgements the stand-in gateway received so far. */
  outboundSent(): number;
  info(): Promise<RunInfo>;
  /** Stops the server, the sink, and (unless `keepDatabase`) drops the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Runs on the fresh, migrated database (users made) before the server starts: seeding. */
  beforeStart?: (target: DatabaseTarget) => Promise<void>;
  /** Name for the log file and CPU profile folder. */
  label?: string;
  /** Hand the database to the caller (for the floor on the same data); the caller disposes it. */
  keepDatabase?: boolean;
  /** Extra environment for the server (e.g. LOKET_SIGNIN_PER_MINUTE when a scenario signs in 100 agents). */
  env?: Record<string, string>;
}

/** A fresh database, an agent and an admin with API tokens (admin CLI), the production server, a webhook client. */
export async function startLoket(run: ScenarioRun, start: StartOptions = {}): Promise<LoketUnderTest> {
  const { kind, options, workDir, log } = run;
  const label = start.label ?? kind;
  const target = kind === 'pglite' ? pgliteTarget(join(workDir, label)) : await postgresTarget(options.databaseUrl as string);
  const undo: (() => Promise<void>)[] = [];
  if (!start.keepDatabase) undo.push(defer(`drop ${target.location}`, () => target.dispose()));
  try {
    const base: NodeJS.ProcessEnv = { ...process.env };
    delete base.DATABASE_URL;
    delete base.LOKET_DATA_DIR;
    const dbEnv = { ...base, ...target.env };
    const password = randomBytes(12).toString('base64url');
    const agentToken = await createUserWithToken(dbEnv, 'agent', 'bench-agent@loket.test', password);
    const adminToken = await createUserWithToken(dbEnv, 'admin', 'bench-owner@loket.test', password);
    if (start.beforeStart) await start.beforeStart(target);

    const sink = await startGatewaySink();
    undo.unshift(defer('gateway sink', () => sink.close()));
    const secret = randomBytes(24).toString('hex');
    const port = await freePort();
    const profDir = join(workDir, `cpu-prof-${label}`);
    const server = await startServer({
      port,
      logFile: join(workDir, `server-${label}.log`),
      trackPostgres: kind === 'postgres',
      nodeArgs: [...shippedNodeFlags(), ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...options.serverNodeArgs],
      env: {
        ...dbEnv,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        GATEWAY_WEBHOOK_SECRET: secret,
        GATEWAY_SEND_URL: sink.url,
        ADMIN_EMAIL: 'bench-admin@loket.test',
        ADMIN_PASSWORD: password,
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        LOG_LEVEL: 'warn',
        LOKET_SIMULATOR: 'off',
        NEXT_TELEMETRY_DISABLED: '1',
        ...start.env,
      },
    });
    undo.unshift(defer(`server pid ${server.pid}`, () => server.stop()));
    log(`server pid ${server.pid} at ${server.baseUrl}${options.cpuProf ? `; CPU profile goes to ${profDir}` : ''}`);
    if (!options.botAck) await setBotAck(server.baseUrl, adminToken, false);
    const client = createWebhookClient(server.baseUrl, secret);
    undo.unshift(defer('webhook client', async () => client.close()));
    return {
      target,
      server,
      client,
      agentToken,
      adminToken,
      outboundSent: sink.received,
      info: () => runInfo(options, target),
      async close() {
        for (const step of undo) await step();
      },
    };
  } catch (error) {
    for (const step of undo) await step();
    throw error;
  }
}

export async function runInfo(options: ScenarioRun['options'], target: DatabaseTarget): Promise<RunInfo> {
  return {
    date: new Date().toISOString(),
    command: options.command,
    machine: describeMachine(),
    node: process.version,
    database: await describeDatabase(target),
    botAck: options.botAck,
    build: describeBuild(),
  };
}

/** Runs `measure` again while other work on the machine disturbed it (up to `attempts`), keeps the least disturbed. */
export async function leastDisturbed<R extends { resources: ResourceUsage | null; attempt?: number }>(
  measure: () => Promise<R>,
  attempts: number,
  log: (line: string) => void,
): Promise<R> {
  let best: R | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const r: R = { ...(await measure()), attempt };
    const other = r.resources?.otherCores ?? 0;
    if (!best || other < (best.resources?.otherCores ?? 0)) best = r;
    if (other <= CONTENDED_CORES) break;
    log(`other processes used ${other.toFixed(2)} cores during the run${attempt < attempts ? '; measuring again' : ''}`);
  }
  return best as R;
}

/** The bot's acknowledgement of a new ticket (on as shipped) sends one outbound message per ticket. */
async function setBotAck(baseUrl: string, adminToken: string, enabled: boolean) {
  const res = await fetch(`${baseUrl}/api/settings/bot`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ack_enabled: enabled, ack_text: 'Terima kasih, agen kami akan segera membalas.' }),
  });
  if (!res.ok) throw new Error(`PUT /api/settings/bot answered ${res.status}: ${await res.text()}`);
}
