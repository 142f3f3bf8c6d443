import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/http/api-route';
import { setPresence } from '@/lib/domain/presence';

export const dynamic = 'force-dynamic';

const body = z.object({ presence: z.enum(['online', 'away']) });

/** "I'm away" / "I'm back". Offline is not chosen: it is what closing every tab becomes. */
export const POST = apiRoute({}, async ({ req, actor, runtime }) => {
  const { presence } = await readJson(req, body);
  await setPresence(runtime.ctx, actor.id, presence);
  return { presence };
});
