import { useQuery } from '@tanstack/react-query';
import Big from 'big.js';
import { api, data } from '../../api/client';
import type { Formatters } from '../../app/i18n';
import type { Forecast } from './labels';

/**
 * The payment forecast of one side of a structure (when payments are due, what is late and the
 * interest owed), fetched the same way by the supplier's dashboard and the recipient's
 * deadlines, and how both add its amounts up.
 */
export function useForecast(
  side: 'sent' | 'received',
  identifier: string | undefined,
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['forecast', side, identifier],
    enabled,
    queryFn: async (): Promise<Forecast> =>
      data(
        await api.GET('/api/v1/forecast', {
          params: { query: { side, structure: identifier } },
        }),
      ),
  });
}

/** Per currency: how many items, and their amounts added up. */
export type Sums = Map<string, { count: number; amount: Big }>;

/** Adds decimal amounts per currency (big.js: no float ever touches money). */
export function sumByCurrency<T extends { currency: string }>(
  items: readonly T[],
  amount: (item: T) => string,
): Sums {
  const out: Sums = new Map();
  for (const item of items) {
    const bucket = out.get(item.currency) ?? { count: 0, amount: new Big(0) };
    bucket.count += 1;
    bucket.amount = bucket.amount.plus(amount(item));
    out.set(item.currency, bucket);
  }
  return out;
}

/** "1 500,00 € + 200,00 $": each currency's sum, as money. */
export function moneyList(sums: Sums, format: Formatters): string {
  return [...sums.entries()].map(([c, s]) => format.money(s.amount.toFixed(2), c)).join(' + ');
}
