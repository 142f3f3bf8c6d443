import { describe, expect, it } from 'vitest';
import { bucketLabel, formatCount, formatRate, formatSeconds, loadRatio } from '../../lib/ui/stat-format';

describe('durations', () => {
  it('use at most two units', () => {
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(45)).toBe('45s');
    expect(formatSeconds(245)).toBe('4m 05s');
    expect(formatSeconds(3725)).toBe('1h 02m');
    expect(formatSeconds(3 * 86_400 + 4 * 3600 + 59)).toBe('3d 04h');
  });

  it('round fractional seconds from medians and show a dash when there is no value', () => {
    expect(formatSeconds(59.6)).toBe('1m 00s');
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(Number.NaN)).toBe('—');
  });
});

describe('rates and counts', () => {
  it('write percentages the reader’s way', () => {
    expect(formatRate(0.5, 'en')).toBe('50%');
    expect(formatRate(1, 'en')).toBe('100%');
    expect(formatRate(null, 'en')).toBe('—');
  });

  it('keep a decimal near the ends, so 99.6% does not read as 100%', () => {
    expect(formatRate(0.996, 'en')).toBe('99.6%');
    expect(formatRate(0.996, 'id')).toBe('99,6%');
    expect(formatRate(0.004, 'en')).toBe('0.4%');
  });

  it('group thousands by language', () => {
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatCount(12345, 'id')).toBe('12.345');
  });
});

describe('agent load', () => {
  it('is the share of capacity in use, capped at full', () => {
    expect(loadRatio(1, 4)).toBe(0.25);
    expect(loadRatio(6, 4)).toBe(1);
    expect(loadRatio(2, null)).toBeNull();
  });
});

describe('chart buckets', () => {
  it('name hours and days in the team time zone', () => {
    // 01:00 UTC is 08:00 in Jakarta.
    expect(bucketLabel('2026-03-02T01:00:00Z', 'hour', 'en', 'Asia/Jakarta')).toBe('08:00');
    expect(bucketLabel('2026-03-01T17:00:00Z', 'day', 'en', 'Asia/Jakarta')).toBe('Mar 2');
  });
});
