import { apiRoute, readJson } from '@/lib/http/api-route';
import { botSettingsSchema, getBotSettings, updateBotSettings } from '@/lib/domain/settings';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ roles: ['admin'] }, async ({ runtime }) => ({ bot: await getBotSettings(runtime.ctx.db) }));

export const PUT = apiRoute({ roles: ['admin'] }, async ({ req, runtime }) => {
  const input = await readJson(req, botSettingsSchema);
  return { bot: await updateBotSettings(runtime.ctx.db, input, runtime.ctx.clock.now()) };
});
