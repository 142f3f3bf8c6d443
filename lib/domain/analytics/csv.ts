import type { AnalyticsAgentRow } from '../views';

type Cell = string | number | null | undefined;

/**
 * One CSV record (RFC 4180: quoted when needed, CRLF). Text that a spreadsheet would run as a
 * formula (=, +, -, @ first) gets a leading apostrophe: customer names come from strangers.
 */
export function csvLine(cells: Cell[]): string {
  return (
    cells
      .map((cell) => {
        if (cell === null || cell === undefined) return '';
        if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
        const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
        return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      })
      .join(',') + '\r\n'
  );
}

/** Seconds with at most one decimal: what a spreadsheet needs, not float noise. */
export const roundSeconds = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export const AGENT_CSV_HEADER = [
  'agent_id',
  'name',
  'handled',
  'resolved',
  'resolution_rate',
  'median_first_response_seconds',
  'median_handle_seconds',
];

/** The per-agent table as a spreadsheet: a header row, one row per agent. */
export function agentsCsv(rows: AnalyticsAgentRow[]): string {
  return (
    csvLine(AGENT_CSV_HEADER) +
    rows
      .map((r) =>
        csvLine([
          r.agent_id,
          r.name,
          r.handled,
          r.resolved,
          r.resolution_rate === null ? null : Math.round(r.resolution_rate * 10_000) / 10_000,
          roundSeconds(r.median_first_response_seconds),
          roundSeconds(r.median_handle_seconds),
        ]),
      )
      .join('')
  );
}
