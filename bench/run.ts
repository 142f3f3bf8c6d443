// npm run bench [-- --rate 50[,200] --count 1000 --sockets 1 --targets pglite,postgres …]   (npm run bench -- --help)
// Time from a signed gateway webhook to the new ticket on an agent's socket, on the production
// build, with PGlite and (when DATABASE_URL is set) PostgreSQL; figures go to bench/RESULTS.md.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runDeferred } from './lib/cleanup';
import { parseOptions } from './lib/options';
import { renderTarget, writeSection } from './lib/report';
import { benchTarget } from './lib/target-run';

process.chdir(resolve(import.meta.dirname, '..'));

async function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  const missing = ['dist/server/index.mjs', '.next/BUILD_ID'].filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`missing ${missing.join(' and ')}: run \`npm run build\` first`);
  if (options.count < 1000) console.warn(`note: --count ${options.count} is below the 1,000 messages the results should rest on`);

  const workDir = resolve('tmp', `bench-${randomBytes(4).toString('hex')}`);
  mkdirSync(workDir, { recursive: true });
  mkdirSync('bench/out', { recursive: true });
  let failed = false;
  for (const kind of options.targets) {
    try {
      const report = await benchTarget(kind, options, workDir);
      writeFileSync(`bench/out/time-to-queue-${kind}.json`, JSON.stringify(report, null, 2));
      if (options.write) writeSection('bench/RESULTS.md', `time-to-queue:${kind}`, `Time to queue — ${report.title}`, renderTarget(report));
    } catch (error) {
      failed = true;
      console.error(`[${kind}] failed: ${error instanceof Error ? error.message : String(error)} (server log kept in ${workDir})`);
    }
  }
  if (!failed && !options.keep) rmSync(workDir, { recursive: true, force: true });
  else console.log(`server logs in ${workDir}`);
  if (options.write && !failed) console.log('bench/RESULTS.md updated');
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
