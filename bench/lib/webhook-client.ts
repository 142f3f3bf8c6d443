import { Agent, request } from 'node:http';
import { signBody, SIGNATURE_HEADER } from '../../lib/gateway/signature';

export interface WebhookTiming {
  /** performance.now() just before the request is written. */
  tSend: number;
  /** performance.now() when the response headers arrived. */
  tResponse: number;
  /** 0 when the request failed without an HTTP answer. */
  status: number;
  body: string;
  error?: string;
}

export interface WebhookMessage {
  id: string;
  from: string;
  name: string;
  text: string;
  timestamp: number;
}

/**
 * Signed POSTs to /api/webhooks/baileys over keep-alive connections. No cap on sockets, so an
 * open-loop schedule is never held back by a slow response (it opens another connection).
 * Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them
 * under a request (ECONNRESET); without `timeout` Node ignores the server's Keep-Alive hint.
 */
export function createWebhookClient(baseUrl: string, secret: string) {
  const url = new URL('/api/webhooks/baileys', baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256, timeout: 4_000 });

  /** Never rejects: a network failure comes back as status 0 with `error`. */
  function post(message: WebhookMessage): Promise<WebhookTiming> {
    const body = JSON.stringify(message);
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      [SIGNATURE_HEADER]: signBody(body, secret),
    };
    return new Promise((resolve) => {
      let tSend = Number.NaN;
      const fail = (error: Error) => resolve({ tSend, tResponse: performance.now(), status: 0, body: '', error: error.message });
      const req = request(url, { method: 'POST', agent, headers }, (res) => {
        const tResponse = performance.now();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ tSend, tResponse, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      });
      req.on('error', fail);
      tSend = performance.now();
      req.end(body);
    });
  }

  return { post, close: () => agent.destroy() };
}

export type WebhookClient = ReturnType<typeof createWebhookClient>;
