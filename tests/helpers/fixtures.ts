import { count } from 'drizzle-orm';
import type { Database } from '../../lib/db/client';
import { chats, contacts, messages, ticketEvents, tickets } from '../../lib/db/schema';
import type { CustomerAddress } from '../../lib/domain/jid';
import type { ChannelRef, InboundMessage } from '../../lib/domain/ingest';

/** A distinct Indonesian customer per number: 62811 followed by seven digits. */
export function customer(n: number): CustomerAddress & { phone: string } {
  const phone = `62811${String(n).padStart(7, '0')}`;
  return { phone, phoneJid: `${phone}@s.whatsapp.net`, lidJid: null };
}

let externalCounter = 0;

/** A customer message as a channel would hand it to ingest; a fresh external id unless given. */
export function inbound(channel: ChannelRef, n: number, overrides: Partial<InboundMessage> = {}): InboundMessage {
  externalCounter += 1;
  return {
    channel,
    externalId: `ext-${process.pid}-${externalCounter}`,
    from: customer(n),
    name: `Customer ${n}`,
    text: `halo, saya pelanggan ${n}`,
    ...overrides,
  };
}

/** How many rows the customer-facing tables hold: what "nothing stored" is checked against. */
export async function rowCounts(db: Database) {
  const n = async (table: typeof contacts | typeof chats | typeof tickets | typeof messages | typeof ticketEvents) => {
    const [row] = await db.select({ n: count() }).from(table);
    return row?.n ?? 0;
  };
  return {
    contacts: await n(contacts),
    chats: await n(chats),
    tickets: await n(tickets),
    messages: await n(messages),
    ticketEvents: await n(ticketEvents),
  };
}
