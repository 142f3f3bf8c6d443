import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { settings } from '../db/schema';

export const DEFAULT_ACK_TEXT =
  'Terima kasih telah menghubungi kami. Pesan Anda sudah kami terima, agen kami akan segera membalas.\n\n' +
  'Thank you for contacting us. We have received your message and an agent will reply shortly.';

export const botSettingsSchema = z.object({
  ack_enabled: z.boolean(),
  ack_text: z.string().trim().min(1, 'the acknowledgement text cannot be empty').max(1000),
});

export type BotSettings = z.infer<typeof botSettingsSchema>;

const BOT_KEY = 'bot';
const defaults: BotSettings = { ack_enabled: true, ack_text: DEFAULT_ACK_TEXT };

export async function getBotSettings(db: Database): Promise<BotSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, BOT_KEY)).limit(1);
  const parsed = botSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...defaults, ...(parsed.success ? parsed.data : {}) };
}

const CACHE_MS = 5_000;
const cache = new WeakMap<Database, { value: BotSettings; expires: number }>();

/**
 * The bot settings as of at most a few seconds ago: ingest reads them for every new ticket,
 * and an admin's change on this process is seen at once (another process: within 5 s).
 */
export async function getCachedBotSettings(db: Database): Promise<BotSettings> {
  const hit = cache.get(db);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = await getBotSettings(db);
  cache.set(db, { value, expires: Date.now() + CACHE_MS });
  return value;
}

export async function updateBotSettings(db: Database, input: BotSettings, now: Date): Promise<BotSettings> {
  const value = botSettingsSchema.parse(input);
  await db
    .insert(settings)
    .values({ key: BOT_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  cache.delete(db);
  return value;
}
