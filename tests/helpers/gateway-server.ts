import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSend {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { to?: string; jid?: string; text?: string; message_id?: number; ticket_id?: number };
}

/**
 * A real HTTP server standing in for the seed's wa-baileys-service send endpoint.
 * It records what it receives and answers with `reply` (200 with a WhatsApp id by default).
 */
export async function startFakeGateway() {
  const received: ReceivedSend[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '' };
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as ReceivedSend['body'] });
      counter += 1;
      const body = reply.body || JSON.stringify({ id: `WA-${counter}` });
      res.writeHead(reply.status, { 'content-type': reply.status === 200 ? 'application/json' : 'text/plain' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    /** How the next requests are answered. */
    answer(status: number, body = '') {
      reply = { status, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;
