import { apiRoute } from '@/lib/http/api-route';
import { claimAnswer } from '@/lib/http/claim-answer';

export const dynamic = 'force-dynamic';

// Claims are usually answered before Next's router (server/fast-routes.ts), by the same code;
// this serves the ones that path leaves to Next (with a query string, say).
export const POST = apiRoute<{ id: string }>({}, ({ actor, params, runtime }) => claimAnswer(runtime, actor, params.id));
