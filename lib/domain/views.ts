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

/** The supervisor's live board: one agent's row. */
export interface BoardAgent {
  id: number;
  name: string;
  role: Role;
  presence: Presence;
  open_tickets: number;
  capacity: number | null;
}

export interface BoardChannel {
  id: number;
  name: string;
  kind: ChannelKind;
  status: ChannelStatus;
  phone: string | null;
}

export interface BoardSnapshot {
  /** Increments by exactly 1 on every push; a client that sees a gap (or reconnects) refetches GET /api/board. */
  seq: number;
  pending: Record<TicketPriority, number>;
  pending_total: number;
  assigned: number;
  /** Resolved since local midnight in the team's time zone. */
  resolved_today: number;
  /** The longest-waiting pending ticket (queued_at = when it entered the queue). */
  oldest_waiting: { ticket_id: number; customer_name: string | null; customer_phone: string | null; queued_at: string } | null;
  /** Pending tickets now past the waiting-SLA warning threshold (not yet breached) / past the breach. */
  sla: { warning: number; breached: number };
  /** Every active agent/supervisor/admin who works tickets, sorted by name. */
  agents: BoardAgent[];
  channels: BoardChannel[];
  timezone: string;
  /** ISO */
  generated_at: string;
}

export interface AnalyticsBucketCount {
  label: string;
  max_seconds: number | null;
  count: number;
}

export interface AnalyticsAgentRow {
  agent_id: number;
  name: string;
  handled: number;
  resolved: number;
  median_first_response_seconds: number | null;
  median_handle_seconds: number | null;
  /** 0..1 */
  resolution_rate: number | null;
}

export interface AnalyticsReport {
  /** from/to = YYYY-MM-DD, inclusive, local dates */
  range: { from: string; to: string; timezone: string; bucket: 'hour' | 'day' };
  totals: {
    created: number;
    resolved: number;
    claimed: number;
    resolution_rate: number | null;
    median_wait_seconds: number | null;
    p90_wait_seconds: number | null;
    median_first_response_seconds: number | null;
    avg_handle_seconds: number | null;
    median_handle_seconds: number | null;
  };
  /** Every bucket in the range, zeros included. */
  series: { start: string; label: string; created: number; resolved: number }[];
  /** Buckets: <1m, 1–5m, 5–15m, 15–30m, 30–60m, 1–4h, >4h (max_seconds null for the last). */
  wait_distribution: AnalyticsBucketCount[];
  first_response_distribution: AnalyticsBucketCount[];
  agents: AnalyticsAgentRow[];
}

export interface TicketSearchPage {
  tickets: TicketView[];
  next_cursor: string | null;
}
