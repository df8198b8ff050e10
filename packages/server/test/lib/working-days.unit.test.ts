import { describe, expect, it } from 'vitest';
import {
  dateInParis,
  easterSunday,
  frenchPublicHolidays,
  isWorkingDay,
  nthWorkingDayBack,
  startOfParisDay,
  workingDaysBetween,
} from '../../src/lib/working-days.js';

describe('the French working-day calendar', () => {
  it('finds Easter and the holidays that hang on it (published calendars)', () => {
    expect(easterSunday(2024).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(easterSunday(2025).toISOString().slice(0, 10)).toBe('2025-04-20');
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
    const h2026 = frenchPublicHolidays(2026);
    expect(h2026.has('2026-04-06')).toBe(true); // lundi de Pâques
    expect(h2026.has('2026-05-14')).toBe(true); // Ascension
    expect(h2026.has('2026-05-25')).toBe(true); // lundi de Pentecôte
    expect(h2026.size).toBe(11);
  });

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false); // Friday, Christmas
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-28')).toBe(true);
    // From Thursday 17 to Monday 28 December 2026: 18, 21, 22, 23, 24, 28.
    expect(workingDaysBetween('2026-12-17', '2026-12-28')).toBe(6);
    expect(workingDaysBetween('2026-12-28', '2026-12-17')).toBe(0);
    expect(nthWorkingDayBack('2026-12-28', 1)).toBe('2026-12-28');
    expect(nthWorkingDayBack('2026-12-28', 2)).toBe('2026-12-24');
    expect(nthWorkingDayBack('2026-12-27', 1)).toBe('2026-12-24');
  });

  it('counts days in Paris time, summer and winter', () => {
    expect(startOfParisDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfParisDay('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(dateInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
