import { signBody, SIGNATURE_HEADER } from '../../lib/gateway/signature';
import { type PostAnswer, postJson } from './post-json';
import { type ChannelAdapter, SendError } from './types';

export interface GatewayChannelOptions {
  sendUrl: string | undefined;
  secret: string | undefined;
  timeoutMs?: number;
}

/** Replies for the seed's separate Baileys service: a signed POST to GATEWAY_SEND_URL. */
export function createGatewayChannel(options: GatewayChannelOptions): ChannelAdapter {
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
      const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, options.secret) };
      const timeoutMs = options.timeoutMs ?? 10_000;
      let answer: PostAnswer;
      try {
        answer = await postJson(options.sendUrl, body, headers, timeoutMs);
      } catch (error) {
        throw new SendError(`The gateway could not be reached: ${(error as Error).message}`, false);
      }
      if (answer.status < 200 || answer.status >= 300) {
        const detail = answer.text.slice(0, 200);
        throw new SendError(`The gateway answered ${answer.status}${detail ? `: ${detail}` : ''}`, answer.status < 500);
      }
      const reply = parseJson(answer.text) as { id?: unknown } | null;
      return { externalId: typeof reply?.id === 'string' ? reply.id : null };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
