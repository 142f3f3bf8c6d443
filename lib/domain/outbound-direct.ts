import type { EventBus } from '../realtime/bus';
import type { OutboundDelivery } from './outbound';

/** A message leased to the outbox by the statement that inserted it, with what sending it needs. */
export interface TakenDelivery {
  delivery: OutboundDelivery;
  leasedUntil: Date;
}

/** An outbox that hears a bus's `outbound.queued` and can send some channels' messages at once. */
export interface DirectTaker {
  /** How long a message it takes is leased to it, as its own lease would. */
  leaseMs: number;
  /** Whether a message of this channel would leave now: served here, ready, not paced. */
  takes(channelId: number): boolean;
}

const takers = new WeakMap<EventBus, DirectTaker>();

/**
 * Lets the writer of an outbound message lease it to the outbox that will hear of it, in the
 * statement that inserts it: the outbox then sends without a lease statement of its own, one
 * round trip and one COMMIT fewer for every new ticket's acknowledgement (bench/RESULTS.md,
 * eleventh session). Returns the withdrawal. Without a taker, messages are inserted unleased
 * and the outbox leases them when their turn comes, as before.
 */
export function acceptDirectDeliveries(bus: EventBus, taker: DirectTaker): () => void {
  takers.set(bus, taker);
  return () => {
    if (takers.get(bus) === taker) takers.delete(bus);
  };
}

/** The lease a new message of this channel gets at its insert, or null if nobody here takes it now. */
export function directLease(bus: EventBus, channelId: number, now: Date): { until: Date } | null {
  const taker = takers.get(bus);
  if (!taker || !taker.takes(channelId)) return null;
  return { until: new Date(now.getTime() + taker.leaseMs) };
}
