import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the external gateway's send endpoint (GATEWAY_SEND_URL), so the bot's
 * acknowledgement of every new ticket leaves through the outbox as it would in production.
 */
export async function startGatewaySink() {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sink-${received}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
