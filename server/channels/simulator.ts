import { z } from 'zod';
import type { ChannelRow } from '../../lib/db/schema';
import type { DomainContext } from '../../lib/domain/context';
import { listCustomerConversation } from '../../lib/domain/customer-conversation';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { parseCustomerAddress } from '../../lib/domain/jid';
import { presentCustomerSide } from '../../lib/domain/presenters';
import type { CustomerSideMessage } from '../../lib/domain/views';
import type { SimulatorSendInput } from '../../lib/realtime/events';
import type { ChannelAdapter } from './types';

export type EmitToCustomer = (phone: string, message: CustomerSideMessage) => void;
export type EmitTypingToCustomer = (phone: string) => void;

/** Replies to a simulated customer appear on the simulator page that plays that phone. */
export function createSimulatorChannel(emitToCustomer: EmitToCustomer, emitTyping: EmitTypingToCustomer): ChannelAdapter {
  return {
    kind: 'simulator',
    async sendTyping(contact) {
      if (contact.phone) emitTyping(contact.phone);
    },
    async send({ message, contact }) {
      if (!contact.phone) throw new Error('simulated customers always have a phone number');
      emitToCustomer(contact.phone, { ...presentCustomerSide(message), status: 'sent' });
      return { externalId: `sim-out-${message.id}` };
    },
  };
}

export const simulatorSendSchema = z.object({
  phone: z.string().trim().min(5).max(32),
  name: z.string().trim().max(100).default(''),
  text: z.string().trim().min(1, 'type a message first').max(4096),
  client_id: z.string().trim().min(8).max(100).optional(),
});

export function simulatorPhone(raw: string): string {
  const address = parseCustomerAddress(raw);
  if ('error' in address || !address.phone) throw new Error('Enter the customer’s phone number in digits, e.g. 628123456789.');
  return address.phone;
}

/** A message typed on the simulator page enters exactly as a WhatsApp message would. */
export async function sendAsCustomer(ctx: DomainContext, channel: ChannelRow, input: SimulatorSendInput) {
  const data = simulatorSendSchema.parse(input);
  const phone = simulatorPhone(data.phone);
  const result = await ingestInboundMessage(ctx, {
    channel,
    externalId: `sim-${data.client_id ?? crypto.randomUUID()}`,
    from: { phone, phoneJid: `${phone}@s.whatsapp.net`, lidJid: null },
    name: data.name || null,
    text: data.text,
  });
  return { phone, result };
}

export function customerHistory(ctx: DomainContext, channel: ChannelRow, phone: string) {
  return listCustomerConversation(ctx.db, { channelId: channel.id, phoneJid: `${phone}@s.whatsapp.net` });
}
