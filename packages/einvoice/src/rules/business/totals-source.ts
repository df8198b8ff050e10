/**
 * The one thing the totals rules need that the model cannot hold: how many "total VAT amount"
 * elements the source carries in a given currency. The model keeps BT-110 (invoice currency)
 * and BT-111 (accounting currency) once each, but BR-CO-15 also rejects an invoice that
 * states two VAT totals in the invoice currency, or none at all, and BR-CO-14 (CII) checks
 * every such total. So for a read invoice we look at the source tree; a keyed-in model has
 * none and is taken at its word (BT-110 is in the invoice currency by definition).
 */
import { NS } from '../../xml/ns.js';
import { attr, children } from '../../xml/query.js';
import type { XmlElement } from '../../xml/types.js';
import type { Dec, Invoice } from '../../model/types.js';

/** One total VAT amount found in the invoice currency: its value and where it is. */
export interface VatTotalInCurrency {
  value: Dec;
  at?: XmlElement;
}

/**
 * Every total VAT amount stated in currency `code` (compared as written, like the official
 * rules do): UBL TaxTotal/TaxAmount, CII header TaxTotalAmount, by their currencyID.
 */
export function vatTotalsInCurrency(invoice: Invoice, code: string): VatTotalInCurrency[] {
  const root = invoice.$src;
  if (!root || !invoice.syntax) {
    const v = invoice.totals?.vatTotal;
    return v === undefined ? [] : [{ value: v }];
  }
  const out: VatTotalInCurrency[] = [];
  if (invoice.syntax === 'UBL') {
    for (const total of children(root, NS.cac, 'TaxTotal')) {
      for (const a of children(total, NS.cbc, 'TaxAmount')) {
        if (attr(a, 'currencyID') === code) out.push({ value: a.text, at: a });
      }
    }
  } else {
    // Every header summation at the absolute path, as the official count does: a duplicated
    // summation's VAT total is a second one (BR-CO-15 then fails, BR-CO-14 checks it too).
    for (const transaction of children(root, NS.rsm, 'SupplyChainTradeTransaction'))
      for (const settlement of children(transaction, NS.ram, 'ApplicableHeaderTradeSettlement'))
        for (const summation of children(
          settlement,
          NS.ram,
          'SpecifiedTradeSettlementHeaderMonetarySummation',
        ))
          for (const a of children(summation, NS.ram, 'TaxTotalAmount'))
            if (attr(a, 'currencyID') === code) out.push({ value: a.text, at: a });
  }
  return out;
}

/** A UBL TaxTotal that holds VAT breakdowns: its amount and its subtotals' tax amounts. */
export interface UblTaxTotal {
  value: Dec | undefined;
  at: XmlElement;
  subtotalAmounts: (Dec | undefined)[];
}

/**
 * UBL's BR-CO-14 checks each TaxTotal against its own subtotals, whatever its currency,
 * while the model keeps BT-110 by currency and merges the subtotals of every TaxTotal into
 * BG-23. Returns undefined when the invoice was not read from UBL.
 */
export function ublTaxTotalsWithBreakdown(invoice: Invoice): UblTaxTotal[] | undefined {
  const root = invoice.$src;
  if (!root || invoice.syntax !== 'UBL') return undefined;
  const out: UblTaxTotal[] = [];
  for (const total of children(root, NS.cac, 'TaxTotal')) {
    const subs = children(total, NS.cac, 'TaxSubtotal');
    if (subs.length === 0) continue;
    const amount = children(total, NS.cbc, 'TaxAmount')[0];
    out.push({
      value: amount?.text,
      at: amount ?? total,
      subtotalAmounts: subs.map((s) => children(s, NS.cbc, 'TaxAmount')[0]?.text),
    });
  }
  return out;
}
