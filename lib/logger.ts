import pino, { type Logger } from 'pino';

const KEY = Symbol.for('loket.logger');
type Holder = { [KEY]?: Logger };

// Password and token fields are never written, whatever a caller passes in.
const redact = {
  paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie'],
  censor: '[redacted]',
};

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: 'loket', level, redact });
}

/** The process-wide logger, shared by the custom server and the Next bundles. */
export function getLogger(): Logger {
  const holder = globalThis as Holder;
  holder[KEY] ??= createLogger();
  return holder[KEY];
}

export type { Logger };
