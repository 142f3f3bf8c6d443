import pino, { type Logger } from 'pino';

const KEY = Symbol.for('loket.logger');
type Holder = { [KEY]?: Logger };

// Password and token fields are never written, whatever a caller passes in.
const redact = {
  paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie'],
  censor: '[redacted]',
};

/** JSON lines for machines; readable lines when a person watches the terminal. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', pretty = Boolean(process.stdout.isTTY)): Logger {
  if (pretty) {
    return pino({
      name: 'loket',
      level,
      redact,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,name', translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino({ name: 'loket', level, redact });
}

export function setLogger(logger: Logger): void {
  (globalThis as Holder)[KEY] = logger;
}

/** The process-wide logger, shared by the custom server and the Next bundles. */
export function getLogger(): Logger {
  const holder = globalThis as Holder;
  holder[KEY] ??= createLogger();
  return holder[KEY];
}

export type { Logger };
