import { sql } from 'drizzle-orm';
import { hasRuntime, getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Public liveness and readiness: is the database answering? */
export async function GET() {
  if (!hasRuntime()) return Response.json({ status: 'starting' }, { status: 503 });
  const runtime = getRuntime();
  const started = performance.now();
  try {
    await runtime.ctx.db.execute(sql`select 1`);
  } catch {
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503 });
  }
  return Response.json({
    status: 'ok',
    database: runtime.database.kind,
    database_ms: Math.round((performance.now() - started) * 100) / 100,
    uptime_s: Math.round((Date.now() - runtime.startedAt.getTime()) / 1000),
    simulator: Boolean(runtime.channels.simulator),
  });
}
