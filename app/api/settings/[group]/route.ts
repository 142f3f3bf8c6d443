import { apiRoute, readJson } from '@/lib/http/api-route';
import { notFound } from '@/lib/domain/errors';
import type { z } from 'zod';
import { getSettings, type SettingGroup, settingGroups, updateSettings } from '@/lib/domain/settings';

export const dynamic = 'force-dynamic';

function groupOf(name: string): SettingGroup<z.ZodRawShape> {
  if (!Object.hasOwn(settingGroups, name)) throw notFound('Settings group');
  return settingGroups[name as keyof typeof settingGroups] as unknown as SettingGroup<z.ZodRawShape>;
}

/** bot, whatsapp, sla, routing, business_hours: everyone on the desk may read them, admins change them. */
export const GET = apiRoute<{ group: string }>({}, async ({ params, runtime }) => ({
  [params.group]: await getSettings(runtime.ctx.db, groupOf(params.group)),
}));

export const PUT = apiRoute<{ group: string }>({ roles: ['admin'] }, async ({ req, params, runtime }) => {
  const group = groupOf(params.group);
  const input = await readJson(req, group.schema);
  const value = await updateSettings(runtime.ctx.db, group, input, runtime.ctx.clock.now());
  runtime.ctx.logger.info({ group: params.group }, 'settings changed');
  runtime.ctx.bus.publish({ type: 'settings.changed', group: params.group });
  return { [params.group]: value };
});
