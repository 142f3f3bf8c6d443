import { z } from 'zod';
import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { createReply, MAX_TEXT_LENGTH } from '@/lib/domain/messages';

export const dynamic = 'force-dynamic';

const body = z.object({
  text: z
    .string({ error: 'text is required' })
    .trim()
    .min(1, 'text cannot be empty')
    .max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters`),
  client_id: z.string().trim().min(8).max(100).optional(),
});

/** Stores the reply as queued and returns it; the outbox sends it. */
export const POST = apiRoute<{ id: string }>({}, async ({ req, actor, params, runtime }) => {
  const ticketId = parseId(params.id, 'Ticket');
  const input = await readJson(req, body);
  const message = await createReply(runtime.ctx, { ticketId, actor, text: input.text, clientId: input.client_id });
  return Response.json({ status: 'queued', message }, { status: 201 });
});
