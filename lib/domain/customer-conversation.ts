import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chats, contacts, messages } from '../db/schema';
import { presentCustomerSide, presentMessage } from './presenters';
import type { CustomerSideMessage } from './views';


/** The conversation as the customer's phone shows it: every message of the chat, across tickets. */
export async function listCustomerConversation(
  db: Database,
  { channelId, phoneJid, limit = 200 }: { channelId: number; phoneJid: string; limit?: number },
): Promise<CustomerSideMessage[]> {
  const rows = await db
    .select({ message: messages })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .where(and(eq(contacts.channelId, channelId), eq(contacts.phoneJid, phoneJid)))
    .orderBy(asc(messages.id))
    .limit(limit);
  // The customer never sees what is still waiting in our outbox, nor what failed to leave.
  return rows
    .map((row) => presentMessage(row.message))
    .filter((m) => m.direction === 'in' || m.status === 'sent' || m.status === 'delivered' || m.status === 'read')
    .map(presentCustomerSide);
}
