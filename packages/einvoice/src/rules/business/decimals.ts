/**
 * BR-DEC-*: amounts carry at most two decimals.
 *
 * The official asserts count the characters after the first '.' of the amount as written
 * (so '10.500' fails and trailing spaces count), except the CII checks of the VAT totals
 * (BR-DEC-13, BR-DEC-15), which compare the value with itself rounded to cents ('10.500'
 * passes) and pass as soon as one VAT total of the right kind does. In UBL those two asserts
 * can never fail (their currency test looks for the currency code inside the amount
 * element), so they are checked for CII and keyed-in models only.
 */
import type { ModelRuleSet, Reporter } from '../engine.js';
import type { AllowanceCharge, Dec, InvoiceLine, Located } from '../../model/types.js';
import { ciiCategoryRuleTakes } from './vat-source.js';
import { exact, fitsPlaces } from '../../model/exact.js';

/** More than two characters after the first '.', as string-length(substring-after(…)) sees. */
export function tooManyDecimals(v: Dec | undefined): boolean {
  if (v === undefined) return false;
  const dot = v.indexOf('.');
  return dot !== -1 && v.length - dot - 1 > 2;
}

/** The value is a number with no more than cents once trailing zeros go (`. = round(.*100) div 100`). */
export function wholeCents(v: Dec): boolean {
  const n = exact(v);
  return n !== null && fitsPlaces(n, 2);
}

function check(id: string, at: Located, field: string, v: Dec | undefined, r: Reporter): void {
  if (tooManyDecimals(v)) r.fire(id, at, field, { value: (v ?? '').trim() });
}

function checkAllowanceCharges(
  list: readonly AllowanceCharge[],
  amountRule: string,
  baseRule: string,
  r: Reporter,
): void {
  for (const ac of list) {
    check(amountRule, ac, 'amount', ac.amount, r);
    check(baseRule, ac, 'baseAmount', ac.baseAmount, r);
  }
}

/** Line rules; UBL's contexts name cac:InvoiceLine as parent, so sub-lines only count in CII. */
function checkLines(lines: readonly InvoiceLine[], ubl: boolean, r: Reporter): void {
  for (const line of lines) {
    check('BR-DEC-23', line, 'netAmount', line.netAmount, r);
    checkAllowanceCharges(line.allowances, 'BR-DEC-24', 'BR-DEC-25', r);
    checkAllowanceCharges(line.charges, 'BR-DEC-27', 'BR-DEC-28', r);
    if (!ubl && line.subLines) checkLines(line.subLines, ubl, r);
  }
}

export const checkDecimals: ModelRuleSet = (invoice, r) => {
  const ubl = invoice.syntax === 'UBL';

  checkAllowanceCharges(invoice.allowances, 'BR-DEC-01', 'BR-DEC-02', r);
  checkAllowanceCharges(invoice.charges, 'BR-DEC-05', 'BR-DEC-06', r);

  const t = invoice.totals;
  if (t) {
    check('BR-DEC-09', t, 'lineNetTotal', t.lineNetTotal, r);
    check('BR-DEC-10', t, 'allowanceTotal', t.allowanceTotal, r);
    check('BR-DEC-11', t, 'chargeTotal', t.chargeTotal, r);
    check('BR-DEC-12', t, 'taxExclusiveAmount', t.taxExclusiveAmount, r);
    check('BR-DEC-14', t, 'taxInclusiveAmount', t.taxInclusiveAmount, r);
    check('BR-DEC-16', t, 'prepaidAmount', t.prepaidAmount, r);
    check('BR-DEC-17', t, 'roundingAmount', t.roundingAmount, r);
    check('BR-DEC-18', t, 'payableAmount', t.payableAmount, r);

    if (!ubl) {
      // BT-110 is the VAT total in the invoice currency, BT-111 the one in the VAT
      // accounting currency; when both currencies are the same, both are in it.
      const sameCurrency =
        invoice.vatAccountingCurrencyCode !== undefined &&
        invoice.vatAccountingCurrencyCode === invoice.currencyCode;
      const inInvoice = t.vatTotal;
      const inAccounting = t.vatTotalInAccountingCurrency;
      // BR-DEC-13: fails only when every VAT total is in the invoice currency and has more
      // than cents (a total in another currency satisfies it).
      if (inInvoice !== undefined || inAccounting !== undefined) {
        const otherCurrency = inAccounting !== undefined && !sameCurrency;
        const invoiceOk =
          (inInvoice !== undefined && wholeCents(inInvoice)) ||
          (sameCurrency && inAccounting !== undefined && wholeCents(inAccounting));
        if (!otherCurrency && !invoiceOk) {
          r.fire('BR-DEC-13', t, 'vatTotal', { value: (inInvoice ?? inAccounting ?? '').trim() });
        }
      }
      // BR-DEC-15: with a VAT accounting currency, one VAT total in it has at most cents.
      if (
        invoice.vatAccountingCurrencyCode !== undefined &&
        (inInvoice !== undefined || inAccounting !== undefined)
      ) {
        const ok =
          (inAccounting !== undefined && wholeCents(inAccounting)) ||
          (sameCurrency && inInvoice !== undefined && wholeCents(inInvoice));
        if (!ok) {
          r.fire('BR-DEC-15', t, 'vatTotalInAccountingCurrency');
        }
      }
    }
  }

  for (const v of invoice.vatBreakdowns) {
    if (ciiCategoryRuleTakes(v, invoice.syntax)) continue;
    check('BR-DEC-19', v, 'taxableAmount', v.taxableAmount, r);
    check('BR-DEC-20', v, 'taxAmount', v.taxAmount, r);
  }

  checkLines(invoice.lines, ubl, r);
};
