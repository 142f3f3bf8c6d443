import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * AUTH_SECRET signs session cookies. With the embedded database a generated one is kept
 * beside the data (so sessions survive restarts); with PostgreSQL in production it must be set.
 */
export function resolveAuthSecret(config: Config, logger: Logger): string {
  if (config.authSecret) return config.authSecret;
  if (!config.databaseUrl && config.dataDir !== 'memory://') {
    const dir = resolve(config.dataDir);
    const file = join(dir, 'auth-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    logger.info({ file }, 'generated AUTH_SECRET for the embedded database');
    return secret;
  }
  if (config.production) {
    throw new Error('AUTH_SECRET must be set (32+ characters) when Loket runs on PostgreSQL in production.');
  }
  logger.warn('AUTH_SECRET is not set: using a temporary one, so sessions end when the server stops.');
  return randomBytes(32).toString('base64url');
}
