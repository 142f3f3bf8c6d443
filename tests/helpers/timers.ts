import type { Timers } from '../../server/socket/coalesce';

/**
 * Timers that fire only when the test moves time on, together with the manual clock
 * (so what the code stores as "retry at" and when its timer fires agree).
 */
export function createManualTimers(clock?: { advance(ms: number): void }) {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const scheduled: { id: number; ms: number }[] = [];
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      scheduled.push({ id, ms });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** Moves time forward, firing due timers in order (including ones they set). */
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        pending.delete(id);
        clock?.advance(timer.at - now);
        now = timer.at;
        timer.fn();
      }
      clock?.advance(target - now);
      now = target;
    },
    pendingCount: () => pending.size,
    /** Every timer ever set, in order, with its delay: to find the one the code just set. */
    scheduled: scheduled as readonly { id: number; ms: number }[],
    isPending: (id: number) => pending.has(id),
  };
}
