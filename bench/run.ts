// npm run bench [-- --scenario time-to-queue,follow-ups --targets postgres --rate 200 --count 2000 …]   (npm run bench -- --help)
// Runs each scenario on PGlite and (when DATABASE_URL is set) PostgreSQL against the production
// build, and writes its sections of bench/RESULTS.md (see bench/lib/scenario.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runDeferred } from './lib/cleanup';
import { floorDrift } from './lib/floor-drift';
import { parseOptions } from './lib/options';
import { writeSection } from './lib/report';
import type { Scenario } from './lib/scenario';
import { bigQueue } from './scenarios/big-queue';
import { claimRace } from './scenarios/claim-race';
import { fanOut } from './scenarios/fan-out';
import { followUps } from './scenarios/follow-ups';
import { growth } from './scenarios/growth';
import { timeToQueueScenario } from './scenarios/time-to-queue';

process.chdir(resolve(import.meta.dirname, '..'));

/** The registry: name → scenario, run in this order. A new scenario is one import and one line here. */
const SCENARIOS: Record<string, Scenario> = {
  'time-to-queue': timeToQueueScenario,
  'follow-ups': followUps,
  'claim-race': claimRace,
  'fan-out': fanOut,
  'big-queue': bigQueue,
  growth,
};

async function main() {
  const list = Object.entries(SCENARIOS)
    .map(([name, s]) => `  ${name.padEnd(24)} ${s.summary} (${s.targets.join(', ')})`)
    .join('\n');
  const options = parseOptions(process.argv.slice(2), process.env, list);
  const names = options.scenarios.length ? options.scenarios : Object.keys(SCENARIOS);
  const unknown = names.filter((n) => !SCENARIOS[n]);
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known:\n${list}`);
  const missing = ['dist/server/index.mjs', '.next/BUILD_ID'].filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`missing ${missing.join(' and ')}: run \`npm run build\` first`);
  if (options.count !== null && options.count < 1000) console.warn(`note: --count ${options.count} is below the 1,000 messages the results should rest on`);

  if (options.floor !== 'off') {
    const drift = await floorDrift();
    if (drift.length) console.warn(`WARNING: ingest's SQL changed; update bench/lib/floor-sql.ts so the floor replays it:\n${drift.join('\n')}`);
  }

  const workDir = resolve('tmp', `bench-${randomBytes(4).toString('hex')}`);
  mkdirSync(workDir, { recursive: true });
  mkdirSync('bench/out', { recursive: true });
  const started = performance.now();
  let failed = false;
  for (const name of names) {
    const scenario = SCENARIOS[name] as Scenario;
    for (const kind of options.targets.filter((t) => scenario.targets.includes(t))) {
      const log = (line: string) => console.log(`[${name}:${kind}] ${line}`);
      try {
        const sections = await scenario.run({ kind, options, workDir, log });
        for (const section of sections) {
          writeFileSync(`bench/out/${section.id.replace(/[^\w-]+/g, '-')}.json`, JSON.stringify(section.json ?? null, null, 2));
          if (options.write && options.floor !== 'only') writeSection('bench/RESULTS.md', section.id, section.heading, section.body);
        }
      } catch (error) {
        failed = true;
        console.error(`[${name}:${kind}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await runDeferred();
      }
    }
  }
  console.log(`done in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  if (!failed && !options.keep) rmSync(workDir, { recursive: true, force: true });
  else console.log(`server logs in ${workDir}`);
  if (options.write) console.log('bench/RESULTS.md updated');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await runDeferred();
    process.exit(1);
  },
);
