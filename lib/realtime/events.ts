// The one catalogue of socket events, typed for server and browser alike.
import type { ActorView, BoardSnapshot, ChannelView, CustomerSideMessage, MessageView, Presence, QueueCounts, Role, TicketView } from '../domain/views';

/** Every pushed event carries the hub's sequence number as its second argument. */
export interface EventMeta {
  seq: number;
}

export interface MessageEventPayload {
  message: MessageView;
  ticket_id: number | null;
}

export type SimulatorMessage = CustomerSideMessage;

export interface HelloPayload {
  user: ActorView;
  /** The hub's current sequence: a reconnecting client that was behind it and was not recovered refetches. */
  seq: number;
  recovered: boolean;
  simulator: boolean;
}

export type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export interface ServerToClientEvents {
  'session:hello': (hello: HelloPayload) => void;
  'ticket:created': (ticket: TicketView, meta: EventMeta) => void;
  /** Several new tickets that became ready at the same moment (a burst), in order: one frame instead of one each. */
  'tickets:created': (tickets: TicketView[], meta: EventMeta) => void;
  'ticket:updated': (ticket: TicketView, meta: EventMeta) => void;
  'message:created': (payload: MessageEventPayload, meta: EventMeta) => void;
  'message:updated': (payload: MessageEventPayload, meta: EventMeta) => void;
  'queue:counts': (counts: QueueCounts, meta: EventMeta) => void;
  'simulator:message': (payload: { phone: string; message: SimulatorMessage }, meta: EventMeta) => void;
  /** An agent is typing to this simulated customer (what WhatsApp shows as "typing…"). */
  'simulator:typing': (payload: { phone: string; typing: boolean }, meta: EventMeta) => void;
  /** A channel's status changed (supervisors and admins). */
  'channel:updated': (channel: ChannelView, meta: EventMeta) => void;
  /** A WhatsApp number dropped (`down`) or came back (`up`): the banner (supervisors and admins). */
  'channel:alert': (alert: ChannelAlert, meta: EventMeta) => void;
  /** Linking a number: the QR to scan (refreshed as WhatsApp rotates it) or the pairing code. Admins only. */
  'channel:link': (link: ChannelLink, meta: EventMeta) => void;
  /**
   * A waiting ticket nears (`warning`) or passes (`breached`) its waiting SLA: to everyone on the
   * desk. A claimed ticket escalated for no answer (`escalated`): to its agent and the supervisors.
   */
  'sla:alert': (alert: SlaAlert, meta: EventMeta) => void;
  /**
   * Several waiting tickets crossed the same mark together (a backlog): one frame naming them
   * (in id order, roughly oldest first) instead of a ticket and an alert each. A lone mark comes as `ticket:updated`
   * and `sla:alert`.
   */
  'sla:marks': (marks: SlaMarks, meta: EventMeta) => void;
  /** Someone came online, went away or offline. */
  'presence:updated': (agent: PresenceUpdate, meta: EventMeta) => void;
  /**
   * The supervisor's live board (supervisors and admins), coalesced. `board.seq` is the board's own
   * sequence: +1 per push; a gap means refetch GET /api/board.
   */
  'board:updated': (board: BoardSnapshot, meta: EventMeta) => void;
  /** For this user only: what happened while they were away (e.g. their tickets were handed on). */
  notice: (notice: Notice, meta: EventMeta) => void;
}

export interface SlaAlert {
  kind: 'warning' | 'breached' | 'escalated';
  ticket: TicketView;
  waited_seconds: number;
}

/** A waiting ticket that crossed a mark: its `sla_state` is now the mark's kind; nothing else changed. */
export interface SlaMark {
  id: number;
  /** Which stay in the queue (a ticket released and waiting again is a new stay). */
  queued_at: string;
  waited_seconds: number;
}

/** Up to this many tickets crossing a mark together come with their full alerts (shown one by one). */
export const FULL_ALERTS_UP_TO = 3;

export interface SlaMarks {
  kind: 'warning' | 'breached';
  marks: SlaMark[];
  /** Every one's alert when there are at most FULL_ALERTS_UP_TO, else only the longest wait's. */
  alerts: SlaAlert[];
}

export interface PresenceUpdate {
  id: number;
  name: string;
  role: Role;
  presence: Presence;
}

export interface Notice {
  kind: 'tickets_moved';
  tickets: { ticket_id: number; moved_to: 'agent' | 'queue' }[];
}

export interface ChannelAlert {
  channel: ChannelView;
  kind: 'down' | 'up';
  reason: string | null;
}

export interface ChannelLink {
  channel_id: number;
  /** The string to render as a QR code; null once linked or when a pairing code is used. */
  qr: string | null;
  pairing_code: string | null;
}

export interface SimulatorSendInput {
  phone: string;
  name: string;
  text: string;
  client_id?: string;
}

export interface ClientToServerEvents {
  'ticket:watch': (ticketId: number, ack: (result: Ack) => void) => void;
  'ticket:unwatch': (ticketId: number) => void;
  /** The agent is typing in this ticket's reply box (send at most every few seconds). */
  'ticket:typing': (ticketId: number) => void;
  'simulator:watch': (phone: string, ack: (result: Ack<{ messages: SimulatorMessage[] }>) => void) => void;
  'simulator:send': (input: SimulatorSendInput, ack: (result: Ack<{ ticket_id: number; message_id: number }>) => void) => void;
}

export const rooms = {
  /** Everyone who works the queue: agents, supervisors, admins. */
  staff: 'staff',
  supervisors: 'supervisors',
  admins: 'admins',
  user: (id: number) => `user:${id}`,
  ticket: (id: number) => `ticket:${id}`,
  simulator: (phone: string) => `simulator:${phone}`,
} as const;
