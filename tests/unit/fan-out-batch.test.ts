import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../lib/domain/views';
import { createFanOut } from '../../server/socket/fan-out';
import type { LoketServer } from '../../server/socket/types';

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

describe('new tickets to the staff sockets', () => {
  it('a lone new ticket goes out as ticket:created at the end of the turn', async () => {
    const { io, sent } = recordingServer();
    const fanOut = createFanOut(io, () => {});
    fanOut.handle({ type: 'ticket.created', ticket: ticket(1) });
    await endOfTurn();
    expect(sent).toEqual([{ rooms: ['staff'], event: 'ticket:created', payload: ticket(1), seq: 1 }]);
  });

  it('tickets that become ready together leave as one tickets:created, in order, each exactly once', async () => {
    const { io, sent } = recordingServer();
    const fanOut = createFanOut(io, () => {});
    for (const id of [1, 2, 3]) fanOut.handle({ type: 'ticket.created', ticket: ticket(id) });
    await endOfTurn();
    fanOut.handle({ type: 'ticket.created', ticket: ticket(4) });
    await endOfTurn();
    expect(sent.map((s) => [s.event, s.payload])).toEqual([
      ['tickets:created', [ticket(1), ticket(2), ticket(3)]],
      ['ticket:created', ticket(4)],
    ]);
  });

  it('each new ticket comes with its first message (as ingest publishes them): the burst still leaves as one frame', async () => {
    const { io, sent } = recordingServer();
    const fanOut = createFanOut(io, () => {});
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
    const fanOut = createFanOut(io, () => {});
    fanOut.handle({ type: 'ticket.created', ticket: ticket(7) });
    fanOut.handle({ type: 'ticket.updated', ticket: { ...ticket(7), status: 'assigned' } as TicketView });
    await endOfTurn();
    expect(sent.map((s) => s.event)).toEqual(['ticket:created', 'ticket:updated']);
    expect(sent.map((s) => s.seq)).toEqual([1, 2]);
  });
});
