import type { ChannelKind, MessageRow, TicketRow } from '../db/schema';
import { type MessageKind, presentAttachment } from './attachments';
import type { CustomerSideMessage, MessageView, TicketView } from './views';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export interface TicketJoinedRow {
  ticket: TicketRow;
  customerName: string | null;
  customerPhone: string | null;
  channelName: string;
  channelKind: ChannelKind;
  agentName: string | null;
}

export function presentTicket(row: TicketJoinedRow): TicketView {
  const t = row.ticket;
  return {
    id: t.id,
    status: t.status,
    priority: t.priority,
    customer_name: row.customerName,
    customer_phone: row.customerPhone,
    contact_id: t.contactId,
    chat_id: t.chatId,
    channel_id: t.channelId,
    channel_name: row.channelName,
    channel_kind: row.channelKind,
    assigned_agent_id: t.assignedAgentId,
    assigned_agent_name: row.agentName,
    preview: t.preview,
    unread_count: t.unreadCount,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    assigned_at: iso(t.assignedAt),
    first_response_at: iso(t.firstResponseAt),
    resolved_at: iso(t.resolvedAt),
    last_message_at: iso(t.lastMessageAt),
    queued_at: t.queuedAt.toISOString(),
    sla_state: slaState(t),
    awaiting_reply_since: iso(t.awaitingReplySince),
    escalated_at: iso(t.escalatedAt),
  };
}

/** Marks from an earlier stay in the queue (before a claim and a release) do not count. */
function slaState(t: TicketRow): TicketView['sla_state'] {
  if (t.status !== 'pending') return 'ok';
  const since = t.queuedAt.getTime();
  if (t.slaBreachedAt && t.slaBreachedAt.getTime() >= since) return 'breached';
  if (t.slaWarnedAt && t.slaWarnedAt.getTime() >= since) return 'warning';
  return 'ok';
}

export function presentMessage(m: MessageRow, authorName: string | null = null): MessageView {
  return {
    id: m.id,
    ticket_id: m.ticketId,
    chat_id: m.chatId,
    channel_id: m.channelId,
    direction: m.direction,
    sender: m.sender,
    author_id: m.authorId,
    author_name: authorName,
    text: m.text,
    kind: m.kind as MessageKind,
    media: presentAttachment(m.id, m.media),
    status: m.status,
    error: m.error,
    external_id: m.externalId,
    client_id: m.clientId,
    from_phone: m.fromPhone,
    stub: m.stub,
    edited_at: iso(m.editedAt),
    original_text: m.originalText,
    deleted_at: iso(m.deletedAt),
    reactions: m.reactions ?? {},
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
    sent_at: iso(m.sentAt),
  };
}

/** A message as the customer's phone shows it (the simulator page). */
export function presentCustomerSide(
  m: Pick<MessageView, 'id' | 'direction' | 'sender' | 'text' | 'kind' | 'media' | 'status' | 'created_at'>,
): CustomerSideMessage {
  return {
    id: m.id,
    direction: m.direction,
    sender: m.sender,
    text: m.text,
    kind: m.kind,
    media: m.media,
    status: m.status,
    created_at: m.created_at,
  };
}
