// Browser only: the one Socket.IO connection of a signed-in tab.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventMeta, ServerToClientEvents } from './events';
import { clearMovedTickets, recordNotice } from './moved-notices';

export type LoketClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LoketClientSocket | null = null;
let lastSeq = 0;

const isMeta = (value: unknown): value is EventMeta =>
  typeof value === 'object' && value !== null && typeof (value as EventMeta).seq === 'number';

/** Same origin, default path; the session cookie rides along with the handshake. */
export function getSocket(): LoketClientSocket {
  if (!socket) {
    socket = io({ withCredentials: true });
    socket.onAny((_event: string, ...args: unknown[]) => {
      const meta = args.at(-1);
      if (isMeta(meta)) lastSeq = Math.max(lastSeq, meta.seq);
    });
    // Sent once on connect, maybe before any component listens: kept in a store instead.
    socket.on('notice', recordNotice);
  }
  return socket;
}

/** The highest event sequence this tab has seen (the hub numbers every push). */
export function lastSeenSeq(): number {
  return lastSeq;
}

/** On sign-out: the next user of this tab must not inherit the old session's rooms. */
export function closeSocket(): void {
  socket?.disconnect();
  socket = null;
  lastSeq = 0;
  clearMovedTickets();
}
