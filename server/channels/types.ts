import type { ChannelKind, ContactRow } from '../../lib/db/schema';
import type { OutboundDelivery } from '../../lib/domain/outbound';

export interface SendResult {
  /** The id the channel gave the message (WhatsApp's id, the gateway's id), if any. */
  externalId: string | null;
  /** The channel's own form of what was sent, kept for its retries (WhatsApp getMessage). */
  raw?: unknown;
}

/** Why a send failed; `permanent` failures are never retried automatically. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export interface Pacing {
  intervalMs: number;
  jitterMs: number;
}

/** One way out to customers: the simulator, the external gateway, a linked WhatsApp number. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  send(delivery: OutboundDelivery): Promise<SendResult>;
  /** False while the channel cannot send (a WhatsApp number that is not connected): the outbox waits. */
  isReady?(): boolean;
  /** Sends go one at a time per channel, at least this far apart (a WhatsApp number's rate limit). */
  pacing?(): Pacing | null;
  /** The id the message will carry on the channel, chosen before sending. */
  newExternalId?(): string;
  /** Read receipts for the customer's messages (WhatsApp blue ticks). */
  markRead?(contact: ContactRow, externalIds: string[]): Promise<void>;
  /** "typing…" on the customer's phone. */
  sendTyping?(contact: ContactRow): Promise<void>;
}
