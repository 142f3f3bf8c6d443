import { describe, expect, it } from 'vitest';
import { coalesce, type Timers } from '../../server/socket/coalesce';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout(fn, ms) {
      next += 1;
      pending.set(next, { fn, ms });
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending: () => [...pending.values()],
    /** Fires every timer due now (not those scheduled while firing). */
    fire() {
      const due = [...pending.entries()];
      for (const [handle, { fn }] of due) {
        pending.delete(handle);
        fn();
      }
      return due.length;
    },
  };
}

/** A task whose every run the test finishes by hand. */
function controlledTask() {
  const runs: Array<() => void> = [];
  return {
    task: () => new Promise<void>((resolve) => runs.push(resolve)),
    started: () => runs.length,
    finish: async (index: number) => {
      runs[index]!();
      // Let the task's promise chain (catch, finally) settle.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('coalesce: at most one run per window', () => {
  it('a burst of requests in one window runs the task once, after the delay', async () => {
    const clock = manualTimers();
    const work = controlledTask();
    const counts = coalesce(work.task, 50, clock.timers);
    for (let i = 0; i < 1000; i++) counts.request();
    expect(work.started()).toBe(0);
    expect(clock.pending()).toEqual([{ fn: expect.any(Function), ms: 50 }]);
    clock.fire();
    expect(work.started()).toBe(1);
    await work.finish(0);
    expect(clock.pending()).toHaveLength(0);
    expect(work.started()).toBe(1);
  });

  it('requests that arrive while the task runs lead to exactly one more run after it', async () => {
    const clock = manualTimers();
    const work = controlledTask();
    const counts = coalesce(work.task, 50, clock.timers);
    counts.request();
    clock.fire();
    expect(work.started()).toBe(1);

    // New tickets arrive mid-run and their window passes while the first run is still going:
    // the counts it is computing may already be stale, so one more run must follow.
    counts.request();
    counts.request();
    clock.fire();
    expect(work.started()).toBe(1);
    expect(clock.pending()).toHaveLength(0);

    await work.finish(0);
    expect(clock.pending()).toHaveLength(1);
    clock.fire();
    expect(work.started()).toBe(2);
    await work.finish(1);
    expect(clock.fire()).toBe(0);
    expect(work.started()).toBe(2);
  });

  it('a request during a run whose window ends after the run still runs once more', async () => {
    const clock = manualTimers();
    const work = controlledTask();
    const counts = coalesce(work.task, 50, clock.timers);
    counts.request();
    clock.fire();
    counts.request();
    await work.finish(0);
    clock.fire();
    expect(work.started()).toBe(2);
  });

  it('a failing run does not stop later runs', async () => {
    const clock = manualTimers();
    let calls = 0;
    const counts = coalesce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database hiccup');
    }, 50, clock.timers);
    counts.request();
    clock.fire();
    await new Promise((resolve) => setImmediate(resolve));
    counts.request();
    clock.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
  });

  it('cancel drops a scheduled run (the hub closing)', () => {
    const clock = manualTimers();
    const work = controlledTask();
    const counts = coalesce(work.task, 50, clock.timers);
    counts.request();
    counts.cancel();
    expect(clock.fire()).toBe(0);
    expect(work.started()).toBe(0);
  });
});
