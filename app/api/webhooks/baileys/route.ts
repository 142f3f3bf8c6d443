import { jsonError, errorResponse } from '@/lib/http/api-route';
import { gatewayWebhookSchema } from '@/lib/gateway/webhook-body';
import { SIGNATURE_HEADER, verifySignature } from '@/lib/gateway/signature';
import { ingestInboundMessage } from '@/lib/domain/ingest';
import { parseCustomerAddress } from '@/lib/domain/jid';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Inbound messages from the external gateway (the seed's wa-baileys-service).
 * Signed with HMAC-SHA256 over the raw body; idempotent on the message id.
 */
export async function POST(req: Request) {
  try {
    const runtime = getRuntime();
    const secret = runtime.config.gatewayWebhookSecret;
    if (!secret) return jsonError(503, 'webhook_disabled', 'GATEWAY_WEBHOOK_SECRET is not set, so the gateway webhook is off.');
    const raw = await req.text();
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return jsonError(413, 'body_too_large', 'The body is larger than 256 KiB.');
    if (!verifySignature(raw, req.headers.get(SIGNATURE_HEADER), secret)) {
      return jsonError(401, 'invalid_signature', 'X-Loket-Signature is missing or does not match the body.');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return jsonError(400, 'invalid_json', 'The body must be valid JSON.');
    }
    const body = gatewayWebhookSchema.parse(json);
    const from = parseCustomerAddress(body.from);
    if ('error' in from) return jsonError(400, 'invalid_request', `from: ${from.error}`);
    const result = await ingestInboundMessage(runtime.ctx, {
      channelId: runtime.channels.gateway.id,
      externalId: body.id,
      from,
      name: body.name,
      text: body.text,
      sentAt: body.timestamp ? new Date(body.timestamp * 1000) : undefined,
    });
    return Response.json({
      status: 'ok',
      ticket_id: result.ticket.id,
      message_id: result.message.id,
      duplicate: result.duplicate,
      ticket_created: result.ticketCreated,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
