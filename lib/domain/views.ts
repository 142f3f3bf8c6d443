// The shapes REST responses and socket events share (snake_case, as in the seed's API).
// Plain types only: the browser imports this file.
import type { ChannelKind, MessageStatus, Role, TicketPriority, TicketStatus } from '../db/schema';
import type { MessageAttachmentView, MessageKind } from './attachments';

export type { ChannelKind, MessageStatus, Role, TicketPriority, TicketStatus };
export type { MessageAttachmentView, MessageKind };

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
export const STATUSES = ['pending', 'assigned', 'resolved'] as const satisfies readonly TicketStatus[];
export const ROLES = ['agent', 'supervisor', 'admin'] as const satisfies readonly Role[];

export interface TicketView {
  id: number;
  status: TicketStatus;
  priority: TicketPriority;
  customer_name: string | null;
  customer_phone: string | null;
  contact_id: number;
  chat_id: number;
  channel_id: number;
  channel_name: string;
  channel_kind: ChannelKind;
  assigned_agent_id: number | null;
  assigned_agent_name: string | null;
  preview: string;
  unread_count: number;
  created_at: string;
  updated_at: string;
  assigned_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  last_message_at: string | null;
  /** When it (last) entered the queue: the waiting SLA runs from here. */
  queued_at: string;
  /** The waiting SLA for the current stay in the queue. */
  sla_state: 'ok' | 'warning' | 'breached';
  /** The customer's oldest unanswered message (the response SLA runs from here). */
  awaiting_reply_since: string | null;
  escalated_at: string | null;
}

export type MessageSender = 'customer' | 'agent' | 'bot' | 'system';

export interface MessageView {
  id: number;
  ticket_id: number | null;
  chat_id: number;
  channel_id: number;
  direction: 'in' | 'out';
  sender: MessageSender;
  author_id: number | null;
  author_name: string | null;
  text: string;
  kind: MessageKind;
  media: MessageAttachmentView | null;
  status: MessageStatus;
  error: string | null;
  external_id: string | null;
  client_id: string | null;
  /** Sent by the business from the phone (WhatsApp), not from Loket. */
  from_phone: boolean;
  /** WhatsApp could not decrypt it yet; the content follows. */
  stub: boolean;
  edited_at: string | null;
  /** The text before the first edit. */
  original_text: string | null;
  /** Deleted by the customer ("delete for everyone"); the text is kept for the agent. */
  deleted_at: string | null;
  /** reactor → emoji */
  reactions: Record<string, string>;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface QueueCounts {
  pending: Record<TicketPriority, number> & { total: number };
  assigned: number;
  agents_online: number;
  agents_away: number;
  staff_online: number;
}

/**
 * WhatsApp numbers: new → qr / pairing (waiting for the phone) → connecting → connected;
 * disconnected (retrying), logged_out (scan again), stopped (replaced or forbidden: needs a person).
 * The simulator and the gateway are always `connected`.
 */
export const CHANNEL_STATUSES = ['new', 'qr', 'pairing', 'connecting', 'connected', 'disconnected', 'logged_out', 'stopped'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export interface ChannelView {
  id: number;
  kind: ChannelKind;
  name: string;
  status: ChannelStatus;
  status_reason: string | null;
  status_at: string | null;
  /** The linked number, digits. */
  phone: string | null;
  created_at: string;
}

export type Presence = 'online' | 'away' | 'offline';

/** An agent as the desk shows them: who is there, and how much they carry. */
export interface AgentView {
  id: number;
  name: string;
  role: Role;
  presence: Presence;
  presence_changed_at: string | null;
  open_tickets: number;
  capacity: number | null;
}

export interface TicketEventView {
  id: number;
  ticket_id: number;
  type: string;
  actor_id: number | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: string;
}

export interface UserView {
  id: number;
  name: string;
  email: string;
  role: Role;
  banned: boolean;
  capacity: number | null;
  created_at: string;
}

export interface ActorView {
  id: number;
  name: string;
  email: string;
  role: Role;
}

/** A message as the customer's phone shows it (the simulator page). */
export interface CustomerSideMessage {
  id: number;
  direction: 'in' | 'out';
  sender: MessageSender;
  text: string;
  kind: MessageKind;
  media: MessageAttachmentView | null;
  status: MessageStatus;
  created_at: string;
}
