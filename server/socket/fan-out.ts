import type { DomainEvent } from '../../lib/realtime/bus';
import { type EventMeta, rooms } from '../../lib/realtime/events';
import type { ChannelStatus, ChannelView, TicketView } from '../../lib/domain/views';
import { realTimers, type Timers } from './coalesce';
import type { LoketServer } from './types';

const DOWN = new Set<ChannelStatus>(['disconnected', 'logged_out', 'stopped']);

export interface FanOutOptions {
  timers?: Timers;
  now?: () => number;
  /**
   * Under load, new tickets reach the staff room at most once per this many ms (default 20: at
   * 1,000/s it saved 4–5 % of the server's CPU over 10 and lowered the p99 in three pairs of runs,
   * bench/RESULTS.md, tenth session).
   */
  createdWindowMs?: number;
  /** Whether the process is under load now (default: always, so every window applies). */
  busy?: () => boolean;
}

/**
 * Turns what the domain announced into socket events, each to the rooms allowed to see it.
 * Every emit takes the next sequence number.
 */
export function createFanOut(io: LoketServer, onQueueChanged: () => void, options: FanOutOptions = {}) {
  const { timers = realTimers, now = () => performance.now(), createdWindowMs = 20, busy = () => true } = options;
  let seq = 0;
  const meta = (): EventMeta => ({ seq: ++seq });
  // Numbers announced as down, so their return is announced too (and a first link is not).
  const down = new Set<number>();

  function channelChanged(channel: ChannelView) {
    io.to(rooms.supervisors).emit('channel:updated', channel, meta());
    if (channel.kind !== 'baileys') return;
    if (DOWN.has(channel.status) && !down.has(channel.id)) {
      down.add(channel.id);
      io.to(rooms.supervisors).emit('channel:alert', { channel, kind: 'down', reason: channel.status_reason }, meta());
    } else if (channel.status === 'connected' && down.delete(channel.id)) {
      io.to(rooms.supervisors).emit('channel:alert', { channel, kind: 'up', reason: null }, meta());
    }
  }

  // A new ticket goes to every staff socket, and each frame costs the server a write per socket
  // (with 200 agents, the biggest single cost of a new ticket: bench/RESULTS.md). A ticket leaves
  // at the end of the turn it became ready in. Only when the process is busy, and the last frame
  // left less than the window ago, it waits for the window's end with whatever else arrives
  // meanwhile: a busy desk sends one `tickets:created` frame per window instead of one per ticket
  // (a lone ticket still goes as `ticket:created`), and a desk with CPU to spare waits for nothing.
  let held: TicketView[] = [];
  let scheduled: { timer: unknown } | null = null;
  let lastFlushAt = -Infinity;
  function flushCreated() {
    if (scheduled?.timer !== undefined) timers.clearTimeout(scheduled.timer);
    scheduled = null;
    if (!held.length) return;
    lastFlushAt = now();
    const batch = held;
    held = [];
    if (batch.length === 1) io.to(rooms.staff).emit('ticket:created', batch[0] as TicketView, meta());
    else io.to(rooms.staff).emit('tickets:created', batch, meta());
  }

  function scheduleCreated() {
    const wait = lastFlushAt + createdWindowMs - now();
    if (wait <= 0 || !busy()) {
      const turn: { timer: unknown } = { timer: undefined };
      scheduled = turn;
      setImmediate(() => scheduled === turn && flushCreated());
    } else {
      scheduled = { timer: timers.setTimeout(flushCreated, wait) };
    }
  }

  const isHeld = (id: number) => held.some((t) => t.id === id);

  // Checked on every event while tickets are held (messages included): the type first, no allocation.
  function concernsHeld(event: DomainEvent): boolean {
    if (event.type === 'ticket.updated' || event.type === 'sla.alert') return isHeld(event.ticket.id);
    if (event.type === 'sla.marked') return event.marks.some((m) => isHeld(m.id));
    return false;
  }

  // Waiting marks go to everyone on the desk. A lone one as the ticket's new state and its alert;
  // a backlog crossing a mark together as one frame naming the tickets (their new sla_state is the
  // mark's kind, nothing else changed), not two frames with the whole ticket each: with 200 agents
  // a sweep over 500 tickets wrote 200,000 frames.
  function slaMarked(event: Extract<DomainEvent, { type: 'sla.marked' }>) {
    const alerts = event.alerts.map((a) => ({ kind: event.kind, ticket: a.ticket, waited_seconds: a.waitedSeconds }));
    const [only] = alerts;
    if (event.marks.length === 1 && only) {
      io.to([rooms.staff, rooms.ticket(only.ticket.id)]).emit('ticket:updated', only.ticket, meta());
      io.to(rooms.staff).emit('sla:alert', only, meta());
    } else {
      io.to(rooms.staff).emit('sla:marks', { kind: event.kind, marks: event.marks, alerts }, meta());
    }
    onQueueChanged();
  }

  function handle(event: DomainEvent) {
    // A held ticket's later state (its assignment, an alert about it) never overtakes it.
    if (held.length && concernsHeld(event)) flushCreated();
    switch (event.type) {
      case 'ticket.created':
        held.push(event.ticket);
        if (!scheduled) scheduleCreated();
        onQueueChanged();
        return;
      case 'ticket.updated': {
        const { ticket } = event;
        if (event.scope === 'activity') {
          const targets = [rooms.supervisors, rooms.ticket(ticket.id)];
          if (ticket.assigned_agent_id) targets.push(rooms.user(ticket.assigned_agent_id));
          io.to(targets).emit('ticket:updated', ticket, meta());
          return;
        }
        io.to([rooms.staff, rooms.ticket(ticket.id)]).emit('ticket:updated', ticket, meta());
        if (ticket.status !== 'pending') {
          // Agents who opened it from the queue may no longer see it (canViewTicket): they leave its room.
          const keep = [rooms.supervisors, ...(ticket.assigned_agent_id ? [rooms.user(ticket.assigned_agent_id)] : [])];
          io.in(rooms.ticket(ticket.id)).except(keep).socketsLeave(rooms.ticket(ticket.id));
        }
        onQueueChanged();
        return;
      }
      case 'message.created':
      case 'message.updated': {
        const { message } = event;
        const targets = message.ticket_id ? [rooms.ticket(message.ticket_id)] : [];
        if (event.assigneeId) targets.push(rooms.user(event.assigneeId));
        if (!targets.length) return;
        const name = event.type === 'message.created' ? 'message:created' : 'message:updated';
        io.to(targets).emit(name, { message, ticket_id: message.ticket_id }, meta());
        return;
      }
      case 'presence.changed':
        if (event.user) io.to(rooms.staff).emit('presence:updated', event.user, meta());
        onQueueChanged();
        return;
      case 'sla.alert': {
        // An escalation: the agent holding the ticket and the supervisors.
        const targets: string[] = [rooms.supervisors];
        if (event.ticket.assigned_agent_id) targets.push(rooms.user(event.ticket.assigned_agent_id));
        io.to(targets).emit('sla:alert', { kind: event.kind, ticket: event.ticket, waited_seconds: event.waitedSeconds }, meta());
        return;
      }
      case 'sla.marked':
        slaMarked(event);
        return;
      case 'channel.updated':
        channelChanged(event.channel);
        return;
      case 'channel.link':
        // The QR links a device to the business number: admins only.
        io.to(rooms.admins).emit(
          'channel:link',
          { channel_id: event.channelId, qr: event.qr, pairing_code: event.pairingCode },
          meta(),
        );
        return;
      case 'messages.read':
      case 'agent.typing':
      case 'settings.changed':
        return;
      case 'user.updated':
        // Their tabs reconnect: refused if the account is disabled, into the new role's rooms otherwise.
        if (event.revoked || event.roleChanged) io.in(rooms.user(event.userId)).disconnectSockets(true);
        return;
      case 'outbound.queued':
        return;
    }
  }

  return { handle, meta, currentSeq: () => seq };
}
