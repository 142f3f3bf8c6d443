import { ZodError } from 'zod';
import { ingestInboundMessage } from '../domain/ingest';
import { DomainError } from '../domain/errors';
import { parseCustomerAddress } from '../domain/jid';
import type { Runtime } from '../runtime';
import { verifySignature } from './signature';
import { gatewayWebhookSchema } from './webhook-body';

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

const fail = (status: number, code: string, message: string): WebhookAnswer => ({
  status,
  body: { error: { code, message } },
});

/**
 * The gateway's inbound message (the seed's wa-baileys-service): signature, body, ingest.
 * Served both by the custom server's fast path and by the Next route.
 */
export async function handleGatewayWebhook(runtime: Runtime, raw: string, signature: string | null): Promise<WebhookAnswer> {
  const secret = runtime.config.gatewayWebhookSecret;
  if (!secret) return fail(503, 'webhook_disabled', 'GATEWAY_WEBHOOK_SECRET is not set, so the gateway webhook is off.');
  if (Buffer.byteLength(raw) > MAX_WEBHOOK_BYTES) return fail(413, 'body_too_large', 'The body is larger than 256 KiB.');
  if (!verifySignature(raw, signature, secret)) {
    return fail(401, 'invalid_signature', 'X-Loket-Signature is missing or does not match the body.');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail(400, 'invalid_json', 'The body must be valid JSON.');
  }
  const parsed = gatewayWebhookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const body = parsed.data;
  const from = parseCustomerAddress(body.from);
  if ('error' in from) return fail(400, 'invalid_request', `from: ${from.error}`);
  try {
    const result = await ingestInboundMessage(runtime.ctx, {
      channel: runtime.channels.gateway,
      externalId: body.id,
      from,
      name: body.name,
      text: body.text,
      sentAt: body.timestamp ? new Date(body.timestamp * 1000) : undefined,
    });
    return {
      status: 200,
      body: {
        status: 'ok',
        ticket_id: result.ticket.id,
        message_id: result.message.id,
        duplicate: result.duplicate,
        ticket_created: result.ticketCreated,
      },
    };
  } catch (error) {
    if (error instanceof DomainError) return fail(error.status, error.code, error.message);
    if (error instanceof ZodError) return fail(400, 'invalid_request', error.issues[0]?.message ?? 'invalid');
    throw error;
  }
}
