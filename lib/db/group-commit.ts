/**
 * Group commit: items that arrive while earlier ones are still being written are written
 * together, in one transaction, when a writer comes free. Nothing waits for a timer: while
 * fewer than `maxInFlight` writes are running, an item starts at once, alone, as it would
 * without this. Only a saturated desk batches, and there each round trip to the database
 * and each COMMIT is shared by the whole batch (bench/RESULTS.md).
 */
export interface GroupCommitOptions<T, R> {
  /**
   * Items with one key are never in one batch, nor in two running at once: the second waits
   * for the first, in arrival order. Null: the item goes alone, with no such guard.
   */
  keyOf(item: T): string | null;
  runAlone(item: T): Promise<R>;
  /** All or nothing: when it throws, nothing was written, and each item is run alone instead. */
  runTogether(items: T[]): Promise<R[]>;
  maxBatch: number;
  maxInFlight: number;
  /** Told why a batch fell back to single writes (a redelivered message id, say). */
  onFallback?: (error: unknown, items: T[]) => void;
}

interface Waiting<T, R> {
  item: T;
  key: string | null;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
  /** Items waiting for a writer (not those being written). */
  readonly waiting: number;
}

export function createGroupCommit<T, R>(options: GroupCommitOptions<T, R>): GroupCommit<T, R> {
  const queue: Waiting<T, R>[] = [];
  const busyKeys = new Set<string>();
  let inFlight = 0;

  /** The oldest waiting items whose keys are free, at most one per key; the rest keep their places. */
  function takeBatch(): Waiting<T, R>[] {
    const batch: Waiting<T, R>[] = [];
    const passedOver: Waiting<T, R>[] = [];
    const seen = new Set<string>();
    // Bounded, so one customer's flood of messages is not walked over on every take.
    const limit = Math.min(queue.length, options.maxBatch * 4);
    let scanned = 0;
    for (; scanned < limit && batch.length < options.maxBatch; scanned += 1) {
      const entry = queue[scanned]!;
      if (entry.key === null) {
        if (batch.length > 0) break; // an unkeyed item goes alone, next time
        batch.push(entry);
        scanned += 1;
        break;
      }
      if (busyKeys.has(entry.key) || seen.has(entry.key)) passedOver.push(entry);
      else {
        batch.push(entry);
        busyKeys.add(entry.key);
      }
      seen.add(entry.key);
    }
    queue.splice(0, scanned, ...passedOver);
    return batch;
  }

  /** Started now, as without this; a write that throws before returning a promise still answers its caller. */
  function startAlone(item: T): Promise<R> {
    try {
      return options.runAlone(item);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async function write(batch: Waiting<T, R>[]) {
    if (batch.length > 1) {
      let results: R[] | null = null;
      try {
        results = await options.runTogether(batch.map((entry) => entry.item));
      } catch (error) {
        options.onFallback?.(error, batch.map((entry) => entry.item));
      }
      if (results) {
        batch.forEach((entry, index) => entry.resolve(results[index]!));
        return;
      }
    }
    await Promise.all(batch.map((entry) => startAlone(entry.item).then(entry.resolve, entry.reject)));
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = takeBatch();
      if (batch.length === 0) return; // every waiting key is being written: its end pumps again
      inFlight += 1;
      void write(batch).finally(() => {
        inFlight -= 1;
        for (const entry of batch) if (entry.key !== null) busyKeys.delete(entry.key);
        pump();
      });
    }
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, key: options.keyOf(item), resolve, reject });
        pump();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}
