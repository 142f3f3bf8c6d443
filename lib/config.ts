import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  LOKET_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOKET_PUBLIC_URL: z.string().url().optional(),
  LOKET_TRUSTED_ORIGINS: z.string().optional(),
  GATEWAY_WEBHOOK_SECRET: z.string().min(1).optional(),
  GATEWAY_SEND_URL: z.url({ protocol: /^https?$/, error: 'GATEWAY_SEND_URL must be an http(s) URL' }).optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD needs at least 8 characters').optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET needs at least 32 characters').optional(),
  LOKET_SIMULATOR: z.enum(['on', 'off']).optional(),
  LOKET_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(20),
  LOG_LEVEL: z.string().default('info'),
  LOKET_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  LOKET_PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  LOKET_METRICS_TOKEN: z.string().min(16, 'LOKET_METRICS_TOKEN needs at least 16 characters').optional(),
  LOKET_METRICS_ALLOW: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string | undefined;
  trustedOrigins: string[];
  gatewayWebhookSecret: string | undefined;
  gatewaySendUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  authSecret: string | undefined;
  /** On by default with the embedded database (a new user can try Loket without a phone). */
  simulatorEnabled: boolean;
  signInPerMinute: number;
  logLevel: string;
  production: boolean;
  /** How often the time rules (SLA, presence, auto-assignment) are checked. */
  sweepIntervalMs: number;
  /** How often connected tabs mark their user as seen; keep it well under the offline grace period. */
  presenceHeartbeatMs: number;
  /** GET /metrics needs this bearer token when set… */
  metricsToken: string | undefined;
  /** …and is otherwise served only to these remote addresses. */
  metricsAllow: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.LOKET_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.LOKET_PUBLIC_URL,
    trustedOrigins: (e.LOKET_TRUSTED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    gatewayWebhookSecret: e.GATEWAY_WEBHOOK_SECRET,
    gatewaySendUrl: e.GATEWAY_SEND_URL,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    authSecret: e.AUTH_SECRET,
    simulatorEnabled: e.LOKET_SIMULATOR ? e.LOKET_SIMULATOR === 'on' : !e.DATABASE_URL,
    signInPerMinute: e.LOKET_SIGNIN_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    sweepIntervalMs: e.LOKET_SWEEP_INTERVAL_MS,
    presenceHeartbeatMs: e.LOKET_PRESENCE_HEARTBEAT_MS,
    metricsToken: e.LOKET_METRICS_TOKEN,
    metricsAllow: e.LOKET_METRICS_ALLOW.split(',').map((s) => s.trim()).filter(Boolean),
    production: e.NODE_ENV === 'production',
  };
}
