import { describe, expect, it } from 'vitest';
import { loadConfig as loadFromEnv } from '../../lib/config';

/** loadConfig with a plain object for the environment. */
const loadConfig = (env: Record<string, string>) => loadFromEnv(env as NodeJS.ProcessEnv);

describe('loadConfig: the environment', () => {
  it('has working defaults for a first run: embedded database in ./data, port 3000, simulator on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: './data',
      port: 3000,
      simulatorEnabled: true,
      gatewayWebhookSecret: undefined,
      gatewaySendUrl: undefined,
      production: false,
    });
  });

  it('turns the simulator off by default on PostgreSQL, and lets LOKET_SIMULATOR decide either way', () => {
    const url = 'postgres://loket@db:5432/loket';
    expect(loadConfig({ DATABASE_URL: url }).simulatorEnabled).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, LOKET_SIMULATOR: 'on' }).simulatorEnabled).toBe(true);
    expect(loadConfig({ LOKET_SIMULATOR: 'off' }).simulatorEnabled).toBe(false);
  });

  it('reads the documented variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://loket:pw@db:5432/loket',
      LOKET_DATA_DIR: '/var/lib/loket',
      PORT: '8080',
      GATEWAY_WEBHOOK_SECRET: 's3cret',
      GATEWAY_SEND_URL: 'http://gateway:4000/send',
      ADMIN_EMAIL: 'boss@toko.id',
      ADMIN_PASSWORD: 'long-enough',
      AUTH_SECRET: 'a'.repeat(32),
      LOKET_TRUSTED_ORIGINS: 'https://a.example, https://b.example ,',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://loket:pw@db:5432/loket',
      dataDir: '/var/lib/loket',
      port: 8080,
      gatewayWebhookSecret: 's3cret',
      gatewaySendUrl: 'http://gateway:4000/send',
      adminEmail: 'boss@toko.id',
      adminPassword: 'long-enough',
      trustedOrigins: ['https://a.example', 'https://b.example'],
      production: true,
    });
  });

  it('treats an empty variable as unset (a blank line in .env is not an error)', () => {
    const config = loadConfig({ DATABASE_URL: '', GATEWAY_WEBHOOK_SECRET: '', PORT: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.gatewayWebhookSecret).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.simulatorEnabled).toBe(true);
  });

  it.each([
    [{ LOKET_SIMULATOR: 'yes' }, /LOKET_SIMULATOR/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ GATEWAY_SEND_URL: '/send' }, /GATEWAY_SEND_URL/],
    [{ ADMIN_EMAIL: 'admin' }, /ADMIN_EMAIL/],
    [{ ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD needs at least 8 characters/],
    [{ AUTH_SECRET: 'too-short' }, /AUTH_SECRET needs at least 32 characters/],
  ])('refuses %j with an error naming the variable', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(/^Invalid environment: /);
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it('lists every problem at once, not only the first', () => {
    expect(() => loadConfig({ PORT: 'x', LOKET_SIMULATOR: 'maybe' })).toThrow(/PORT: .*; LOKET_SIMULATOR: |LOKET_SIMULATOR: .*; PORT: /);
  });
});
