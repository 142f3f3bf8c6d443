// The messages the socket pushed lately, per ticket. A conversation fetched over REST may have
// left the server before some of them (a reply's "sent" can beat the fetch that shows it
// "queued"); when its answer lands, they are applied on top, the same way a push is.
import type { MessageView } from '@/lib/domain/views';

const RANK: Record<MessageView['status'], number> = { queued: 0, failed: 1, sent: 1, delivered: 2, read: 3 };
const PER_TICKET = 200;
const TICKETS = 200;
const pushes = new Map<number, MessageView[]>();

/** A reply's REST response (queued) can arrive after the push that says it was sent. */
export function isOlder(incoming: MessageView, current: MessageView): boolean {
  const a = Date.parse(incoming.updated_at);
  const b = Date.parse(current.updated_at);
  return a < b || (a === b && RANK[incoming.status] < RANK[current.status]);
}

/** One message into a conversation: added if new, replaced unless the conversation's copy is newer. */
export function mergeMessage(list: MessageView[], message: MessageView): MessageView[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return [...list, message].sort((a, b) => a.id - b.id);
  if (isOlder(message, list[index] as MessageView)) return list;
  const next = list.slice();
  next[index] = message;
  return next;
}

export function recordMessagePush(ticketId: number, message: MessageView): void {
  const list = pushes.get(ticketId) ?? [];
  pushes.delete(ticketId); // re-insert: the map's order is the tickets' recency
  list.push(message);
  if (list.length > PER_TICKET) list.shift();
  pushes.set(ticketId, list);
  if (pushes.size > TICKETS) pushes.delete(pushes.keys().next().value as number);
}

/** A fetched conversation with every recent push for it applied (older pushes lose to it). */
export function withRecentPushes(ticketId: number, fetched: MessageView[]): MessageView[] {
  return (pushes.get(ticketId) ?? []).reduce(mergeMessage, fetched);
}
