// Numbers on the board and in analytics: counts, rates and durations, compact and stable in width.

const pad = (n: number) => String(n).padStart(2, '0');

/** A duration in seconds with at most two units: "45s", "4m 05s", "1h 02m", "3d 04h"; null → "—". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const d = Math.floor(total / 86_400);
  const h = Math.floor(total / 3600) % 24;
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  if (d > 0) return `${d}d ${pad(h)}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/** A 0..1 rate as a percentage in the reader's language ("87%", "87,5%"); null → "—". */
export function formatRate(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  // Whole percents unless that would hide a difference that matters near the ends (99.6% is not 100%).
  const digits = rate > 0.99 && rate < 1 ? 1 : rate > 0 && rate < 0.01 ? 1 : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(rate);
}

/** A count with the reader's grouping ("1,234" / "1.234"). */
export function formatCount(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** How full an agent is: 0..1 of their capacity, or null when they have no limit. */
export function loadRatio(open: number, capacity: number | null): number | null {
  if (capacity === null || capacity <= 0) return null;
  return Math.min(1, Math.max(0, open / capacity));
}

/** A chart bucket's name: "14:00" for hours, "3 Mei" for days, in the team's time zone. */
export function bucketLabel(startIso: string, bucket: 'hour' | 'day', locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone } : { day: 'numeric', month: 'short', timeZone };
  return new Intl.DateTimeFormat(locale, options).format(new Date(startIso));
}

/** The same bucket spelled out in full, for the chart's hover card. */
export function bucketTitle(startIso: string, bucket: 'hour' | 'day', locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour'
      ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
      : { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone };
  return new Intl.DateTimeFormat(locale, options).format(new Date(startIso));
}
