import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../lib/domain/views';
import { createFanOut } from '../../server/socket/fan-out';
import type { LoketServer } from '../../server/socket/types';
import { createManualTimers } from '../helpers/timers';

/** A stand-in for the Socket.IO server that records what goes to which rooms. */
function recordingServer() {
  const sent: { rooms: string[]; event: string; payload: unknown; seq: number }[] = [];
  const target = (rooms: string[]) => ({
    emit: (event: string, payload: unknown, meta: { seq: number }) => void sent.push({ rooms, event, payload, seq: meta.seq }),
    except: () => ({ socketsLeave: () => {} }),
    socketsLeave: () => {},
  });
  const io = { to: (r: string | string[]) => target([r].flat()), in: (r: string | string[]) => target([r].flat()) };
  return { io: io as unknown as LoketServer, sent };
}

const ticket = (id: number) => ({ id, status: 'pending', assigned_agent_id: null }) as unknown as TicketView;
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A fan-out on manual time: `advance` moves its clock and fires its timers. */
function fanOutOnManualTime(io: LoketServer, createdWindowMs = 10, busy = () => true) {
  let at = 1_000;
  const manual = createManualTimers({ advance: (ms) => void (at += ms) });
  const fanOut = createFanOut(io, () => {}, { timers: manual.timers, now: () => at, createdWindowMs, busy });
  return { fanOut, advance: manual.advance };
}

describe('new tickets to the staff sockets', () => {
  it('a lone new ticket goes out as ticket:created at the end of the turn', async () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(1) });
    await endOfTurn();
    expect(sent).toEqual([{ rooms: ['staff'], event: 'ticket:created', payload: ticket(1), seq: 1 }]);
  });

  it('tickets that become ready together leave as one tickets:created, in order, each exactly once', async () => {
    const { io, sent } = recordingServer();
    const { fanOut, advance } = fanOutOnManualTime(io);
    for (const id of [1, 2, 3]) fanOut.handle({ type: 'ticket.created', ticket: ticket(id) });
    await endOfTurn();
    advance(10);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(4) });
    await endOfTurn();
    expect(sent.map((s) => [s.event, s.payload])).toEqual([
      ['tickets:created', [ticket(1), ticket(2), ticket(3)]],
      ['ticket:created', ticket(4)],
    ]);
  });

  it('each new ticket comes with its first message (as ingest publishes them): the burst still leaves as one frame', async () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io);
    for (const id of [1, 2]) {
      fanOut.handle({ type: 'ticket.created', ticket: ticket(id) });
      const message = { id: 10 + id, ticket_id: id } as never;
      fanOut.handle({ type: 'message.created', message, assigneeId: null });
    }
    await endOfTurn();
    expect(sent.filter((s) => s.rooms.includes('staff')).map((s) => [s.event, s.payload])).toEqual([['tickets:created', [ticket(1), ticket(2)]]]);
  });

  it("a new ticket's later state (its assignment) never overtakes it", async () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(7) });
    fanOut.handle({ type: 'ticket.updated', ticket: { ...ticket(7), status: 'assigned' } as TicketView });
    await endOfTurn();
    expect(sent.map((s) => s.event)).toEqual(['ticket:created', 'ticket:updated']);
    expect(sent.map((s) => s.seq)).toEqual([1, 2]);
  });

  it('under load, new tickets leave at most once per window: the ones arriving within it wait for its end, together', async () => {
    const { io, sent } = recordingServer();
    const { fanOut, advance } = fanOutOnManualTime(io, 10);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(1) });
    await endOfTurn();
    expect(sent.map((s) => s.payload)).toEqual([ticket(1)]);
    advance(4);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(2) });
    await endOfTurn();
    advance(3);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(3) });
    await endOfTurn();
    expect(sent).toHaveLength(1); // 7 ms after the last frame: still inside its window
    advance(3);
    expect(sent.map((s) => [s.event, s.payload])).toEqual([
      ['ticket:created', ticket(1)],
      ['tickets:created', [ticket(2), ticket(3)]],
    ]);
    // A ticket after a quiet spell goes at the end of its turn again.
    advance(50);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(4) });
    await endOfTurn();
    expect(sent.at(-1)).toMatchObject({ event: 'ticket:created', payload: ticket(4) });
  });

  it('a held ticket is sent before its assignment even when the window has not ended', async () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io, 10);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(1) });
    await endOfTurn();
    fanOut.handle({ type: 'ticket.created', ticket: ticket(2) });
    fanOut.handle({ type: 'ticket.updated', ticket: { ...ticket(2), status: 'assigned' } as TicketView });
    expect(sent.map((s) => [s.event, (s.payload as TicketView).id])).toEqual([
      ['ticket:created', 1],
      ['ticket:created', 2],
      ['ticket:updated', 2],
    ]);
  });

  it('a desk with CPU to spare holds nothing: each ticket leaves at the end of its turn, window or not', async () => {
    const { io, sent } = recordingServer();
    let busy = false;
    const { fanOut, advance } = fanOutOnManualTime(io, 10, () => busy);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(1) });
    await endOfTurn();
    advance(4);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(2) });
    await endOfTurn();
    expect(sent.map((s) => [s.event, s.payload])).toEqual([
      ['ticket:created', ticket(1)],
      ['ticket:created', ticket(2)],
    ]);
    // Once busy, the window applies again.
    busy = true;
    advance(4);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(3) });
    await endOfTurn();
    expect(sent).toHaveLength(2);
    advance(6);
    expect(sent.at(-1)).toMatchObject({ event: 'ticket:created', payload: ticket(3) });
  });
});

