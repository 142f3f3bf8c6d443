import type { ChannelRow } from '../lib/db/schema';
import type { DomainContext } from '../lib/domain/context';
import { listQueuedOutbound, loadOutboundDelivery, markMessageFailed, markMessageSent } from '../lib/domain/outbound';
import type { ChannelAdapter } from './channels/types';

export interface Outbox {
  enqueue(messageId: number, chatId: number): void;
  /** Sends what was still queued when the process last stopped. */
  recover(): Promise<number>;
  /** Resolves when everything enqueued so far has been attempted. */
  drain(): Promise<void>;
}

/**
 * Hands queued messages to their channel, one at a time per chat (so a customer reads
 * replies in the order they were written), and records sent or failed. Nothing is dropped:
 * a message stays `queued` in the database until a channel has taken it.
 */
export function createOutbox(ctx: DomainContext, adapterFor: (channel: ChannelRow) => ChannelAdapter | undefined): Outbox {
  const lanes = new Map<number, Promise<void>>();
  const pending = new Set<number>();

  async function deliver(messageId: number) {
    const delivery = await loadOutboundDelivery(ctx, messageId);
    if (!delivery) return;
    const adapter = adapterFor(delivery.channel);
    if (!adapter) {
      await markMessageFailed(ctx, delivery, `The channel "${delivery.channel.name}" is not available in this server.`);
      return;
    }
    try {
      const { externalId } = await adapter.send(delivery);
      await markMessageSent(ctx, delivery, externalId);
    } catch (error) {
      await markMessageFailed(ctx, delivery, error instanceof Error ? error.message : String(error));
    }
  }

  function enqueue(messageId: number, chatId: number) {
    if (pending.has(messageId)) return;
    pending.add(messageId);
    const previous = lanes.get(chatId) ?? Promise.resolve();
    const next = previous
      .then(() => deliver(messageId))
      .catch((error) => ctx.logger.error({ err: error, messageId }, 'outbox delivery crashed'))
      .finally(() => {
        pending.delete(messageId);
        if (lanes.get(chatId) === next) lanes.delete(chatId);
      });
    lanes.set(chatId, next);
  }

  return {
    enqueue,
    async recover() {
      const queued = await listQueuedOutbound(ctx);
      for (const { id, chatId } of queued) enqueue(id, chatId);
      if (queued.length) ctx.logger.info({ count: queued.length }, 'outbox: resending messages queued before restart');
      return queued.length;
    },
    async drain() {
      while (lanes.size) await Promise.allSettled([...lanes.values()]);
    },
  };
}
