import { type BareSocket, connectBareSocket, eventPrefix } from '../lib/bare-socket';

/**
 * Many agent sockets that time every `ticket:created` frame, all of them, cheaply: each is a
 * bare WebSocket connection that does the Socket.IO handshake with an API token and reads the
 * customer's phone out of the frame text, without decoding the JSON. 1,000 full Socket.IO
 * clients would spend more of the shared 2 cores than the server under test, and we would time
 * the load generator. The same clients connect to Loket and to the floor.
 */
export async function connectFanOutSockets(
  baseUrl: string,
  tokens: readonly string[],
  total: number,
  onTicket: (phone: string, socket: number, at: number) => void,
) {
  const sockets: BareSocket[] = [];
  const created = eventPrefix('ticket:created');
  const phoneIn = /"customer_phone":"(\d+)"/;
  const connectOne = (index: number) =>
    connectBareSocket(
      baseUrl,
      tokens[index % tokens.length] as string,
      (frame, at) => {
        if (!frame.subarray(0, created.length).equals(created)) return;
        const phone = phoneIn.exec(frame.toString('utf8'))?.[1];
        if (phone) onTicket(phone, index, at);
      },
      `socket ${index}`,
    );
  // Ten handshakes at a time: quick, without a thundering herd at the server.
  for (let i = 0; i < total; i += 10) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(10, total - i) }, (_, k) => connectOne(i + k)))));
  }
  return {
    connected: () => sockets.filter((s) => s.isOpen()).length,
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}
