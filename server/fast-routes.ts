import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleGatewayWebhook, MAX_WEBHOOK_BYTES } from '../lib/gateway/handle-webhook';
import { SIGNATURE_HEADER } from '../lib/gateway/signature';
import type { Logger } from '../lib/logger';
import type { Runtime } from '../lib/runtime';

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/**
 * The gateway webhook is the hot path (every customer message): it is answered here,
 * before Next's router, which costs ~3 ms of CPU per request (bench/RESULTS.md).
 * Returns false for every other request.
 */
export function createFastRoutes(runtime: Runtime, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'POST' || req.url !== '/api/webhooks/baileys') return false;
    try {
      const raw = await readBody(req, MAX_WEBHOOK_BYTES);
      if (raw === null) {
        sendJson(res, 413, { error: { code: 'body_too_large', message: 'The body is larger than 256 KiB.' } });
        return true;
      }
      const signature = req.headers[SIGNATURE_HEADER];
      const answer = await handleGatewayWebhook(runtime, raw, typeof signature === 'string' ? signature : null);
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      logger.error({ err: error }, 'gateway webhook failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    }
    return true;
  };
}
