import type { TicketPriority } from './views';

const RANK: Record<TicketPriority, number> = { low: 0, medium: 1, high: 2, urgent: 3 };

export const higherPriority = (a: TicketPriority, b: TicketPriority): TicketPriority => (RANK[a] >= RANK[b] ? a : b);
export const isHigher = (a: TicketPriority, than: TicketPriority) => RANK[a] > RANK[than];

/** Lower case, accents off ("Darurát" → "darurat"), runs of spaces as one. */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface KeywordRule {
  id: number;
  phrase: string;
  priority: TicketPriority;
}

export interface KeywordHit {
  rule: KeywordRule;
  /** The words that matched, as compared: lower case, without accents ("Darurát!" → "darurat"). */
  matched: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The highest-priority rule whose phrase appears in the text as whole words, ignoring case
 * and accents ("tolong" matches "Tolong!" but not "menolong"). Ties go to the longer phrase.
 */
export function matchKeywords(text: string, rules: readonly KeywordRule[]): KeywordHit | null {
  const normalized = normalizeForMatching(text);
  if (!normalized) return null;
  let best: KeywordHit | null = null;
  for (const rule of rules) {
    const phrase = normalizeForMatching(rule.phrase);
    if (!phrase) continue;
    const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])(${escape(phrase).replace(/ /g, '\\s+')})(?=$|[^\\p{L}\\p{N}])`, 'u');
    const found = pattern.exec(normalized);
    if (!found?.[1]) continue;
    const better =
      !best ||
      RANK[rule.priority] > RANK[best.rule.priority] ||
      (rule.priority === best.rule.priority && phrase.length > normalizeForMatching(best.rule.phrase).length);
    if (better) best = { rule, matched: found[1] };
  }
  return best;
}
