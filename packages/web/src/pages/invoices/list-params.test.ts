import { describe, expect, it } from 'vitest';
import { sortedBy, valuesOf } from './list-params';

const after = (query: string, key: 'date' | 'amount' | 'number') =>
  sortedBy(new URLSearchParams(query), key).toString();

describe('sorting an invoice list from a column header', () => {
  it('starts a column in its natural order: newest and highest first, numbers A to Z', () => {
    expect(after('', 'number')).toBe('sort=number&order=asc');
    expect(after('', 'amount')).toBe('sort=amount');
    expect(after('sort=number&order=asc', 'date')).toBe('');
  });

  it('reverses the order on a second click of the same column, and back', () => {
    expect(after('sort=number&order=asc', 'number')).toBe('sort=number');
    expect(after('sort=number', 'number')).toBe('sort=number&order=asc');
    expect(after('', 'date')).toBe('order=asc');
    expect(after('order=asc', 'date')).toBe('');
  });

  it('keeps the filters and restarts paging, since a cursor holds for one order only', () => {
    const next = after('number=E2E-&status=SUSPENDUE&cursor=abc&page=3', 'amount');
    expect(next).toBe('number=E2E-&status=SUSPENDUE&sort=amount');
    expect(valuesOf(new URLSearchParams(next))).toMatchObject({
      number: 'E2E-',
      status: 'SUSPENDUE',
      sort: 'amount',
      order: 'desc',
    });
  });

  it('reads an unknown sort or order from a hand-edited address as the defaults', () => {
    expect(valuesOf(new URLSearchParams('sort=drop&order=sideways'))).toMatchObject({
      sort: 'date',
      order: 'desc',
    });
    expect(after('sort=drop&order=sideways', 'date')).toBe('order=asc');
  });
});
