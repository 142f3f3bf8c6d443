// Starts the production build for Playwright on a fresh database, and cleans up after it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { E2E } from './env';

const port = process.env.E2E_PORT ?? '3500';
const server = join(process.cwd(), 'dist', 'server', 'index.mjs');
if (!existsSync(server) || !existsSync(join(process.cwd(), '.next', 'BUILD_ID'))) {
  console.error('No production build: run `npm run build` first (npm test does).');
  process.exit(1);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: port,
  LOKET_PUBLIC_URL: `http://localhost:${port}`,
  ADMIN_EMAIL: E2E.adminEmail,
  ADMIN_PASSWORD: E2E.adminPassword,
  GATEWAY_WEBHOOK_SECRET: E2E.webhookSecret,
  AUTH_SECRET: 'e2e-auth-secret-that-is-long-enough-0123456789',
  LOKET_SIMULATOR: 'on',
  // WhatsApp's side of a linked number is played by the test (server/test-hooks.ts).
  LOKET_WA_TEST_SOCKET: '1',
  LOKET_WA_VERSION: '2,3000,1043857760',
  LOKET_SIGNIN_PER_MINUTE: '200',
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  // The time rules run every half second so SLA and offline tests take seconds, not minutes.
  LOKET_SWEEP_INTERVAL_MS: '500',
  LOKET_PRESENCE_HEARTBEAT_MS: '1000',
};

let cleanup: () => Promise<void> = async () => {};
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const name = `loket_e2e_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 'loket-e2e-'));
  env.LOKET_DATA_DIR = dir;
  delete env.DATABASE_URL;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const child = spawn(process.execPath, [server], { env, stdio: 'inherit' });
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await cleanup().catch((error: unknown) => console.error('e2e cleanup failed:', error));
  process.exit(code);
};
child.once('exit', (code) => void stop(code ?? 1));
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
