import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface LoadGaugeOptions {
  /** The share of wall time the event loop spent running code, from Node's own counters. */
  utilization?: (since?: EventLoopUtilization) => EventLoopUtilization;
  now?: () => number;
  /** How long each reading spans, in ms. */
  sampleMs?: number;
  /** Busy from this share of the loop's time on… */
  enterAt?: number;
  /** …until it falls below this one (apart, so the gauge does not flap at one threshold). */
  leaveAt?: number;
}

/**
 * Is this process's event loop busy? Read lazily: a reading older than `sampleMs` is replaced by
 * the utilization since that reading, so a quiet desk pays nothing and no timer runs.
 */
export function createLoadGauge(options: LoadGaugeOptions = {}) {
  const {
    utilization = (since) => performance.eventLoopUtilization(since),
    now = () => performance.now(),
    sampleMs = 100,
    enterAt = 0.8,
    leaveAt = 0.6,
  } = options;
  let mark = utilization();
  let markedAt = now();
  let busy = false;
  return {
    busy(): boolean {
      const at = now();
      if (at - markedAt < sampleMs) return busy;
      const share = utilization(mark).utilization;
      mark = utilization();
      markedAt = at;
      busy = busy ? share >= leaveAt : share >= enterAt;
      return busy;
    },
  };
}
