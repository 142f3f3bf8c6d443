import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'times are HH:MM, e.g. 08:00');
const span = z.tuple([time, time]).refine(([from, to]) => from < to, 'a span must end after it starts');

export const businessHoursSchema = z.object({
  enabled: z.boolean(),
  /** IANA zone the hours are written in, e.g. Asia/Jakarta. */
  timezone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Jakarta'),
  /** Open spans per weekday; a day without spans is closed. */
  week: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(span).max(4)])) as Record<Weekday, z.ZodArray<typeof span>>),
  out_of_hours_text: z.string().trim().min(1).max(1000),
});

export type BusinessHours = z.infer<typeof businessHoursSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The open spans of the calendar day (in the zone) that contains `at`, as instants. */
function openSpansOfDay(at: Date, hours: BusinessHours): [number, number][] {
  const local = new TZDate(at.getTime(), hours.timezone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  const day = WEEKDAYS[local.getDay()]!;
  return hours.week[day].map(([from, to]) => {
    const start = new TZDate(y, m, d, 0, minutes(from), hours.timezone).getTime();
    const end = new TZDate(y, m, d, 0, minutes(to), hours.timezone).getTime();
    return [start, end];
  });
}

/** Whether the desk is open at this instant (always, when business hours are off). */
export function isOpen(at: Date, hours: BusinessHours | null): boolean {
  if (!hours?.enabled) return true;
  const t = at.getTime();
  return openSpansOfDay(at, hours).some(([start, end]) => t >= start && t < end);
}

/**
 * How much open time lies between two instants: the SLA clocks only run while the desk is
 * open. With business hours off, it is simply the time between them.
 */
export function openMillisBetween(from: Date, to: Date, hours: BusinessHours | null): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!hours?.enabled) return b - a;
  let total = 0;
  // Walk day by day in the zone; a day is never longer than 25 h, so step by half days.
  const seen = new Set<number>();
  for (let cursor = a - DAY_MS; cursor <= b + DAY_MS; cursor += DAY_MS / 2) {
    for (const [start, end] of openSpansOfDay(new Date(cursor), hours)) {
      if (seen.has(start)) continue;
      seen.add(start);
      total += Math.max(0, Math.min(end, b) - Math.max(start, a));
    }
  }
  return total;
}
