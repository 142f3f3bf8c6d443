import type { Database } from '../db/client';
import type { BusinessHours } from './business-hours';
import type { KeywordRule } from './keyword-match';
import { getCachedRules } from './priority-rules';
import { type BotSettings, businessHoursSettings, getCachedBotSettings, getCachedSettings } from './settings';

/** What ingest decides with, read (from short caches) before its transaction starts. */
export interface IngestRules {
  bot: BotSettings;
  keywords: KeywordRule[];
  businessHours: BusinessHours;
}

export async function loadIngestRules(db: Database): Promise<IngestRules> {
  const [bot, keywords, businessHours] = await Promise.all([
    getCachedBotSettings(db),
    getCachedRules(db),
    getCachedSettings(db, businessHoursSettings),
  ]);
  return { bot, keywords, businessHours };
}