describe('SLA marks and alerts to the staff sockets', () => {
  const mark = (id: number, waited: number) => ({ id, queued_at: `2026-01-05T08:00:0${id}.000Z`, waited_seconds: waited });
  const alertOf = (id: number, waitedSeconds: number) => ({ ticket: ticket(id), waitedSeconds });

  it('a backlog crossing the waiting mark leaves as one sla:marks frame naming the tickets, with the longest wait in full', () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io);
    const marks = [mark(1, 250), mark(2, 245), mark(3, 241), mark(4, 240)];
    fanOut.handle({ type: 'sla.marked', kind: 'warning', marks, alerts: [alertOf(1, 250)] });
    expect(sent).toEqual([
      { rooms: ['staff'], event: 'sla:marks', payload: { kind: 'warning', marks, alerts: [{ kind: 'warning', ticket: ticket(1), waited_seconds: 250 }] }, seq: 1 },
    ]);
  });

  it('a lone mark goes as ticket:updated (to its room too) and sla:alert, as one ticket always did', () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io);
    fanOut.handle({ type: 'sla.marked', kind: 'breached', marks: [mark(7, 300)], alerts: [alertOf(7, 300)] });
    expect(sent.map((s) => [s.rooms, s.event, s.payload])).toEqual([
      [['staff', 'ticket:7'], 'ticket:updated', ticket(7)],
      [['staff'], 'sla:alert', { kind: 'breached', ticket: ticket(7), waited_seconds: 300 }],
    ]);
  });

  it('an escalation goes only to the supervisors and the agent holding the ticket', () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io);
    const held = { ...ticket(9), status: 'assigned', assigned_agent_id: 4 } as unknown as TicketView;
    fanOut.handle({ type: 'sla.alert', kind: 'escalated', ticket: held, waitedSeconds: 600 });
    expect(sent).toEqual([{ rooms: ['supervisors', 'user:4'], event: 'sla:alert', payload: { kind: 'escalated', ticket: held, waited_seconds: 600 }, seq: 1 }]);
  });

  it('a new ticket still held for its window is sent before a mark about it', async () => {
    const { io, sent } = recordingServer();
    const { fanOut } = fanOutOnManualTime(io, 10);
    fanOut.handle({ type: 'ticket.created', ticket: ticket(1) });
    await endOfTurn();
    fanOut.handle({ type: 'ticket.created', ticket: ticket(2) });
    fanOut.handle({ type: 'sla.marked', kind: 'warning', marks: [mark(5, 240), mark(2, 240)], alerts: [alertOf(5, 240), alertOf(2, 240)] });
    expect(sent.map((s) => s.event)).toEqual(['ticket:created', 'ticket:created', 'sla:marks']);
  });
});
