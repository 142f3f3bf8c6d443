import { apiRoute, readJson } from '@/lib/http/api-route';
import { getSettings, updateSettings, whatsappSettings } from '@/lib/domain/settings';

export const dynamic = 'force-dynamic';

/** Read receipts on opening a ticket; the pause between two messages leaving one number. */
export const GET = apiRoute({ roles: ['admin'] }, async ({ runtime }) => ({
  whatsapp: await getSettings(runtime.ctx.db, whatsappSettings),
}));

export const PUT = apiRoute({ roles: ['admin'] }, async ({ req, runtime }) => {
  const input = await readJson(req, whatsappSettings.schema);
  return { whatsapp: await updateSettings(runtime.ctx.db, whatsappSettings, input, runtime.ctx.clock.now()) };
});
