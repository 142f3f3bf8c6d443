const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Fires `count` arrivals at a fixed rate, open loop: arrival i is due at t0 + i/rate whatever
 * happened to the earlier ones. `fire` must not block; if the timer wakes late, every arrival
 * already due goes out at once (the lag shows in the caller's send times).
 */
export async function openLoop(count: number, ratePerSecond: number, fire: (index: number, due: number) => void) {
  const interval = 1000 / ratePerSecond;
  const t0 = performance.now() + 5;
  let i = 0;
  while (i < count) {
    const now = performance.now();
    while (i < count && t0 + i * interval <= now) {
      fire(i, t0 + i * interval);
      i += 1;
    }
    if (i < count) await sleep(Math.max(0, t0 + i * interval - performance.now()));
  }
}
