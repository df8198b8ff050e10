import { describe, expect, it } from 'vitest';
import {
  dueDate,
  ecbRateOn,
  halfYearStart,
  lateInterest,
  legalPeriodDays,
} from '../../src/invoices/payment-terms.js';

const rates = [
  { validFrom: '2023-09-20', rate: '4.50' },
  { validFrom: '2024-06-12', rate: '4.25' },
  { validFrom: '2024-09-18', rate: '3.65' },
  { validFrom: '2024-12-18', rate: '3.15' },
];

describe('legal payment period', () => {
  it('is 30 days for the State and local bodies, 50 for hospitals, 60 for public companies', () => {
    expect(legalPeriodDays('ETAT')).toBe(30);
    expect(legalPeriodDays('COMMUNE')).toBe(30);
    expect(legalPeriodDays('ETABLISSEMENT_PUBLIC_SANTE')).toBe(50);
    expect(legalPeriodDays('ENTREPRISE_PUBLIQUE')).toBe(60);
    expect(legalPeriodDays(null)).toBe(30);
  });
});

describe('due date', () => {
  it('counts calendar days from the day the invoice was made available', () => {
    expect(dueDate({ madeAvailable: '2024-01-31', periodDays: 30 })).toBe('2024-03-01'); // leap year
    expect(dueDate({ madeAvailable: '2025-01-31', periodDays: 30 })).toBe('2025-03-02');
    expect(dueDate({ madeAvailable: '2024-12-15', periodDays: 50 })).toBe('2025-02-03');
  });

  it('stops the clock while suspended and gives back what remained', () => {
    // Made available 1 March, due 31 March; suspended 11 March (20 days left) until 2 April.
    expect(
      dueDate({
        madeAvailable: '2024-03-01',
        periodDays: 30,
        suspensions: [{ from: '2024-03-11', to: '2024-04-02' }],
      }),
    ).toBe('2024-04-22');
  });

  it('leaves at least 7 days after a suspension', () => {
    // Suspended 2 days before the deadline: 7 days, not 2, once completed.
    expect(
      dueDate({
        madeAvailable: '2024-03-01',
        periodDays: 30,
        suspensions: [{ from: '2024-03-29', to: '2024-04-10' }],
      }),
    ).toBe('2024-04-17');
  });

  it('promises no date while a suspension runs, and ignores one that began after the deadline', () => {
    expect(
      dueDate({
        madeAvailable: '2024-03-01',
        periodDays: 30,
        suspensions: [{ from: '2024-03-05', to: null }],
      }),
    ).toBeNull();
    expect(
      dueDate({
        madeAvailable: '2024-03-01',
        periodDays: 30,
        suspensions: [{ from: '2024-04-05', to: '2024-04-09' }],
      }),
    ).toBe('2024-03-31');
  });
});

describe('late-payment interest', () => {
  it('takes the ECB rate in force on the first day of the half-year interest started in', () => {
    expect(halfYearStart('2024-06-30')).toBe('2024-01-01');
    expect(halfYearStart('2024-07-01')).toBe('2024-07-01');
    expect(ecbRateOn(rates, '2024-07-01')).toBe('4.25');
    expect(ecbRateOn(rates, '2024-01-01')).toBe('4.50');
    expect(ecbRateOn(rates, '2020-01-01')).toBe('0');
  });

  it('computes interest pro rata over 365 days plus the 40 euro indemnity', () => {
    // Due 30 June 2024: interest starts 1 July 2024 → ECB rate of 1 July 2024 (4.25) + 8 = 12.25 %.
    const r = lateInterest({ amount: '12000.00', due: '2024-06-30', paidOn: '2024-07-30', rates });
    expect(r.daysLate).toBe(30);
    expect(r.rate).toBe('12.25');
    // 12000 × 12.25 % × 30 / 365 = 120.8219… → 120.82
    expect(r.interest).toBe('120.82');
    expect(r.indemnity).toBe('40.00');
    expect(r.total).toBe('160.82');
  });

  it('keeps the first half-year rate when the delay crosses into the next half-year', () => {
    // Due 29 June: interest starts 30 June (first half: 4.50 + 8), even though paid in August.
    const r = lateInterest({ amount: '1000', due: '2024-06-29', paidOn: '2024-08-28', rates });
    expect(r.rate).toBe('12.50');
    expect(r.daysLate).toBe(60);
    expect(r.interest).toBe('20.55'); // 1000 × 12.5 % × 60 / 365 = 20.5479…
  });

  it('owes nothing when paid on time', () => {
    const r = lateInterest({ amount: '1000', due: '2024-06-29', paidOn: '2024-06-29', rates });
    expect(r).toMatchObject({ daysLate: 0, interest: '0.00', indemnity: '0.00', total: '0.00' });
  });

  it('never uses binary floats on money', () => {
    const r = lateInterest({ amount: '0.10', due: '2024-01-01', paidOn: '2025-01-01', rates });
    expect(r.interest).toBe('0.01'); // 0.10 × 12.5 % × 366 / 365 = 0.01253…
  });
});
