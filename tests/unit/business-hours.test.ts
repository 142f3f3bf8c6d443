import { describe, expect, it } from 'vitest';
import { type BusinessHours, businessHoursSchema, isOpen, openMillisBetween } from '../../lib/domain/business-hours';

const HOUR = 3_600_000;
const week = (spans: [string, string][], weekend: [string, string][] = []): BusinessHours['week'] => ({
  sun: weekend,
  mon: spans,
  tue: spans,
  wed: spans,
  thu: spans,
  fri: spans,
  sat: weekend,
});
const hours = (overrides: Partial<BusinessHours> = {}): BusinessHours => ({
  enabled: true,
  timezone: 'Asia/Jakarta',
  week: week([['08:00', '17:00']]),
  out_of_hours_text: 'tutup',
  ...overrides,
});
const wib = (local: string) => new Date(`${local}+07:00`);

describe('business hours', () => {
  it('open from the first minute to just before the last, in the zone', () => {
    const h = hours();
    expect(isOpen(wib('2026-01-12T07:59:59'), h)).toBe(false);
    expect(isOpen(wib('2026-01-12T08:00:00'), h)).toBe(true);
    expect(isOpen(wib('2026-01-12T16:59:59'), h)).toBe(true);
    expect(isOpen(wib('2026-01-12T17:00:00'), h)).toBe(false);
    expect(isOpen(wib('2026-01-10T10:00:00'), h)).toBe(false);
    expect(isOpen(wib('2026-01-10T10:00:00'), { ...h, enabled: false })).toBe(true);
    expect(isOpen(wib('2026-01-10T10:00:00'), null)).toBe(true);
  });

  it('counts only open time: a weekend in between adds nothing', () => {
    const h = hours();
    expect(openMillisBetween(wib('2026-01-09T16:00:00'), wib('2026-01-12T09:00:00'), h)).toBe(2 * HOUR);
    expect(openMillisBetween(wib('2026-01-12T09:00:00'), wib('2026-01-12T10:30:00'), h)).toBe(1.5 * HOUR);
    expect(openMillisBetween(wib('2026-01-10T09:00:00'), wib('2026-01-11T20:00:00'), h)).toBe(0);
    expect(openMillisBetween(wib('2026-01-12T09:00:00'), wib('2026-01-19T09:00:00'), h)).toBe(5 * 9 * HOUR);
    expect(openMillisBetween(wib('2026-01-12T10:00:00'), wib('2026-01-12T09:00:00'), h)).toBe(0);
    expect(openMillisBetween(wib('2026-01-10T09:00:00'), wib('2026-01-10T10:00:00'), { ...h, enabled: false })).toBe(HOUR);
  });

  it('several spans a day, and a whole day up to 24:00', () => {
    const lunch = hours({ week: week([['08:00', '12:00'], ['13:00', '17:00']], [['00:00', '24:00']]) });
    expect(isOpen(wib('2026-01-12T12:30:00'), lunch)).toBe(false);
    expect(openMillisBetween(wib('2026-01-12T11:00:00'), wib('2026-01-12T14:00:00'), lunch)).toBe(2 * HOUR);
    expect(isOpen(wib('2026-01-10T23:59:00'), lunch)).toBe(true);
    expect(openMillisBetween(wib('2026-01-09T17:00:00'), wib('2026-01-12T08:00:00'), lunch)).toBe(48 * HOUR);
  });

  it('follows daylight saving where the zone has it', () => {
    // London springs forward on Sunday 29 March 2026: that day is 23 hours long.
    const london = hours({ timezone: 'Europe/London', week: week([], [['00:00', '24:00']]) });
    const saturday = new Date('2026-03-28T00:00:00Z');
    const monday = new Date('2026-03-29T23:00:00Z');
    expect(openMillisBetween(saturday, monday, london)).toBe(47 * HOUR);
    expect(isOpen(new Date('2026-03-29T22:59:00Z'), london)).toBe(true);
    expect(isOpen(new Date('2026-03-29T23:00:00Z'), london)).toBe(false);
  });

  it('refuses zones and spans that make no sense', () => {
    const base = hours();
    expect(businessHoursSchema.safeParse(base).success).toBe(true);
    expect(businessHoursSchema.safeParse({ ...base, timezone: 'Asia/Atlantis' }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...base, week: week([['17:00', '08:00']]) }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...base, week: week([['08:00', '25:00']]) }).success).toBe(false);
  });
});
