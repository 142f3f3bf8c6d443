import { Socket as EngineSocket } from 'engine.io-client';

/**
 * Many agent sockets that time every `ticket:created` frame, all of them, cheaply: each is a
 * bare Engine.IO connection that does the Socket.IO handshake with an API token and reads the
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
  const sockets: EngineSocket[] = [];
  const phoneIn = /"customer_phone":"(\d+)"/;
  const connectOne = (index: number) =>
    new Promise<EngineSocket>((resolve, reject) => {
      const token = tokens[index % tokens.length] as string;
      const socket = new EngineSocket(baseUrl, { transports: ['websocket'], path: '/socket.io/' });
      const timer = setTimeout(() => reject(new Error(`socket ${index} got no session:hello within 10 s`)), 10_000);
      socket.on('open', () => socket.send(`0${JSON.stringify({ token })}`)); // Socket.IO CONNECT with auth
      socket.on('message', (data) => {
        const at = performance.now();
        const text = typeof data === 'string' ? data : '';
        if (text.startsWith('2["ticket:created"')) {
          const phone = phoneIn.exec(text)?.[1];
          if (phone) onTicket(phone, index, at);
        } else if (text.startsWith('2["session:hello"')) {
          clearTimeout(timer);
          resolve(socket);
        } else if (text.startsWith('4')) {
          clearTimeout(timer);
          reject(new Error(`socket ${index} refused: ${text.slice(0, 200)}`));
        }
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`socket ${index}: ${String(error)}`));
      });
    });
  // Ten handshakes at a time: quick, without a thundering herd at the server.
  for (let i = 0; i < total; i += 10) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(10, total - i) }, (_, k) => connectOne(i + k)))));
  }
  return {
    connected: () => sockets.filter((s) => s.readyState === 'open').length,
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}
