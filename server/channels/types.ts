import type { ChannelKind } from '../../lib/db/schema';
import type { OutboundDelivery } from '../../lib/domain/outbound';

export interface SendResult {
  /** The id the channel gave the message (WhatsApp's id, the gateway's id), if any. */
  externalId: string | null;
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

/** One way out to customers: the simulator, the external gateway, a linked WhatsApp number. */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  send(delivery: OutboundDelivery): Promise<SendResult>;
}
