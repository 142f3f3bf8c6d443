import { Agent, request } from 'node:http';

export interface TimedResponse {
  /** performance.now() just before the request was written. */
  tSend: number;
  /** performance.now() when the whole body had arrived. */
  tDone: number;
  /** 0 when the request failed without an HTTP answer. */
  status: number;
  body: string;
  error?: string;
}

/**
 * One API user on one keep-alive connection (maxSockets 1), as a browser tab or script of
 * one agent would be. Idle sockets are dropped after 4 s, before the server's 5 s keep-alive
 * timeout could close one under a request.
 */
export function createApiClient(baseUrl: string, token: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, timeout: 4_000 });

  /** Never rejects: a network failure comes back as status 0 with `error`. */
  function send(method: string, path: string, body?: unknown): Promise<TimedResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    } else if (method !== 'GET') headers['content-length'] = 0;
    return new Promise((resolve) => {
      let tSend = Number.NaN;
      const fail = (error: Error) => resolve({ tSend, tDone: performance.now(), status: 0, body: '', error: error.message });
      const req = request(new URL(path, baseUrl), { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ tSend, tDone: performance.now(), status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      });
      req.on('error', fail);
      tSend = performance.now();
      req.end(payload);
    });
  }

  return { send, close: () => agent.destroy() };
}

export type ApiClient = ReturnType<typeof createApiClient>;
