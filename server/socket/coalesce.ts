export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs `task` at most once per `delayMs`, however often it is asked for: a burst of
 * 1,000 tickets recomputes the supervisors' counts a handful of times, not 1,000.
 */
export function coalesce(task: () => Promise<void>, delayMs: number, timers: Timers = realTimers) {
  let scheduled: unknown = null;
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    scheduled = null;
    if (running) {
      again = true;
      return;
    }
    running = task()
      .catch(() => {})
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          request();
        }
      });
    await running;
  };
  function request() {
    if (scheduled !== null) return;
    scheduled = timers.setTimeout(() => void run(), delayMs);
  }
  return {
    request,
    cancel() {
      if (scheduled !== null) timers.clearTimeout(scheduled);
      scheduled = null;
    },
  };
}
