import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { resolveActor } from '../../lib/auth/actor';
import { isSupervisor } from '../../lib/domain/context';
import { markConnected, ticketsTakenSince, touchPresence } from '../../lib/domain/presence';
import { countOpenTickets, countPresence } from '../../lib/domain/queue-counts';
import type { CustomerSideMessage } from '../../lib/domain/views';
import { rooms } from '../../lib/realtime/events';
import type { Runtime } from '../../lib/runtime';
import { createBoardPush } from './board-push';
import { coalesce, realTimers, type Timers } from './coalesce';
import { createFanOut } from './fan-out';
import { registerHandlers } from './handlers';
import { createLoadGauge } from './load-gauge';
import { createPresence } from './presence';
import type { LoketServer, LoketSocket } from './types';

export interface HubOptions {
  /** How long queue-count pushes are gathered before one goes out. */
  countsDelayMs?: number;
  /** How long board changes are gathered before one `board:updated` goes out. */
  boardDelayMs?: number;
  timers?: Timers;
  /** How often connected users are marked as seen (the offline grace period runs from the last mark). */
  heartbeatMs?: number;
}

function handshakeHeaders(socket: LoketSocket): Headers {
  const headers = new Headers();
  const token: unknown = socket.handshake.auth?.token;
  if (typeof token === 'string' && token) headers.set('authorization', `Bearer ${token}`);
  else if (socket.request.headers.cookie) headers.set('cookie', socket.request.headers.cookie);
  return headers;
}

/** Socket.IO on the app's HTTP server: authenticated handshakes, rooms by role, events from the domain. */
export function createSocketHub(httpServer: HttpServer, runtime: Runtime, options: HubOptions = {}) {
  // No connection-state recovery: Socket.IO keeps every broadcast packet for its whole window
  // (and up to a minute past it) to replay to a returning socket. At 200 new tickets a second that
  // kept the old generation growing, and each major GC held new tickets up by 25–80 ms
  // (bench/RESULTS.md). A returning tab sees from `session:hello` that it was not recovered and
  // refetches what it shows, as it must after a restart or a longer absence anyway.
  const io: LoketServer = new Server(httpServer);
  const { ctx } = runtime;
  const presence = createPresence();

  const counts = coalesce(
    async () => {
      // Nobody to tell: skip the query (bursts would otherwise count the queue 20 times a second).
      if (!io.sockets.adapter.rooms.get(rooms.supervisors)?.size) return;
      const [open, people] = await Promise.all([countOpenTickets(ctx.db), countPresence(ctx.db)]);
      io.to(rooms.supervisors).emit('queue:counts', { ...open, ...people }, fanOut.meta());
    },
    options.countsDelayMs ?? 50,
    options.timers ?? realTimers,
  );
  const fanOut = createFanOut(io, counts.request, { busy: createLoadGauge().busy });
  const board = createBoardPush(io, ctx, { delayMs: options.boardDelayMs, timers: options.timers ?? realTimers, meta: fanOut.meta });
  const unsubscribe = ctx.bus.subscribe(fanOut.handle);
  const unsubscribeBoard = ctx.bus.subscribe(board.handle);

  io.use(async (socket, next) => {
    try {
      const actor = await resolveActor(runtime, handshakeHeaders(socket));
      if (!actor) return next(new Error('unauthorized'));
      socket.data.actor = actor;
      next();
    } catch (error) {
      ctx.logger.warn({ err: error }, 'socket handshake failed');
      next(new Error('unauthorized'));
    }
  });

  io.on('connection', async (socket) => {
    const { actor } = socket.data;
    if (!socket.recovered) {
      const joined = [rooms.staff, rooms.user(actor.id)];
      if (isSupervisor(actor)) joined.push(rooms.supervisors);
      if (actor.role === 'admin') joined.push(rooms.admins);
      await socket.join(joined);
    }
    const arrival = presence.connect(actor.id, actor.role) ? recordArrival(actor.id) : Promise.resolve(null);
    socket.on('disconnect', () => {
      // The last tab here closed: the grace period before "offline" starts now.
      if (presence.disconnect(actor.id)) void touchPresence(ctx, [actor.id]).catch(() => {});
    });
    registerHandlers(socket, runtime, emitToCustomer);
    // Hello waits until the arrival is recorded: the team a desk fetches on hello then counts its
    // own agent online (sent before, the fetch could read "offline" and the push miss the desk).
    const offlineSince = await arrival;
    socket.emit('session:hello', {
      user: actor,
      seq: fanOut.currentSeq(),
      recovered: socket.recovered,
      simulator: Boolean(runtime.channels.simulator),
    });
    if (offlineSince) void tellWhatMoved(socket, offlineSince);
    if (isSupervisor(actor)) {
      counts.request();
      void board.greet(socket).catch((error) => ctx.logger.warn({ err: error }, 'could not send the board'));
    }
  });

  function emitToCustomer(phone: string, message: CustomerSideMessage) {
    io.to(rooms.simulator(phone)).emit('simulator:message', { phone, message }, fanOut.meta());
  }

  function emitTypingToCustomer(phone: string) {
    io.to(rooms.simulator(phone)).emit('simulator:typing', { phone, typing: true }, fanOut.meta());
  }

  /** First tab of this user here: online again. Returns since when they were offline, if they were. */
  async function recordArrival(userId: number): Promise<Date | null> {
    try {
      return (await markConnected(ctx, userId)).offlineSince;
    } catch (error) {
      ctx.logger.warn({ err: error, userId }, 'could not record presence');
      return null;
    }
  }

  /** Back after being offline: told what happened to their tickets meanwhile. */
  async function tellWhatMoved(socket: LoketSocket, offlineSince: Date) {
    try {
      const moved = await ticketsTakenSince(ctx, socket.data.actor.id, offlineSince);
      if (moved.length) socket.emit('notice', { kind: 'tickets_moved', tickets: moved }, fanOut.meta());
    } catch (error) {
      ctx.logger.warn({ err: error, userId: socket.data.actor.id }, 'could not tell what moved');
    }
  }

  const timers = options.timers ?? realTimers;
  let heartbeat: unknown = null;
  const beat = () => {
    heartbeat = timers.setTimeout(() => {
      void touchPresence(ctx, presence.userIds())
        .catch((error) => ctx.logger.warn({ err: error }, 'presence heartbeat failed'))
        .finally(beat);
    }, options.heartbeatMs ?? 20_000);
  };
  beat();

  return {
    io,
    presence,
    board,
    emitToCustomer,
    emitTypingToCustomer,
    socketCount: () => io.engine.clientsCount,
    async close() {
      unsubscribe();
      unsubscribeBoard();
      counts.cancel();
      board.cancel();
      if (heartbeat !== null) timers.clearTimeout(heartbeat);
      await io.close();
    },
  };
}

export type SocketHub = ReturnType<typeof createSocketHub>;
