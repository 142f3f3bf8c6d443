import { io, type Socket } from 'socket.io-client';
import { type BareSocket, connectBareSocket } from './bare-socket';

/** Which event a scenario times, and the key (phone, external id) that ties it to a sent message. */
export interface Listen {
  event: string;
  /** The same events in a batch (an array payload), e.g. `tickets:created`. */
  batchEvent?: string;
  key(payload: unknown): string | null;
}

export interface AgentSocketsOptions {
  /** Sockets connected in all (every one joins the staff room and receives the events). */
  total: number;
  /** How many of them are full Socket.IO clients whose arrivals are timed, spread over the join order. */
  measured: number;
  listen: Listen;
  onArrival(key: string, measuredIndex: number, at: number): void;
}

/**
 * Agent sockets authenticated by API token, websocket only. The measured ones are real
 * Socket.IO clients. The others are bare WebSocket connections that take part in the
 * Socket.IO handshake and receive every frame the server writes, but do not decode it:
 * 200 decoding clients would cost the shared 2-core machine more CPU than the server under
 * test, and we would be timing the load generator.
 */
export async function connectAgents(baseUrl: string, token: string, options: AgentSocketsOptions) {
  const measuredAt = new Set<number>();
  for (let k = 0; k < options.measured; k++) {
    measuredAt.add(options.measured === 1 ? 0 : Math.round((k * (options.total - 1)) / (options.measured - 1)));
  }
  const measured: Socket[] = [];
  const passive: BareSocket[] = [];

  const connectMeasured = (index: number) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: 10_000, forceNew: true });
      const timer = setTimeout(() => reject(new Error(`agent socket ${index} got no session:hello within 10 s`)), 10_000);
      socket.on(options.listen.event, (payload: unknown) => {
        const at = performance.now();
        const key = options.listen.key(payload);
        if (key !== null) options.onArrival(key, index, at);
      });
      const { batchEvent } = options.listen;
      if (batchEvent) {
        socket.on(batchEvent, (payloads: unknown[]) => {
          const at = performance.now();
          for (const payload of payloads) {
            const key = options.listen.key(payload);
            if (key !== null) options.onArrival(key, index, at);
          }
        });
      }
      socket.once('session:hello', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(new Error(`agent socket ${index} refused: ${error.message}`));
      });
    });

  const connectPassive = (index: number) =>
    connectBareSocket(baseUrl, token, () => {}, `passive socket ${index}`);

  for (let i = 0; i < options.total; i++) {
    if (measuredAt.has(i)) measured.push(await connectMeasured(measured.length));
    else passive.push(await connectPassive(i));
  }
  return {
    measured,
    /** Joins a measured socket to a ticket's room, as an agent who opened the ticket. */
    async watch(measuredIndex: number, ticketId: number) {
      const reply = (await measured[measuredIndex]?.timeout(10_000).emitWithAck('ticket:watch', ticketId)) as { ok: boolean } | undefined;
      if (!reply?.ok) throw new Error(`ticket:watch ${ticketId} refused: ${JSON.stringify(reply)}`);
    },
    connectedCount: () => measured.filter((s) => s.connected).length + passive.filter((s) => s.isOpen()).length,
    close() {
      for (const socket of measured) socket.close();
      for (const socket of passive) socket.close();
    },
  };
}

export type AgentSockets = Awaited<ReturnType<typeof connectAgents>>;
