import { describe, expect, it } from 'vitest';
import { addDays, localDate, presetOf, presetRange, rangeDays, rangeProblem } from '../../lib/ui/date-range';

// 2026-03-01 20:30 UTC is already 2 March in Jakarta (UTC+7) but still 1 March in New York.
const NOW = new Date('2026-03-01T20:30:00Z');

describe('the local date', () => {
  it('follows the team time zone, not the machine', () => {
    expect(localDate(NOW, 'Asia/Jakarta')).toBe('2026-03-02');
    expect(localDate(NOW, 'America/New_York')).toBe('2026-03-01');
    expect(localDate(NOW, 'UTC')).toBe('2026-03-01');
  });
});

describe('range presets', () => {
  it('"today" is the one local day', () => {
    expect(presetRange('today', NOW, 'Asia/Jakarta')).toEqual({ from: '2026-03-02', to: '2026-03-02' });
  });

  it('"last 7 days" and "last 30 days" end today and count today in', () => {
    expect(presetRange('7d', NOW, 'Asia/Jakarta')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(presetRange('30d', NOW, 'America/New_York')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(rangeDays(presetRange('30d', NOW, 'UTC'))).toBe(30);
  });

  it('crosses a daylight-saving change without losing or gaining a day', () => {
    // Clocks in New York jump forward on 8 March 2026.
    const after = new Date('2026-03-10T15:00:00Z');
    expect(presetRange('7d', after, 'America/New_York')).toEqual({ from: '2026-03-04', to: '2026-03-10' });
  });

  it('recognises a hand-typed range that equals a preset', () => {
    expect(presetOf({ from: '2026-02-24', to: '2026-03-02' }, NOW, 'Asia/Jakarta')).toBe('7d');
    expect(presetOf({ from: '2026-02-20', to: '2026-03-02' }, NOW, 'Asia/Jakarta')).toBe('custom');
  });
});

describe('a custom range', () => {
  it('is accepted when both dates are real and in order', () => {
    expect(rangeProblem({ from: '2026-01-01', to: '2026-01-31' })).toBeNull();
    expect(rangeProblem({ from: '2026-01-01', to: '2026-01-01' })).toBeNull();
  });

  it('says what is wrong otherwise', () => {
    expect(rangeProblem({ from: '', to: '2026-01-31' })).toBe('invalid');
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('invalid');
    expect(rangeProblem({ from: '2026-02-01', to: '2026-01-01' })).toBe('order');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toBe('too_long');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull(); // leap year: 366 days
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
