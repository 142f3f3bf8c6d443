import { describe, expect, it } from 'vitest';
import { BUILT_IN_WA_VERSION, parseWaVersion, resolveWaVersion } from '../../server/channels/baileys/version';
import type { Timers } from '../../server/socket/coalesce';

/** Timers that only fire when the test says so. */
function manualTimers() {
  const pending: (() => void)[] = [];
  const timers: Timers = { setTimeout: (fn) => pending.push(fn), clearTimeout: () => {} };
  return { timers, fire: () => pending.forEach((fn) => fn()) };
}

const noNetwork = () => Promise.reject(new Error('tests never fetch'));

describe('parseWaVersion', () => {
  it.each([
    ['2,3000,1043857760', [2, 3000, 1043857760]],
    ['2.3000.1043857760', [2, 3000, 1043857760]],
    ['[2, 3000, 1043857760]', [2, 3000, 1043857760]],
    [' 2, 3000, 1 ', [2, 3000, 1]],
  ])('%s', (input, expected) => expect(parseWaVersion(input)).toEqual(expected));

  it.each(['', '2,3000', '2,3000,x', '0,3000,1', '2,3000,1,4', '-2,3000,1'])('rejects %j', (input) => {
    expect(parseWaVersion(input)).toBeNull();
  });
});

describe('resolveWaVersion', () => {
  it('LOKET_WA_VERSION wins and nothing is fetched', async () => {
    const result = await resolveWaVersion({ env: { LOKET_WA_VERSION: '2,3000,1111111111' }, fetchLatest: noNetwork });
    expect(result).toEqual({ version: [2, 3000, 1111111111], source: 'env' });
  });

  it('without it, the fetched version, passing an abort signal', async () => {
    let signal: AbortSignal | null | undefined;
    const result = await resolveWaVersion({
      env: {},
      fetchLatest: async (init) => ((signal = init.signal), { version: [2, 3000, 1222222222], isLatest: true }),
      timers: manualTimers().timers,
    });
    expect(result).toMatchObject({ version: [2, 3000, 1222222222], source: 'fetched' });
    expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('an invalid env value is reported and the fetch is used', async () => {
    const result = await resolveWaVersion({
      env: { LOKET_WA_VERSION: 'latest' },
      fetchLatest: async () => ({ version: [2, 3000, 1333333333], isLatest: true }),
      timers: manualTimers().timers,
    });
    expect(result).toMatchObject({ version: [2, 3000, 1333333333], source: 'fetched', warning: expect.stringMatching(/LOKET_WA_VERSION/) });
  });

  it('falls back to the built-in version when the fetch fails or Baileys returns its own fallback', async () => {
    const failed = await resolveWaVersion({ env: {}, fetchLatest: noNetwork, timers: manualTimers().timers });
    expect(failed).toMatchObject({ version: BUILT_IN_WA_VERSION, source: 'default', warning: expect.stringMatching(/tests never fetch/) });
    const offline = await resolveWaVersion({
      env: {},
      fetchLatest: async () => ({ version: [2, 3000, 1], isLatest: false, error: new Error('getaddrinfo ENOTFOUND web.whatsapp.com') }),
      timers: manualTimers().timers,
    });
    expect(offline).toMatchObject({ version: BUILT_IN_WA_VERSION, source: 'default', warning: expect.stringMatching(/ENOTFOUND/) });
    expect(BUILT_IN_WA_VERSION).toEqual([2, 3000, 1043857760]);
  });

  it('gives up after the timeout and aborts the fetch (timer fired by the test)', async () => {
    const { timers, fire } = manualTimers();
    let aborted = false;
    const pending = resolveWaVersion({
      env: {},
      timeoutMs: 1500,
      timers,
      fetchLatest: (init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted'))))),
    });
    await Promise.resolve();
    fire();
    const result = await pending;
    expect(aborted).toBe(true);
    expect(result).toMatchObject({ source: 'default', warning: expect.stringMatching(/timed out after 1500 ms/) });
    expect(result.version).not.toBe(BUILT_IN_WA_VERSION); // a copy: callers may not mutate the shared default
  });
});
