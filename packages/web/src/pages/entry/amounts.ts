/**
 * The amounts of a keyed invoice, computed as the supplier types: line nets, the VAT breakdown
 * per category and rate, and the document totals. Decimal arithmetic (big.js) on the decimal
 * strings of the form, never floats; results are decimal strings with two decimals, rounded
 * half up as EN 16931 expects (BR-DEC: at most two decimals on amounts).
 */
import Big from 'big.js';

export const DECIMAL = /^-?\d{1,15}([.,]\d{1,6})?$/;

/** A typed number ("12,5" or "12.5") as a decimal string, or undefined when it is not one. */
export function decimalOf(text: string | undefined): string | undefined {
  const t = (text ?? '').trim().replace(/\s/g, '');
  if (!DECIMAL.test(t)) return undefined;
  return t.replace(',', '.');
}

/** Categories without a rate: outside the scope of VAT. Exempt ones have a rate of 0. */
export const NO_RATE_CATEGORIES = new Set(['O']);
/** Categories whose breakdown needs an exemption reason (BT-120). */
export const EXEMPT_CATEGORIES = new Set(['E', 'AE', 'K', 'G', 'O']);

export interface LineInput {
  quantity: string;
  unitPrice: string;
  vatCategory: string;
  vatRate: string;
}

export interface BreakdownRow {
  category: string;
  rate: string | undefined;
  taxableAmount: string;
  taxAmount: string;
}

export interface Amounts {
  /** Per line: the net amount (quantity × unit price), or undefined while not computable. */
  lineNets: (string | undefined)[];
  breakdown: BreakdownRow[];
  totals: {
    lineNetTotal: string;
    withoutVat: string;
    vat: string;
    withVat: string;
    payable: string;
  };
}

const money = (b: Big) => b.round(2, Big.roundHalfUp).toFixed(2);

/** A rate as written in a breakdown key: "20", "5.5" (no trailing zeros). */
function rateKey(rate: string | undefined): string | undefined {
  return rate === undefined ? undefined : new Big(rate).toString();
}

export function computeAmounts(lines: readonly LineInput[]): Amounts {
  const lineNets = lines.map((l) => {
    const q = decimalOf(l.quantity);
    const p = decimalOf(l.unitPrice);
    return q !== undefined && p !== undefined ? money(new Big(q).times(p)) : undefined;
  });
  const groups = new Map<string, { category: string; rate: string | undefined; taxable: Big }>();
  lines.forEach((l, i) => {
    const net = lineNets[i];
    if (net === undefined || !l.vatCategory) return;
    const rate = NO_RATE_CATEGORIES.has(l.vatCategory) ? undefined : rateKey(decimalOf(l.vatRate));
    const key = `${l.vatCategory}|${rate ?? ''}`;
    const g = groups.get(key) ?? { category: l.vatCategory, rate, taxable: new Big(0) };
    g.taxable = g.taxable.plus(net);
    groups.set(key, g);
  });
  const breakdown = [...groups.values()].map((g) => ({
    category: g.category,
    rate: g.rate,
    taxableAmount: money(g.taxable),
    // The tax of each breakdown is computed on its taxable total (BR-CO-17), then summed.
    taxAmount: money(g.rate === undefined ? new Big(0) : g.taxable.times(g.rate).div(100)),
  }));
  const net = lineNets.reduce((s, n) => (n === undefined ? s : s.plus(n)), new Big(0));
  const vat = breakdown.reduce((s, b) => s.plus(b.taxAmount), new Big(0));
  const withVat = net.plus(vat);
  return {
    lineNets,
    breakdown,
    totals: {
      lineNetTotal: money(net),
      withoutVat: money(net),
      vat: money(vat),
      withVat: money(withVat),
      payable: money(withVat),
    },
  };
}
