import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../lib/clock';
import {
  decideReconnect,
  readDisconnect,
  ReconnectTracker,
  type ReconnectDecision,
} from '../../server/channels/baileys/reconnect-policy';

const fresh = { attempt: 0, recentReplaced: 0 };
const top = { random: () => 0.999999 };

function reconnect(d: ReconnectDecision) {
  if (d.action !== 'reconnect') throw new Error(`expected reconnect, got stop: ${d.reason}`);
  return d;
}

describe('decideReconnect', () => {
  it('401 logged out: stop, clear the session, ask for a new scan', () => {
    const d = decideReconnect({ statusCode: DisconnectReason.loggedOut, message: 'Intentional Logout' }, fresh);
    expect(d).toMatchObject({ action: 'stop', status: 'logged_out', clearSession: true, statusCode: 401 });
    expect(d.reason).toMatch(/scan/i);
  });

  it('515 restart required: reconnect at once, status connecting', () => {
    expect(decideReconnect({ statusCode: 515 }, fresh)).toMatchObject({ action: 'reconnect', delayMs: 0, status: 'connecting' });
  });

  it('515 repeating without an open backs off instead of spinning', () => {
    const d = reconnect(decideReconnect({ statusCode: 515 }, { attempt: 3, recentReplaced: 0 }, top));
    expect(d.delayMs).toBeGreaterThan(0);
    expect(d.status).toBe('disconnected');
  });

  it.each([
    [403, /forbidden/],
    [411, /mismatch/i],
  ])('%i: stop, keep the session, alert', (statusCode, reason) => {
    const d = decideReconnect({ statusCode }, fresh);
    expect(d).toMatchObject({ action: 'stop', status: 'stopped', clearSession: false });
    expect(d.reason).toMatch(reason);
  });

  it('440: a long wait, growing, then stop on the third inside the window', () => {
    const first = reconnect(decideReconnect({ statusCode: 440 }, { attempt: 0, recentReplaced: 0 }));
    const second = reconnect(decideReconnect({ statusCode: 440 }, { attempt: 0, recentReplaced: 1 }));
    expect(first.delayMs).toBe(30_000);
    expect(second.delayMs).toBe(60_000);
    const third = decideReconnect({ statusCode: 440 }, { attempt: 0, recentReplaced: 2 });
    expect(third).toMatchObject({ action: 'stop', status: 'stopped', clearSession: false });
    expect(third.reason).toMatch(/another device or server uses this session/i);
  });

  it('405: backoff with a floor, and says the WhatsApp Web version is outdated', () => {
    const d = reconnect(decideReconnect({ statusCode: 405, message: 'Connection Failure' }, fresh, { random: () => 0 }));
    expect(d.delayMs).toBe(30_000);
    expect(d.reason).toMatch(/version is outdated/);
    expect(d.reason).toMatch(/LOKET_WA_VERSION/);
  });

  it('408 "QR refs attempts ended": stop with status new (a person asks for a new QR)', () => {
    const d = decideReconnect({ statusCode: 408, message: 'QR refs attempts ended' }, fresh);
    expect(d).toMatchObject({ action: 'stop', status: 'new' });
    expect(d.reason).toMatch(/QR code expired/);
  });

  it.each([408, 428, 500, 503, 499, null])('%s: exponential backoff with full jitter', (statusCode) => {
    const d = reconnect(decideReconnect({ statusCode, message: 'x' }, { attempt: 2, recentReplaced: 0 }, top));
    expect(d.status).toBe('disconnected');
    expect(d.delayMs).toBe(3_999); // just under base * 2^2
    expect(d.reason.length).toBeGreaterThan(10);
  });

  it('backoff doubles per attempt, is capped, and stays within the jitter bounds', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 10].map((attempt) =>
      reconnect(decideReconnect({ statusCode: 428 }, { attempt, recentReplaced: 0 }, top)).delayMs + 1,
    );
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    for (let i = 0; i < 200; i++) {
      const r = i / 200;
      const d = reconnect(decideReconnect({ statusCode: 503 }, { attempt: 4, recentReplaced: 0 }, { random: () => r }));
      expect(d.delayMs).toBeGreaterThanOrEqual(0);
      expect(d.delayMs).toBeLessThan(16_000);
    }
    const custom = reconnect(decideReconnect({ statusCode: 500 }, { attempt: 9, recentReplaced: 0 }, { ...top, baseDelayMs: 500, maxDelayMs: 5_000 }));
    expect(custom.delayMs).toBe(4_999);
  });
});

describe('readDisconnect', () => {
  it('reads the status code of a Boom and the message of any error', () => {
    // The shape of Baileys' Boom errors (@hapi/boom is not our dependency).
    const boom = Object.assign(new Error('Stream Errored (restart required)'), { isBoom: true, output: { statusCode: 515 } });
    expect(readDisconnect(boom)).toEqual({
      statusCode: 515,
      message: 'Stream Errored (restart required)',
    });
    expect(readDisconnect(new Error('boom'))).toEqual({ statusCode: null, message: 'boom' });
    expect(readDisconnect(undefined)).toEqual({ statusCode: null, message: null });
  });
});

describe('ReconnectTracker', () => {
  it('grows the backoff per failure and resets after a successful open', () => {
    const tracker = new ReconnectTracker({ ...top, clock: manualClock() });
    const delays = [1, 2, 3, 4].map(() => reconnect(tracker.onClose({ statusCode: 428 })).delayMs);
    expect(delays).toEqual([999, 1_999, 3_999, 7_999]);
    expect(tracker.attempts).toBe(4);
    tracker.onOpen();
    expect(reconnect(tracker.onClose({ statusCode: 503 })).delayMs).toBe(999);
  });

  it('stops a 440 loop even though the socket opens between the 440s', () => {
    const clock = manualClock();
    const tracker = new ReconnectTracker({ clock });
    expect(tracker.onClose({ statusCode: 440 }).action).toBe('reconnect');
    clock.advance(30_000);
    tracker.onOpen();
    expect(tracker.onClose({ statusCode: 440 }).action).toBe('reconnect');
    clock.advance(60_000);
    tracker.onOpen();
    expect(tracker.onClose({ statusCode: 440 })).toMatchObject({ action: 'stop', status: 'stopped' });
  });

  it('forgets 440s older than the window', () => {
    const clock = manualClock();
    const tracker = new ReconnectTracker({ clock });
    tracker.onClose({ statusCode: 440 });
    clock.advance(4 * 60_000);
    tracker.onClose({ statusCode: 440 });
    clock.advance(2 * 60_000); // the first one is now 6 min old
    expect(tracker.onClose({ statusCode: 440 }).action).toBe('reconnect');
    clock.advance(60_000);
    expect(tracker.onClose({ statusCode: 440 }).action).toBe('stop');
  });

  it('pairing flow: 515 immediately, then the next socket opens; a stop resets the history', () => {
    const tracker = new ReconnectTracker({ clock: manualClock() });
    expect(tracker.onClose({ statusCode: 515 })).toMatchObject({ action: 'reconnect', delayMs: 0 });
    tracker.onOpen();
    expect(tracker.onClose({ statusCode: 401 })).toMatchObject({ action: 'stop', clearSession: true });
    expect(tracker.attempts).toBe(0);
    expect(tracker.onClose({ statusCode: 515 })).toMatchObject({ delayMs: 0 });
  });
});
