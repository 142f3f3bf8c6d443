import { signBody, SIGNATURE_HEADER } from '../../lib/gateway/signature';
import { type ChannelAdapter, SendError } from './types';

export interface GatewayChannelOptions {
  sendUrl: string | undefined;
  secret: string | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Replies for the seed's separate Baileys service: a signed POST to GATEWAY_SEND_URL. */
export function createGatewayChannel(options: GatewayChannelOptions): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  return {
    kind: 'gateway',
    async send({ message, contact }) {
      if (!options.sendUrl) throw new SendError('GATEWAY_SEND_URL is not set, so replies cannot leave through the gateway.', true);
      if (!options.secret) throw new SendError('GATEWAY_WEBHOOK_SECRET is not set, so the gateway request cannot be signed.', true);
      const body = JSON.stringify({
        to: contact.phone ?? contact.lidJid ?? contact.phoneJid,
        jid: contact.phoneJid ?? contact.lidJid,
        text: message.text,
        message_id: message.id,
        ticket_id: message.ticket_id,
      });
      let response: Response;
      try {
        response = await doFetch(options.sendUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, options.secret) },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SendError(`The gateway could not be reached: ${(error as Error).message}`, false);
      }
      if (!response.ok) {
        const detail = (await response.text().catch(() => '')).slice(0, 200);
        throw new SendError(`The gateway answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status < 500);
      }
      const reply = (await response.json().catch(() => null)) as { id?: unknown } | null;
      return { externalId: typeof reply?.id === 'string' ? reply.id : null };
    },
  };
}
