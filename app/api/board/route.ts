import { apiRoute } from '@/lib/http/api-route';
import { getBoardSnapshot } from '@/lib/domain/board';

export const dynamic = 'force-dynamic';

/** The supervisor's board, for a first paint or after a gap in `board:updated`; then it is pushed. */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ runtime }) =>
  getBoardSnapshot(runtime.ctx.db, { now: runtime.ctx.clock.now(), seq: runtime.boardSeq?.() ?? 0 }),
);
