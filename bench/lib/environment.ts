import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import type { DatabaseTarget } from './targets';

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus.length} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`;
}

export async function describeDatabase(target: DatabaseTarget): Promise<string> {
  if (target.kind === 'pglite') {
    const pkg = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string };
    return `PGlite ${pkg.version} (embedded in the server process, on disk)`;
  }
  const sql = postgres(target.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`show server_version`;
    return `PostgreSQL ${String(row?.server_version).split(' ')[0]} (same machine, TCP)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Which code was measured: the Next build id and when dist/ was built, and the git commit (read-only git). */
export function describeBuild(): string {
  const buildId = readFileSync('.next/BUILD_ID', 'utf8').trim();
  const builtAt = statSync('dist/server/index.mjs').mtime.toISOString().slice(0, 16).replace('T', ' ');
  let commit = 'unknown commit';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // The report this run is writing is not a change to what was measured.
    const status = ['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)bench/RESULTS.md'];
    const dirty = execFileSync('git', status, { encoding: 'utf8' }).trim() !== '';
    commit = `commit ${head}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    // not a git checkout
  }
  return `build ${buildId} of ${builtAt} UTC, ${commit}`;
}
