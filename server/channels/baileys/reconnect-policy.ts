// What to do when a Baileys socket closes: reconnect (after how long) or stop and tell a
// person why. Pure decisions; the caller owns the sockets and the timers.
import { type Clock, systemClock } from '../../../lib/clock';

export type ReconnectDecision =
  | {
      action: 'reconnect';
      delayMs: number;
      /** What the channel shows while it waits: `connecting` for an immediate restart. */
      status: 'connecting' | 'disconnected';
      reason: string;
      statusCode: number | null;
    }
  | {
      action: 'stop';
      /** logged_out: scan again; stopped: a person must look; new: click for a new QR. */
      status: 'logged_out' | 'stopped' | 'new';
      /** Delete the auth rows (the session is worthless or half-made). */
      clearSession: boolean;
      reason: string;
      statusCode: number | null;
    };

export interface DisconnectInput {
  statusCode: number | null | undefined;
  message?: string | null;
}

export interface DisconnectHistory {
  /** Consecutive failed attempts since the last successful open. */
  attempt: number;
  /** 440s already seen inside the window, not counting this one. */
  recentReplaced: number;
}

export interface ReconnectPolicyOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** First wait after a 440; doubles on each further 440 inside the window. */
  replacedDelayMs?: number;
  replacedWindowMs?: number;
  /** This many 440s inside the window stop the channel. */
  replacedLimit?: number;
  /** Floor for 405: the same version will be rejected again, no point in hurrying. */
  versionRejectedDelayMs?: number;
  /** [0, 1), for the jitter; injectable so tests pin it. */
  random?: () => number;
}

const DEFAULTS = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  replacedDelayMs: 30_000,
  replacedWindowMs: 5 * 60_000,
  replacedLimit: 3,
  versionRejectedDelayMs: 30_000,
  random: Math.random,
} satisfies Required<ReconnectPolicyOptions>;

const QR_REFS_ENDED = 'QR refs attempts ended';

export function decideReconnect(
  input: DisconnectInput,
  history: DisconnectHistory,
  options: ReconnectPolicyOptions = {},
): ReconnectDecision {
  const o = { ...DEFAULTS, ...options };
  const statusCode = typeof input.statusCode === 'number' ? input.statusCode : null;
  const message = input.message ?? '';
  const stop = (status: 'logged_out' | 'stopped' | 'new', clearSession: boolean, reason: string): ReconnectDecision => ({
    action: 'stop',
    status,
    clearSession,
    reason,
    statusCode,
  });
  const backoff = (reason: string, floorMs = 0): ReconnectDecision => {
    const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, history.attempt));
    // Full jitter: many channels dropped by one outage do not come back in lockstep.
    const delayMs = Math.max(floorMs, Math.floor(o.random() * ceiling));
    return { action: 'reconnect', delayMs, status: 'disconnected', reason, statusCode };
  };

  switch (statusCode) {
    case 401:
      return stop('logged_out', true, 'This number was logged out (unlinked on the phone). Scan the QR code again to link it.');
    case 515:
      // Expected right after every fresh pairing: WhatsApp wants a new socket with the same
      // creds. Only the first one is immediate, so a 515 that repeats without an open cannot spin.
      if (history.attempt > 0) return backoff('WhatsApp asked for a restart again; reconnecting.');
      return { action: 'reconnect', delayMs: 0, status: 'connecting', reason: 'WhatsApp asked for a restart.', statusCode };
    case 403:
      return stop(
        'stopped',
        false,
        'WhatsApp refused this number (403 forbidden); it may be banned or restricted. Check the phone before reconnecting.',
      );
    case 411:
      return stop(
        'stopped',
        false,
        'Multi-device mismatch (411): update WhatsApp on the phone, then reconnect or link the number again.',
      );
    case 440: {
      const seen = history.recentReplaced + 1;
      if (seen >= o.replacedLimit) {
        return stop(
          'stopped',
          false,
          `Another device or server uses this session (replaced ${seen} times in ${Math.round(o.replacedWindowMs / 60_000)} min). Stop the other one, then reconnect.`,
        );
      }
      const delayMs = Math.min(o.replacedDelayMs * 2 ** (seen - 1), Math.max(o.maxDelayMs, o.replacedDelayMs));
      return {
        action: 'reconnect',
        delayMs,
        status: 'disconnected',
        reason: 'The connection was replaced by another session using this number; retrying slowly.',
        statusCode,
      };
    }
    case 405:
      return backoff(
        'WhatsApp rejected the client version (405): the WhatsApp Web version is outdated. Set LOKET_WA_VERSION or update Loket.',
        o.versionRejectedDelayMs,
      );
    case 408:
      if (message.includes(QR_REFS_ENDED)) {
        // Nothing is linked yet; wiping avoids a half-finished pairing that would try to log in.
        return stop('new', true, 'The QR code expired before it was scanned. Request a new one.');
      }
      return backoff('The connection to WhatsApp timed out or was lost; reconnecting.');
    default:
      return backoff(describe(statusCode, message));
  }
}

function describe(statusCode: number | null, message: string): string {
  const detail = message ? `: ${message}` : '';
  switch (statusCode) {
    case 428:
      return `The connection to WhatsApp was closed${detail}; reconnecting.`;
    case 500:
      return `WhatsApp reported a bad session (500)${detail}; reconnecting. If this repeats, link the number again.`;
    case 503:
      return 'WhatsApp is unavailable (503); reconnecting.';
    case null:
      return `The connection failed${detail}; reconnecting.`;
    default:
      return `The connection closed (${statusCode})${detail}; reconnecting.`;
  }
}

/** Reads the close code and message from `lastDisconnect.error` (a Boom, or any Error). */
export function readDisconnect(error: unknown): DisconnectInput {
  if (!error || typeof error !== 'object') return { statusCode: null, message: null };
  const output = (error as { output?: { statusCode?: unknown } }).output;
  const statusCode = typeof output?.statusCode === 'number' ? output.statusCode : null;
  const message = (error as { message?: unknown }).message;
  return { statusCode, message: typeof message === 'string' ? message : null };
}

/** The history behind the decisions of one channel: attempts since the last open, recent 440s. */
export class ReconnectTracker {
  private attempt = 0;
  private replacedAt: number[] = [];
  private readonly clock: Clock;

  constructor(
    private readonly options: ReconnectPolicyOptions & { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** The socket opened: transient failures start from the base delay again. */
  onOpen(): void {
    // 440s are deliberately kept: a replace loop opens between every two 440s.
    this.attempt = 0;
  }

  onClose(input: DisconnectInput): ReconnectDecision {
    const now = this.clock.now().getTime();
    const windowMs = this.options.replacedWindowMs ?? DEFAULTS.replacedWindowMs;
    this.replacedAt = this.replacedAt.filter((t) => now - t < windowMs);
    const decision = decideReconnect(
      input,
      { attempt: this.attempt, recentReplaced: this.replacedAt.length },
      this.options,
    );
    if (input.statusCode === 440) this.replacedAt.push(now);
    if (decision.action === 'stop') this.reset();
    else this.attempt += 1;
    return decision;
  }

  /** A person restarted the channel: forget everything. */
  reset(): void {
    this.attempt = 0;
    this.replacedAt = [];
  }

  get attempts(): number {
    return this.attempt;
  }
}
