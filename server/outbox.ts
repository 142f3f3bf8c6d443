import type { DomainContext } from '../lib/domain/context';
import {
  assignExternalId,
  leaseOutboundDelivery,
  listDueOutbound,
  markMessageFailed,
  markMessageSent,
  type OutboundDelivery,
  releaseOutboundLease,
  scheduleRetry,
} from '../lib/domain/outbound';
import type { DirectTaker, TakenDelivery } from '../lib/domain/outbound-direct';
import { SendError, type ChannelAdapter } from './channels/types';
import { realTimers, type Timers } from './socket/coalesce';

export interface OutboxOptions {
  adapterFor: (channelId: number) => ChannelAdapter | undefined;
  timers?: Timers;
  /** How often queued messages are looked for (other processes' replies, retries, lost timers). */
  pollMs?: number;
  /** Transient failures are retried this many times in all before the message is marked failed. */
  maxAttempts?: number;
  /** A taken message is given back after this long if its sender vanished. */
  leaseMs?: number;
  random?: () => number;
}

export interface Outbox {
  /** `taken`: the message was leased to this outbox at its insert (lib/domain/outbound-direct.ts). */
  enqueue(messageId: number, channelId: number, chatId: number, taken?: TakenDelivery): void;
  /** Which new messages this outbox takes at their insert: those it would send at once. */
  readonly directTaker: DirectTaker;
  /** Looks for due messages now: at start (what was queued before a restart), on reconnect, on the poll. */
  sweep(channelIds?: number[]): Promise<number>;
  /** Resolves when everything enqueued so far has been attempted. */
  drain(): Promise<void>;
  stop(): void;
}

/** 2 s, 4 s, 8 s … capped at 5 minutes, ±20 %. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Durable delivery. A message is stored `queued` before it gets here; the outbox hands it to
 * its channel in order (per chat, or one at a time per WhatsApp number with a pause between
 * sends), retries transient failures with backoff, marks final ones failed with the reason,
 * and waits while a channel is down. The database is the queue: nothing is held only in memory.
 */
export function createOutbox(ctx: DomainContext, options: OutboxOptions): Outbox {
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 60_000;
  const lanes = new Map<string, Promise<void>>();
  const pending = new Set<number>();
  const handles = new Set<unknown>();
  let stopped = false;

  function schedule(fn: () => void, ms: number) {
    const handle = timers.setTimeout(() => {
      handles.delete(handle);
      fn();
    }, ms);
    handles.add(handle);
  }
  // Lanes pausing between two sends of a number: stop() lets them go at once, or drain()
  // would wait forever on a timer stop() cancelled.
  const pauses = new Set<() => void>();
  const wait = (ms: number) =>
    stopped
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          pauses.add(resolve);
          schedule(() => {
            pauses.delete(resolve);
            resolve();
          }, ms);
        });

  // A lease taken at the insert is used as it is while at least half of it is left; an older one
  // (its turn came late) is renewed first, so a slow send never outlives it.
  const isFresh = (taken: TakenDelivery) => taken.leasedUntil.getTime() - ctx.clock.now().getTime() >= leaseMs / 2;

  /** True when the message was handed to the channel: only a real send is followed by the number's pause. */
  async function deliver(messageId: number, adapter: ChannelAdapter, taken: TakenDelivery | undefined): Promise<boolean> {
    if (adapter.isReady && !adapter.isReady()) {
      // Picked up again on reconnect, which looks only for due messages: a lease taken at the insert is given back.
      if (taken) await releaseOutboundLease(ctx, messageId, taken.leasedUntil);
      return false;
    }
    let delivery =
      taken && isFresh(taken) ? taken.delivery : await leaseOutboundDelivery(ctx, messageId, leaseMs, taken?.leasedUntil ?? null);
    if (!delivery) return false;
    if (adapter.newExternalId && !delivery.message.external_id) {
      const externalId = await assignExternalId(ctx, messageId, adapter.newExternalId());
      delivery = { ...delivery, message: { ...delivery.message, external_id: externalId } };
    }
    try {
      const result = await adapter.send(delivery);
      await markMessageSent(ctx, delivery, result);
    } catch (error) {
      await failed(delivery, error);
    }
    return true;
  }

  async function failed(delivery: OutboundDelivery, error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof SendError && error.permanent;
    if (permanent || delivery.attempts >= maxAttempts) {
      const why = permanent ? reason : `${reason} (gave up after ${delivery.attempts} attempts)`;
      await markMessageFailed(ctx, delivery, why);
      return;
    }
    const delay = retryDelayMs(delivery.attempts, random);
    await scheduleRetry(ctx, delivery, reason, new Date(ctx.clock.now().getTime() + delay));
    const { id, channel_id: channelId, chat_id: chatId } = delivery.message;
    schedule(() => enqueue(id, channelId, chatId), delay);
  }

  function enqueue(messageId: number, channelId: number, chatId: number, taken?: TakenDelivery) {
    if (stopped || pending.has(messageId)) return;
    const adapter = options.adapterFor(channelId);
    if (!adapter) {
      // Not served by this process (another owns the number); one taken here went away since.
      if (taken) void releaseOutboundLease(ctx, messageId, taken.leasedUntil).catch((error) => ctx.logger.error({ err: error, messageId }, 'outbox release failed'));
      return;
    }
    const pacing = adapter.pacing?.() ?? null;
    const key = pacing ? `channel:${channelId}` : `chat:${chatId}`;
    pending.add(messageId);
    const previous = lanes.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => deliver(messageId, adapter, taken))
      .catch((error) => {
        ctx.logger.error({ err: error, messageId }, 'outbox delivery crashed');
        return true;
      })
      .then((attempted) => {
        // Its turn is over: a retry or a reconnect sweep may queue it again, behind the pause.
        pending.delete(messageId);
        // Only a real send is followed by the number's pause (not a skip while it is down).
        return pacing && attempted ? wait(pacing.intervalMs + Math.round(random() * pacing.jitterMs)) : undefined;
      })
      .finally(() => {
        if (lanes.get(key) === next) lanes.delete(key);
      });
    lanes.set(key, next);
  }

  async function sweep(channelIds?: number[]) {
    const due = await listDueOutbound(ctx, { channelIds });
    for (const { id, channelId, chatId } of due) enqueue(id, channelId, chatId);
    return due.length;
  }

  const pollMs = options.pollMs ?? 5_000;
  const poll = () => {
    if (stopped) return;
    void sweep()
      .catch((error) => ctx.logger.error({ err: error }, 'outbox sweep failed'))
      .finally(() => schedule(poll, pollMs));
  };
  if (pollMs > 0) schedule(poll, pollMs);

  const directTaker: DirectTaker = {
    leaseMs,
    takes(channelId) {
      const adapter = stopped ? undefined : options.adapterFor(channelId);
      // A paced number's messages wait their turn in its lane: they are leased when it comes.
      return Boolean(adapter && !adapter.pacing && (!adapter.isReady || adapter.isReady()));
    },
  };

  return {
    enqueue,
    directTaker,
    sweep,
    async drain() {
      while (lanes.size) await Promise.allSettled([...lanes.values()]);
    },
    stop() {
      stopped = true;
      for (const handle of handles) timers.clearTimeout(handle);
      handles.clear();
      for (const resume of pauses) resume();
      pauses.clear();
    },
  };
}
