// Which WhatsApp Web version the socket claims to be. A stale one is refused with 405,
// so: the operator's LOKET_WA_VERSION, else the live one from web.whatsapp.com, else
// Baileys' built-in default. Never throws, never returns undefined.
import { DEFAULT_CONNECTION_CONFIG, fetchLatestWaWebVersion, type WAVersion } from '@whiskeysockets/baileys';
import { realTimers, type Timers } from '../../socket/coalesce';

export const BUILT_IN_WA_VERSION: WAVersion = [...DEFAULT_CONNECTION_CONFIG.version];

export interface ResolvedWaVersion {
  version: WAVersion;
  source: 'env' | 'fetched' | 'default';
  /** Why the env value or the fetch was not used, for the log. */
  warning?: string;
}

interface VersionLogger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

export interface ResolveWaVersionOptions {
  env?: { LOKET_WA_VERSION?: string | undefined };
  timeoutMs?: number;
  fetchLatest?: (init: RequestInit) => ReturnType<typeof fetchLatestWaWebVersion>;
  timers?: Timers;
  logger?: VersionLogger;
}

/** Accepts `2,3000,1043857760`, `2.3000.1043857760` or `[2, 3000, 1043857760]`. */
export function parseWaVersion(value: string | undefined | null): WAVersion | null {
  if (!value) return null;
  const parts = value.trim().replace(/^\[|\]$/g, '').split(/[\s,.]+/).filter(Boolean);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,12}$/.test(p))) return null;
  const [a, b, c] = parts.map(Number) as [number, number, number];
  return a > 0 && c > 0 ? [a, b, c] : null;
}

export async function resolveWaVersion(options: ResolveWaVersionOptions = {}): Promise<ResolvedWaVersion> {
  const env = options.env ?? process.env;
  const raw = env.LOKET_WA_VERSION?.trim();
  let warning: string | undefined;
  if (raw) {
    const parsed = parseWaVersion(raw);
    if (parsed) return log(options.logger, { version: parsed, source: 'env' });
    warning = `LOKET_WA_VERSION "${raw}" is not three numbers like 2,3000,1043857760; ignored`;
  }

  const timeoutMs = options.timeoutMs ?? 5_000;
  const timers = options.timers ?? realTimers;
  const fetchLatest = options.fetchLatest ?? fetchLatestWaWebVersion;
  const controller = new AbortController();
  let timer: unknown = null;
  const timedOut = new Promise<null>((resolve) => {
    timer = timers.setTimeout(() => {
      controller.abort();
      resolve(null);
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([
      fetchLatest({ signal: controller.signal }).catch((error: unknown) => ({ version: BUILT_IN_WA_VERSION, isLatest: false, error })),
      timedOut,
    ]);
    if (result?.isLatest && parseWaVersion(result.version.join(','))) {
      return log(options.logger, { version: [...result.version], source: 'fetched', warning });
    }
    const why = result === null ? `timed out after ${timeoutMs} ms` : describeError(result.error);
    warning = [warning, `could not fetch the current WhatsApp Web version (${why}); using the built-in one`].filter(Boolean).join('; ');
  } finally {
    timers.clearTimeout(timer);
  }
  return log(options.logger, { version: [...BUILT_IN_WA_VERSION], source: 'default', warning });
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return error === undefined ? 'no version in the response' : String(error);
}

function log(logger: VersionLogger | undefined, result: ResolvedWaVersion): ResolvedWaVersion {
  if (result.warning) logger?.warn({ version: result.version.join('.') }, result.warning);
  logger?.info({ version: result.version.join('.'), source: result.source }, 'WhatsApp Web version');
  return result;
}
