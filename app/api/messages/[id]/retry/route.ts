import { apiRoute, parseId } from '@/lib/http/api-route';
import { retryMessage } from '@/lib/domain/messages';

export const dynamic = 'force-dynamic';

/** Puts a failed outbound message back in the outbox. */
export const POST = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  status: 'queued',
  message: await retryMessage(runtime.ctx, { messageId: parseId(params.id, 'Message'), actor }),
}));
