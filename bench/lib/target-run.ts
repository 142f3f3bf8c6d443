import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { timeToQueue, type TimeToQueueResult } from '../scenarios/time-to-queue';
import { createUserWithToken } from './admin-cli';
import { defer } from './cleanup';
import { describeBuild, describeDatabase, describeMachine } from './environment';
import { startGatewaySink } from './gateway-sink';
import type { BenchOptions, TargetKind } from './options';
import { describeUsage, type TargetReport } from './report';
import { CONTENDED_CORES } from './resources';
import { freePort, startServer } from './server-process';
import { ms } from './stats';
import { pgliteTarget, postgresTarget } from './targets';
import { createWebhookClient } from './webhook-client';

/** One database: fresh data, agent + token from the admin CLI, production server, every rate, then tear down. */
export async function benchTarget(kind: TargetKind, options: BenchOptions, workDir: string): Promise<TargetReport> {
  const log = (line: string) => console.log(`[${kind}] ${line}`);
  const target = kind === 'pglite' ? pgliteTarget(workDir) : await postgresTarget(options.databaseUrl as string);
  const undo: (() => Promise<void>)[] = [defer(`drop ${target.location}`, () => target.dispose())];
  try {
    const base: NodeJS.ProcessEnv = { ...process.env };
    delete base.DATABASE_URL;
    delete base.LOKET_DATA_DIR;
    const dbEnv = { ...base, ...target.env };
    const password = randomBytes(12).toString('base64url');
    const agentToken = await createUserWithToken(dbEnv, 'agent', 'bench-agent@loket.test', password);
    const adminToken = await createUserWithToken(dbEnv, 'admin', 'bench-owner@loket.test', password);

    const sink = await startGatewaySink();
    undo.unshift(defer('gateway sink', () => sink.close()));
    const secret = randomBytes(24).toString('hex');
    const port = await freePort();
    const profDir = join(workDir, `cpu-prof-${kind}`);
    const server = await startServer({
      port,
      logFile: join(workDir, `server-${kind}.log`),
      trackPostgres: kind === 'postgres',
      nodeArgs: [...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...options.serverNodeArgs],
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
      },
    });
    undo.unshift(defer(`server pid ${server.pid}`, () => server.stop()));
    log(`server pid ${server.pid} at ${server.baseUrl}, spawned at ${server.spawnedAtEpochMs}`);
    if (!options.botAck) await setBotAck(server.baseUrl, adminToken, false);
    const client = createWebhookClient(server.baseUrl, secret);
    undo.unshift(defer('webhook client', async () => client.close()));

    const results: TimeToQueueResult[] = [];
    for (const rate of options.rates) {
      log(`${rate} msg/s × ${options.count} (+${options.warmup} warm-up), ${options.sockets} agent socket(s) …`);
      const run = () =>
        timeToQueue(
          { baseUrl: server.baseUrl, tokens: [agentToken], client, sample: server.sample },
          { rate, count: options.count, warmup: options.warmup, sockets: options.sockets, settleMs: options.settleMs, quietWaitMs: options.quietWaitMs },
        );
      const r = await leastDisturbed(run, options.attempts, log);
      log(
        `${rate}/s time to queue p50 ${ms(r.queue.p50)} p90 ${ms(r.queue.p90)} p99 ${ms(r.queue.p99)} max ${ms(r.queue.max)} ms; ` +
          `HTTP p50 ${ms(r.response.p50)} p99 ${ms(r.response.p99)} ms; errors ${r.errors}; missing ${r.missing}; achieved ${r.achievedRate.toFixed(1)}/s`,
      );
      results.push(r);
    }
    const rss = server.rssKiB();
    if (options.cpuProf) log(`CPU profile goes to ${profDir}`);
    return {
      kind,
      title: kind === 'pglite' ? 'PGlite' : 'PostgreSQL',
      info: {
        date: new Date().toISOString(),
        command: options.command,
        machine: describeMachine(),
        node: process.version,
        database: await describeDatabase(target),
        botAck: options.botAck,
        build: describeBuild(),
      },
      results,
      serverRssMiB: rss === null ? null : rss / 1024,
      outboundSent: sink.received(),
    };
  } finally {
    for (const step of undo) await step();
  }
}

async function leastDisturbed(run: () => Promise<TimeToQueueResult>, attempts: number, log: (line: string) => void) {
  let best: TimeToQueueResult | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const r: TimeToQueueResult = { ...(await run()), attempt };
    const other = r.resources?.otherCores ?? 0;
    if (r.resources) log(`attempt ${attempt}: ${describeUsage(r.resources)}; machine ${(r.machineBusyBefore * 100).toFixed(0)}% busy before`);
    if (!best || other < (best.resources?.otherCores ?? 0)) best = r;
    if (other <= CONTENDED_CORES) break;
    log(`other processes used ${other.toFixed(2)} cores during the run${attempt < attempts ? '; measuring again' : ''}`);
  }
  return best as TimeToQueueResult;
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
