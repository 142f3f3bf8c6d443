import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../lib/db/group-commit';

interface Item {
  id: string;
  key: string | null;
}

/** A database whose writes finish when the test says so, recording what was written how. */
function fakeWrites(options: { maxInFlight?: number; maxBatch?: number; failTogether?: (ids: string[]) => boolean; failAlone?: string[] } = {}) {
  const log: string[][] = [];
  const open: (() => void)[] = [];
  const fallbacks: number[] = [];
  const finishLater = <R>(value: () => R) =>
    new Promise<R>((resolve, reject) =>
      open.push(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error);
        }
      }),
    );
  const group = createGroupCommit<Item, string>({
    keyOf: (item) => item.key,
    runAlone: (item) => {
      log.push([item.id]);
      return finishLater(() => {
        if (options.failAlone?.includes(item.id)) throw new Error(`${item.id} refused`);
        return `${item.id} alone`;
      });
    },
    runTogether: (items) => {
      const ids = items.map((item) => item.id);
      log.push(ids);
      return finishLater(() => {
        if (options.failTogether?.(ids)) throw new Error('batch refused');
        return ids.map((id) => `${id} with ${ids.length}`);
      });
    },
    maxBatch: options.maxBatch ?? 10,
    maxInFlight: options.maxInFlight ?? 1,
    onFallback: (_error, items) => fallbacks.push(items.length),
  });
  /** Finishes the oldest running write and lets its follow-ups start. */
  const finishOne = async () => {
    open.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { group, log, fallbacks, finishOne, running: () => open.length };
}

const item = (id: string, key: string | null = id): Item => ({ id, key });

describe('group commit', () => {
  it('writes an item alone and at once while a writer is free: no waiting at low load', async () => {
    const { group, log, finishOne } = fakeWrites({ maxInFlight: 2 });
    const a = group.submit(item('a'));
    const b = group.submit(item('b'));
    expect(log).toEqual([['a'], ['b']]);
    await finishOne();
    await finishOne();
    expect(await a).toBe('a alone');
    expect(await b).toBe('b alone');
  });

  it('writes what arrived while the writers were busy together, in arrival order, when one comes free', async () => {
    const { group, log, finishOne } = fakeWrites();
    const first = group.submit(item('a'));
    const waiting = ['b', 'c', 'd'].map((id) => group.submit(item(id)));
    expect(group.waiting).toBe(3);
    await finishOne();
    expect(log).toEqual([['a'], ['b', 'c', 'd']]);
    await finishOne();
    expect(await first).toBe('a alone');
    expect(await Promise.all(waiting)).toEqual(['b with 3', 'c with 3', 'd with 3']);
  });

  it('never puts one key twice in a batch nor writes it twice at once, and keeps its order', async () => {
    const { group, log, finishOne, running } = fakeWrites({ maxInFlight: 2 });
    void group.submit(item('a1', 'a'));
    void group.submit(item('a2', 'a')); // a is being written: waits although a writer is free
    void group.submit(item('b1', 'b'));
    expect(log).toEqual([['a1'], ['b1']]);
    void group.submit(item('a3', 'a'));
    void group.submit(item('c1', 'c'));
    await finishOne(); // a1 done: a2 goes; a3 waits for it, c1 is free to join
    expect(log[2]).toEqual(['a2', 'c1']);
    await finishOne(); // b1
    expect(log).toHaveLength(3);
    await finishOne(); // a2 + c1
    expect(log[3]).toEqual(['a3']);
    await finishOne();
    expect(running()).toBe(0);
  });

  it('writes each item alone when the batch fails, so one bad item costs the others nothing', async () => {
    const { group, log, fallbacks, finishOne } = fakeWrites({ failTogether: () => true, failAlone: ['c'] });
    void group.submit(item('a'));
    const rest = ['b', 'c', 'd'].map((id) => group.submit(item(id)).catch((error: Error) => error.message));
    await finishOne();
    await finishOne(); // the batch fails
    expect(fallbacks).toEqual([3]);
    expect(log.slice(2)).toEqual([['b'], ['c'], ['d']]);
    await finishOne();
    await finishOne();
    await finishOne();
    expect(await Promise.all(rest)).toEqual(['b alone', 'c refused', 'd alone']);
  });

  it('sends an item without a key alone, never inside a batch', async () => {
    const { group, log, finishOne } = fakeWrites();
    void group.submit(item('a'));
    void group.submit(item('b'));
    void group.submit(item('merge', null));
    void group.submit(item('c'));
    await finishOne();
    await finishOne();
    await finishOne();
    expect(log).toEqual([['a'], ['b'], ['merge'], ['c']]);
  });

  it('takes at most maxBatch items at a time; the rest wait for the next free writer', async () => {
    const { group, log, finishOne } = fakeWrites({ maxBatch: 3 });
    void group.submit(item('a'));
    for (const id of ['b', 'c', 'd', 'e', 'f']) void group.submit(item(id));
    await finishOne();
    expect(log[1]).toEqual(['b', 'c', 'd']);
    await finishOne();
    expect(log[2]).toEqual(['e', 'f']);
  });

  it('answers the caller when a write throws before it even returns a promise, and keeps serving', async () => {
    const group = createGroupCommit<Item, string>({
      keyOf: (item) => item.key,
      runAlone: (item) => {
        if (item.id === 'bad') throw new Error('no statement could be built');
        return Promise.resolve(`${item.id} alone`);
      },
      runTogether: () => Promise.reject(new Error('not used')),
      maxBatch: 10,
      maxInFlight: 1,
    });
    await expect(group.submit(item('bad'))).rejects.toThrow('no statement could be built');
    expect(await group.submit(item('next'))).toBe('next alone');
  });
});
