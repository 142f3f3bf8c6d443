import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { perDatabase } from '../db/per-database';
import { settings } from '../db/schema';
import { type BusinessHours, businessHoursSchema } from './business-hours';

export const DEFAULT_ACK_TEXT =
  'Terima kasih telah menghubungi kami. Pesan Anda sudah kami terima, agen kami akan segera membalas.\n\n' +
  'Thank you for contacting us. We have received your message and an agent will reply shortly.';

/** One admin-editable group of settings: a key in the settings table, a schema, defaults. */
export interface SettingGroup<T extends z.ZodRawShape> {
  key: string;
  schema: z.ZodObject<T>;
  defaults: z.infer<z.ZodObject<T>>;
}

export const botSettings = {
  key: 'bot',
  schema: z.object({
    ack_enabled: z.boolean(),
    ack_text: z.string().trim().min(1, 'the acknowledgement text cannot be empty').max(1000),
  }),
  defaults: { ack_enabled: true, ack_text: DEFAULT_ACK_TEXT },
} satisfies SettingGroup<z.ZodRawShape>;

export const whatsappSettings = {
  key: 'whatsapp',
  schema: z.object({
    /** Opening a ticket sends read receipts (blue ticks) for the customer's messages. */
    mark_read_on_open: z.boolean(),
    /** At least this long between two messages leaving one WhatsApp number. */
    send_interval_ms: z.number().int().min(0).max(60_000),
    /** Plus up to this much random extra, so sends do not look machine-timed. */
    send_jitter_ms: z.number().int().min(0).max(60_000),
  }),
  defaults: { mark_read_on_open: true, send_interval_ms: 1_000, send_jitter_ms: 500 },
} satisfies SettingGroup<z.ZodRawShape>;

export const slaSettings = {
  key: 'sla',
  schema: z.object({
    /** A ticket waiting in the queue longer than this breaches the waiting SLA (the seed: 5 minutes). */
    waiting_seconds: z.number().int().min(10).max(7 * 24 * 3600),
    /** The warning comes at this share of the waiting SLA (e.g. 80 %). */
    warning_percent: z.number().int().min(10).max(99),
    /** A customer waiting this long for an agent's answer escalates the ticket to urgent (the seed: 30 minutes). */
    response_seconds: z.number().int().min(10).max(7 * 24 * 3600),
  }),
  defaults: { waiting_seconds: 300, warning_percent: 80, response_seconds: 1800 },
} satisfies SettingGroup<z.ZodRawShape>;

export const routingSettings = {
  key: 'routing',
  schema: z.object({
    /** An agent with no tab open for this long is offline. */
    offline_grace_seconds: z.number().int().min(5).max(3600),
    /** What happens to an offline agent's open tickets. */
    on_agent_offline: z.enum(['queue', 'reassign']),
    /** Treat "away" like offline for that. */
    reassign_when_away: z.boolean(),
    /** New and waiting tickets go to the online agent with the most room, by themselves. */
    auto_assign: z.boolean(),
  }),
  defaults: { offline_grace_seconds: 120, on_agent_offline: 'queue' as const, reassign_when_away: false, auto_assign: false },
} satisfies SettingGroup<z.ZodRawShape>;

export const businessHoursSettings = {
  key: 'business_hours',
  schema: businessHoursSchema,
  defaults: {
    enabled: false,
    timezone: 'Asia/Jakarta',
    week: {
      sun: [],
      mon: [['08:00', '17:00']],
      tue: [['08:00', '17:00']],
      wed: [['08:00', '17:00']],
      thu: [['08:00', '17:00']],
      fri: [['08:00', '17:00']],
      sat: [['08:00', '12:00']],
    },
    out_of_hours_text:
      'Terima kasih, pesan Anda sudah kami terima. Kami sedang di luar jam kerja dan akan membalas saat buka kembali.\n\n' +
      'Thank you, we have received your message. We are outside our opening hours and will reply when we are back.',
  } as BusinessHours,
} satisfies SettingGroup<z.ZodRawShape>;

/** An IANA zone name (`Asia/Jakarta`), stored in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .transform((zone, issue) => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      issue.addIssue({ code: 'custom', message: `${zone} is not a time zone (use an IANA name like Asia/Jakarta)` });
      return z.NEVER;
    }
  });

export const teamSettings = {
  key: 'team',
  schema: z.object({
    /** Where the team works: "today" on the board and the analytics' days and hours are local to it. */
    timezone: timeZoneSchema,
  }),
  defaults: { timezone: 'Asia/Jakarta' },
} satisfies SettingGroup<z.ZodRawShape>;

export const settingGroups = {
  bot: botSettings,
  whatsapp: whatsappSettings,
  sla: slaSettings,
  routing: routingSettings,
  business_hours: businessHoursSettings,
  team: teamSettings,
} as const;

export const botSettingsSchema = botSettings.schema;
export type BotSettings = z.infer<typeof botSettings.schema>;
export type WhatsappSettings = z.infer<typeof whatsappSettings.schema>;
export type SlaSettings = z.infer<typeof slaSettings.schema>;
export type RoutingSettings = z.infer<typeof routingSettings.schema>;
export type TeamSettings = z.infer<typeof teamSettings.schema>;

export async function getSettings<T extends z.ZodRawShape>(db: Database, group: SettingGroup<T>) {
  const [row] = await db.select().from(settings).where(eq(settings.key, group.key)).limit(1);
  const parsed = group.schema.partial().safeParse(row?.value ?? {});
  return { ...group.defaults, ...(parsed.success ? parsed.data : {}) } as z.infer<z.ZodObject<T>>;
}

const CACHE_MS = 5_000;
const cacheOf = perDatabase(() => new Map<string, { value: unknown; expires: number }>());

/**
 * Settings as of at most a few seconds ago, for hot paths (ingest reads the bot settings for
 * every new ticket). A change made on this process is seen at once, on another within 5 s.
 */
export async function getCachedSettings<T extends z.ZodRawShape>(db: Database, group: SettingGroup<T>) {
  const entries = cacheOf(db);
  const hit = entries.get(group.key);
  if (hit && hit.expires > Date.now()) return hit.value as z.infer<z.ZodObject<T>>;
  const value = await getSettings(db, group);
  entries.set(group.key, { value, expires: Date.now() + CACHE_MS });
  return value;
}

export async function updateSettings<T extends z.ZodRawShape>(db: Database, group: SettingGroup<T>, input: unknown, now: Date) {
  const value = group.schema.parse(input);
  await db
    .insert(settings)
    .values({ key: group.key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  cacheOf(db).delete(group.key);
  return value;
}

export const getBotSettings = (db: Database) => getSettings(db, botSettings);
export const getCachedBotSettings = (db: Database) => getCachedSettings(db, botSettings);
export const updateBotSettings = (db: Database, input: BotSettings, now: Date) => updateSettings(db, botSettings, input, now);
