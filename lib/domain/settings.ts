import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { settings } from '../db/schema';

export const DEFAULT_ACK_TEXT =
  'Terima kasih telah menghubungi kami. Pesan Anda sudah kami terima, agen kami akan segera membalas.\n\n' +
  'Thank you for contacting us. We have received your message and an agent will reply shortly.';

/** One admin-editable group of settings: a key in the settings table, a schema, defaults. */
interface SettingGroup<T extends z.ZodRawShape> {
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

export const botSettingsSchema = botSettings.schema;
export type BotSettings = z.infer<typeof botSettings.schema>;
export type WhatsappSettings = z.infer<typeof whatsappSettings.schema>;

export async function getSettings<T extends z.ZodRawShape>(db: Database, group: SettingGroup<T>) {
  const [row] = await db.select().from(settings).where(eq(settings.key, group.key)).limit(1);
  const parsed = group.schema.partial().safeParse(row?.value ?? {});
  return { ...group.defaults, ...(parsed.success ? parsed.data : {}) } as z.infer<z.ZodObject<T>>;
}

const CACHE_MS = 5_000;
const cache = new WeakMap<Database, Map<string, { value: unknown; expires: number }>>();

/**
 * Settings as of at most a few seconds ago, for hot paths (ingest reads the bot settings for
 * every new ticket). A change made on this process is seen at once, on another within 5 s.
 */
export async function getCachedSettings<T extends z.ZodRawShape>(db: Database, group: SettingGroup<T>) {
  const entries = cache.get(db) ?? new Map<string, { value: unknown; expires: number }>();
  cache.set(db, entries);
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
  cache.get(db)?.delete(group.key);
  return value;
}

export const getBotSettings = (db: Database) => getSettings(db, botSettings);
export const getCachedBotSettings = (db: Database) => getCachedSettings(db, botSettings);
export const updateBotSettings = (db: Database, input: BotSettings, now: Date) => updateSettings(db, botSettings, input, now);
