import WebSocket from 'ws';

/** `42["name"`: the start of a Socket.IO event frame, as bytes. */
export const eventPrefix = (name: string) => Buffer.from(`42["${name}"`, 'latin1');

const HELLO = eventPrefix('session:hello');
const PING = 0x32; // Engine.IO "2"
const CONNECT_ERROR = Buffer.from('44', 'latin1');

export interface BareSocket {
  isOpen(): boolean;
  close(): void;
}

/**
 * A Socket.IO client reduced to what an agent socket in a benchmark must do: connect over a
 * plain WebSocket, authenticate with an API token (Socket.IO CONNECT), answer the server's pings,
 * and hand every later frame over as raw bytes, undecoded. The server does all it does for a
 * browser; the load generator spends next to nothing per frame, so the shared cores time the
 * server, not the generator (Engine.IO's client decoded every frame to a string and emitted it
 * through two emitters). Resolves on `session:hello`.
 */
export function connectBareSocket(baseUrl: string, token: string, onFrame: (frame: Buffer, at: number) => void, label: string): Promise<BareSocket> {
  const url = new URL('/socket.io/?EIO=4&transport=websocket', baseUrl.replace(/^http/, 'ws'));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    const socket: BareSocket = { isOpen: () => ws.readyState === WebSocket.OPEN, close: () => ws.close() };
    let ready = false;
    const fail = (why: string) => {
      clearTimeout(timer);
      ws.terminate();
      reject(new Error(`${label}: ${why}`));
    };
    const timer = setTimeout(() => fail('no session:hello within 10 s'), 10_000);
    ws.on('open', () => ws.send(`40${JSON.stringify({ token })}`));
    ws.on('message', (data: Buffer) => {
      if (data.length === 1 && data[0] === PING) {
        ws.send('3');
        return;
      }
      if (ready) {
        onFrame(data, performance.now());
      } else if (data.subarray(0, HELLO.length).equals(HELLO)) {
        ready = true;
        clearTimeout(timer);
        resolve(socket);
      } else if (data.subarray(0, 2).equals(CONNECT_ERROR)) {
        fail(`refused: ${data.toString('utf8', 0, 200)}`);
      }
    });
    ws.on('error', (error) => ready || fail(String(error)));
  });
}
