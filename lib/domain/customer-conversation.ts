import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chats, contacts, messages } from '../db/schema';
import type { CustomerSideMessage } from './views';


/** The conversation as the customer's phone shows it: every message of the chat, across tickets. */
export async function listCustomerConversation(
  db: Database,
  { channelId, phoneJid, limit = 200 }: { channelId: number; phoneJid: string; limit?: number },
): Promise<CustomerSideMessage[]> {
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      sender: messages.sender,
      text: messages.text,
      status: messages.status,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(chats, eq(chats.id, messages.chatId))
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .where(and(eq(contacts.channelId, channelId), eq(contacts.phoneJid, phoneJid)))
    .orderBy(asc(messages.id))
    .limit(limit);
  // The customer never sees what is still waiting in our outbox, nor what failed to leave.
  return rows
    .filter((row) => row.direction === 'in' || row.status === 'sent' || row.status === 'delivered' || row.status === 'read')
    .map((row) => ({
      id: row.id,
      direction: row.direction,
      sender: row.sender,
      text: row.text,
      status: row.status,
      created_at: row.createdAt.toISOString(),
    }));
}
