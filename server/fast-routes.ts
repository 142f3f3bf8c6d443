import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleGatewayWebhook, MAX_WEBHOOK_BYTES } from '../lib/gateway/handle-webhook';
import { SIGNATURE_HEADER } from '../lib/gateway/signature';
import { type ApiAnswer, answerForError, authorize } from '../lib/http/api-guard';
import { claimAnswer } from '../lib/http/claim-answer';
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

/** Exactly the claim path with a numeric id; anything else (a query string too) is Next's. */
const CLAIM_PATH = /^\/api\/tickets\/(\d+)\/claim$/;

/**
 * A claim, as app/api/tickets/[id]/claim/route.ts answers it (same checks, same bodies). The 100
 * claims of a race queue on this one process, so the last answer waits for all the others' CPU.
 */
async function answerClaim(runtime: Runtime, req: IncomingMessage, id: string): Promise<ApiAnswer> {
  try {
    const { actor, refusal } = await authorize(runtime, 'POST', req.headers);
    if (refusal) return refusal;
    return { status: 200, body: await claimAnswer(runtime, actor, id) };
  } catch (error) {
    return answerForError(error);
  }
}

/**
 * The gateway webhook is the hot path (every customer message) and claims come 100 at once:
 * both are answered here, before Next's router, which costs ~3 ms of CPU per request
 * (bench/RESULTS.md). Returns false for every other request.
 */
export function createFastRoutes(runtime: Runtime, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'POST') return false;
    const claim = CLAIM_PATH.exec(req.url ?? '');
    if (claim) {
      req.resume(); // a claim has no body: whatever came is dropped, and the connection stays usable
      const answer = await answerClaim(runtime, req, claim[1]!);
      sendJson(res, answer.status, answer.body);
      return true;
    }
    if (req.url !== '/api/webhooks/baileys') return false;
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
