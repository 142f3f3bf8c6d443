import { io, type Socket } from 'socket.io-client';

export interface TicketArrival {
  phone: string;
  socket: number;
  at: number;
}

/**
 * Agent sockets authenticated by API token, websocket only. Every `ticket:created` is handed
 * to `onTicket` with the time it arrived in this process.
 */
export async function connectAgents(baseUrl: string, tokens: readonly string[], count: number, onTicket: (arrival: TicketArrival) => void) {
  const sockets: Socket[] = [];
  const connectOne = (index: number) =>
    new Promise<Socket>((resolve, reject) => {
      const token = tokens[index % tokens.length];
      const socket = io(baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: 10_000 });
      const timer = setTimeout(() => reject(new Error(`agent socket ${index} got no session:hello within 10 s`)), 10_000);
      socket.on('ticket:created', (ticket: { customer_phone: string | null }) => {
        const at = performance.now();
        if (ticket.customer_phone) onTicket({ phone: ticket.customer_phone, socket: index, at });
      });
      socket.once('session:hello', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(new Error(`agent socket ${index} refused: ${error.message}`));
      });
    });
  for (let i = 0; i < count; i++) sockets.push(await connectOne(i));
  return {
    sockets,
    connectedCount: () => sockets.filter((s) => s.connected).length,
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}

export type AgentSockets = Awaited<ReturnType<typeof connectAgents>>;
