import type { Server, Socket } from 'socket.io';
import type { Actor } from '../../lib/domain/context';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/realtime/events';

export interface SocketData {
  actor: Actor;
}

export type LoketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LoketSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
