import { ms, type Summary } from './stats';

/** One measure: Loket's figures and, when measured, the floor's for the same work. */
export interface FigureRow {
  label: string;
  loket: Summary;
  floor?: Summary | null;
  floorLabel?: string;
}

const cells = (s: Summary) => `${s.n} | ${ms(s.min)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)}`;
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '—');

/** min/median/p95/p99 (and max) per measure, the floor under it and Loket ÷ floor. */
export function renderFigures(rows: FigureRow[]): string {
  const lines = ['| measure (ms) | n | min | median | p95 | p99 | max |', '|---|---|---|---|---|---|---|'];
  for (const { label, loket, floor, floorLabel } of rows) {
    lines.push(`| ${label} | ${cells(loket)} |`);
    if (!floor) continue;
    lines.push(`| ${floorLabel ?? 'floor'} | ${cells(floor)} |`);
    lines.push(
      `| **Loket ÷ floor** | | ${ratio(loket.min, floor.min)} | ${ratio(loket.p50, floor.p50)} | ${ratio(loket.p95, floor.p95)} | ` +
        `${ratio(loket.p99, floor.p99)} | ${ratio(loket.max, floor.max)} |`,
    );
  }
  return lines.join('\n');
}

/** "**met**" / "**missed**" line for one target of the issue. */
export function targetLine(what: string, met: boolean, detail: string): string {
  return `- Target ${what}: **${met ? 'met' : 'missed'}** (${detail}).`;
}
