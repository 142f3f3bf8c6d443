import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `scripts/admin.ts` (with PGlite, only while the server is stopped) and returns its last output line. */
export async function admin(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env, timeout: 120_000 });
    const lines = stdout.trim().split('\n');
    return (lines[lines.length - 1] ?? '').trim();
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`admin ${args[0]} failed: ${e.stderr?.trim() || e.message}`);
  }
}

export async function createUserWithToken(env: NodeJS.ProcessEnv, role: 'agent' | 'supervisor' | 'admin', email: string, password: string): Promise<string> {
  await admin([`create-user`, `--email=${email}`, `--password=${password}`, `--name=Bench ${role}`, `--role=${role}`], env);
  const token = await admin(['create-token', `--email=${email}`, '--name=bench'], env);
  if (!token || /\s/.test(token)) throw new Error(`admin create-token printed no token (last line: "${token}")`);
  return token;
}
