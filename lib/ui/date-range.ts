// Date ranges as the analytics API takes them: local calendar dates (YYYY-MM-DD) in the team's
// time zone, both ends inclusive. Pure, so "today" in Jakarta is testable from any machine.

export type RangePreset = 'today' | '7d' | '30d' | 'custom';
export interface DateRange {
  from: string;
  to: string;
}

/** The contract's limit on one report. */
export const MAX_RANGE_DAYS = 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date it is at `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD; formatToParts keeps us independent of that quirk anyway.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar arithmetic on a YYYY-MM-DD date (no time zone, so no DST surprises). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted: the same date is 1. */
export function rangeDays({ from, to }: DateRange): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: Date, timeZone: string): DateRange {
  const today = localDate(now, timeZone);
  const span = preset === 'today' ? 1 : preset === '7d' ? 7 : 30;
  return { from: addDays(today, -(span - 1)), to: today };
}

export function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  // Round-tripping rejects 2024-02-30 and friends.
  return addDays(value, 0) === value;
}

/** Why a custom range cannot be asked for, or null when it can. */
export function rangeProblem(range: DateRange): 'invalid' | 'order' | 'too_long' | null {
  if (!isValidDate(range.from) || !isValidDate(range.to)) return 'invalid';
  if (range.from > range.to) return 'order';
  if (rangeDays(range) > MAX_RANGE_DAYS) return 'too_long';
  return null;
}

/** Which preset a range is, so a range typed by hand that equals "last 7 days" lights that button. */
export function presetOf(range: DateRange, now: Date, timeZone: string): RangePreset {
  for (const preset of ['today', '7d', '30d'] as const) {
    const p = presetRange(preset, now, timeZone);
    if (p.from === range.from && p.to === range.to) return preset;
  }
  return 'custom';
}
