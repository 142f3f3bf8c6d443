import { getBoardSnapshot } from '../../lib/domain/board';
import type { DomainContext } from '../../lib/domain/context';
import type { DomainEvent } from '../../lib/realtime/bus';
import { type EventMeta, rooms } from '../../lib/realtime/events';
import { coalesce, type Timers } from './coalesce';
import type { LoketServer, LoketSocket } from './types';

/** What can move a number on the board: tickets' lifecycle, people, numbers, the settings it reads. */
export function changesBoard(event: DomainEvent): boolean {
  switch (event.type) {
    case 'ticket.created':
    case 'presence.changed':
    case 'sla.alert':
    case 'sla.marked':
    case 'channel.updated':
    case 'user.updated':
      return true;
    case 'ticket.updated':
      return event.scope !== 'activity';
    case 'settings.changed':
      return event.group === 'team' || event.group === 'sla';
    default:
      return false;
  }
}

export interface BoardPushOptions {
  /** Changes are gathered this long before one board goes out (the contract: at most one per ~250 ms). */
  delayMs?: number;
  timers: Timers;
  /** The hub's event meta (its own sequence), as every push carries. */
  meta: () => EventMeta;
}

/**
 * `board:updated` to supervisors and admins: recomputed after a change, coalesced, numbered by
 * the board's own sequence (+1 per push, so a client that sees a gap refetches GET /api/board).
 */
export function createBoardPush(io: LoketServer, ctx: DomainContext, options: BoardPushOptions) {
  let seq = 0;
  const snapshot = (at: number) => getBoardSnapshot(ctx.db, { now: ctx.clock.now(), seq: at });

  const push = coalesce(
    async () => {
      // Nobody watching: no query, and no number used up.
      if (!io.sockets.adapter.rooms.get(rooms.supervisors)?.size) return;
      const board = await snapshot(seq + 1);
      seq = board.seq;
      io.to(rooms.supervisors).emit('board:updated', board, options.meta());
    },
    options.delayMs ?? 250,
    options.timers,
  );

  return {
    /** For the bus: schedules a push when the event moves the board. */
    handle(event: DomainEvent) {
      if (changesBoard(event)) push.request();
    },
    /** A supervisor's new socket: the board as it is now, under the current number (not a new push). */
    async greet(socket: LoketSocket) {
      const board = await snapshot(seq);
      board.seq = seq;
      socket.emit('board:updated', board, options.meta());
    },
    currentSeq: () => seq,
    cancel: () => push.cancel(),
  };
}

export type BoardPush = ReturnType<typeof createBoardPush>;
