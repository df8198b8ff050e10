/**
 * The invoice lists' URL query: the filters and the sort as the page's address holds them, so
 * that a list can be bookmarked, shared and walked back through. Pure, for the tests.
 */

/** The filter form's fields: what the URL query holds, as typed. */
export interface FilterValues {
  status: string;
  from: string;
  to: string;
  minAmount: string;
  maxAmount: string;
  number: string;
  counterparty: string;
  service: string;
  notDownloaded: boolean;
  sort: 'date' | 'amount' | 'number';
  order: 'asc' | 'desc';
}

export const FILTER_KEYS = [
  'status',
  'from',
  'to',
  'minAmount',
  'maxAmount',
  'number',
  'counterparty',
  'service',
] as const;

export function valuesOf(params: URLSearchParams): FilterValues {
  const get = (k: string) => params.get(k) ?? '';
  const sort = get('sort');
  return {
    status: get('status'),
    from: get('from'),
    to: get('to'),
    minAmount: get('minAmount'),
    maxAmount: get('maxAmount'),
    number: get('number'),
    counterparty: get('counterparty'),
    service: get('service'),
    notDownloaded: params.get('notDownloaded') === 'true',
    sort: sort === 'amount' || sort === 'number' ? sort : 'date',
    order: get('order') === 'asc' ? 'asc' : 'desc',
  };
}

export type SortKey = FilterValues['sort'];

/**
 * The URL for a click on a column's sort button: the same column flips its order, another
 * starts from its natural one (newest and highest first, numbers A to Z). Paging restarts,
 * since a cursor only holds for the order it was cut in; defaults stay out of the URL, as the
 * filter form leaves them.
 */
export function sortedBy(params: URLSearchParams, key: SortKey): URLSearchParams {
  const current = valuesOf(params);
  const order =
    current.sort === key
      ? current.order === 'asc'
        ? 'desc'
        : 'asc'
      : key === 'number'
        ? 'asc'
        : 'desc';
  const next = new URLSearchParams(params);
  next.delete('cursor');
  next.delete('page');
  if (key === 'date') next.delete('sort');
  else next.set('sort', key);
  if (order === 'desc') next.delete('order');
  else next.set('order', order);
  return next;
}
