import { apiRoute } from '@/lib/http/api-route';
import { listAgents } from '@/lib/domain/agents';

export const dynamic = 'force-dynamic';

/** Who is online, away or offline, and how many tickets each holds (for transfers and the board). */
export const GET = apiRoute({}, async ({ runtime }) => ({ agents: await listAgents(runtime.ctx.db) }));
