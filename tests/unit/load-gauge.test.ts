import type { EventLoopUtilization } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createLoadGauge } from '../../server/socket/load-gauge';

/** An event loop on manual time: `run(ms, share)` spends ms of wall time, that share of it busy. */
function manualLoop() {
  let at = 0;
  let active = 0;
  const reading = (): EventLoopUtilization => ({ idle: at - active, active, utilization: at ? active / at : 0 });
  const utilization = (since?: EventLoopUtilization): EventLoopUtilization => {
    const now = reading();
    if (!since) return now;
    const elapsed = now.idle + now.active - since.idle - since.active;
    const busy = now.active - since.active;
    return { idle: now.idle - since.idle, active: busy, utilization: elapsed ? busy / elapsed : 0 };
  };
  return {
    utilization,
    now: () => at,
    run(ms: number, share: number) {
      at += ms;
      active += ms * share;
    },
  };
}

/** Runs the loop step by step ([ms, busy share]) and returns what the gauge read after each step. */
function readings(steps: [number, number][]) {
  const loop = manualLoop();
  const gauge = createLoadGauge({ utilization: loop.utilization, now: loop.now });
  return steps.map(([ms, share]) => (loop.run(ms, share), gauge.busy()));
}

describe('the load gauge', () => {
  it('turns busy when the loop ran at least 80 % of a sample, and stays so until it falls below 60 %', () => {
    expect(readings([[100, 0.7], [100, 0.85], [100, 0.65], [100, 0.55]])).toEqual([false, true, true, false]);
  });

  it('keeps its reading for a sample: one burst of questions reads the counters once', () => {
    const loop = manualLoop();
    let reads = 0;
    const gauge = createLoadGauge({ utilization: (since) => (reads++, loop.utilization(since)), now: loop.now });
    loop.run(100, 0.9);
    reads = 0;
    expect(gauge.busy()).toBe(true);
    const afterFirst = reads;
    loop.run(40, 0);
    expect(gauge.busy()).toBe(true);
    expect(reads).toBe(afterFirst);
    loop.run(60, 0);
    expect(gauge.busy()).toBe(false);
  });

  it('a long quiet spell reads as quiet, whatever came before it', () => {
    expect(readings([[100, 1], [10_000, 0.01]])).toEqual([true, false]);
  });
});
