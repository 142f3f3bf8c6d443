import { describe, expect, it } from 'vitest';
import { allInOrder } from '@/lib/db/all-in-order';

const later = <T>(settle: () => T, turns: number) =>
  new Promise<T>((resolve, reject) => {
    let left = turns;
    const step = () => {
      if (left-- > 0) return void queueMicrotask(step);
      try {
        resolve(settle());
      } catch (error) {
        reject(error);
      }
    };
    step();
  });

describe('statements sent together', () => {
  it('give their results in the order they were sent', async () => {
    expect(await allInOrder([later(() => 'contact', 3), later(() => 'chat', 1), 42] as const)).toEqual(['contact', 'chat', 42]);
  });

  it('fail with the first failure in sending order, even when a later one failed sooner', async () => {
    const sent = () =>
      [
        later(() => {
          throw new Error('Agent not found');
        }, 5),
        later(() => {
          throw new Error('current transaction is aborted');
        }, 0),
      ] as const;
    await expect(allInOrder(sent())).rejects.toThrow('Agent not found');
    await expect(Promise.all(sent())).rejects.toThrow('current transaction is aborted'); // what it replaces
  });
});
