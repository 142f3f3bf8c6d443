import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, async ({ actor, runtime }) => ({
  user: actor,
  simulator: Boolean(runtime.channels.simulator),
}));
