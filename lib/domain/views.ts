// The shapes REST responses and socket events share (snake_case, as in the seed's API).
// Plain types only: the browser imports this file.
import type { ChannelKind, MessageStatus, Role, TicketPriority, TicketStatus } from '../db/schema';

export type { ChannelKind, MessageStatus, Role, TicketPriority, TicketStatus };

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
  status: MessageStatus;
  error: string | null;
  external_id: string | null;
  client_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface QueueCounts {
  pending: Record<TicketPriority, number> & { total: number };
  assigned: number;
  agents_online: number;
  staff_online: number;
}

export interface UserView {
  id: number;
  name: string;
  email: string;
  role: Role;
  banned: boolean;
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
  status: MessageStatus;
  created_at: string;
}
