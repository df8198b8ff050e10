/** BG-22 document totals and BG-23 VAT breakdown of a UBL invoice, from
 * cac:LegalMonetaryTotal and every cac:TaxTotal. */
import type { Invoice, VatBreakdown } from '../model/types.js';
import { blankTotals, blankVatBreakdown, text, type Read } from '../model/blank.js';
import { attr, child } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import { CAC, CBC, firstVat } from './read-common.js';

/** BG-23 from one cac:TaxSubtotal. */
function readSubtotal(el: XmlElement): VatBreakdown {
  const v = blankVatBreakdown(el);
  v.taxableAmount = text(v.$at, 'taxableAmount', child(el, CBC, 'TaxableAmount'));
  v.taxAmount = text(v.$at, 'taxAmount', child(el, CBC, 'TaxAmount'));
  const cat = firstVat(el, 'TaxCategory');
  if (cat) {
    v.categoryCode = text(v.$at, 'categoryCode', child(cat, CBC, 'ID'));
    v.rate = text(v.$at, 'rate', child(cat, CBC, 'Percent'));
    v.exemptionReason = text(v.$at, 'exemptionReason', child(cat, CBC, 'TaxExemptionReason'));
    v.exemptionReasonCode = text(
      v.$at,
      'exemptionReasonCode',
      child(cat, CBC, 'TaxExemptionReasonCode'),
    );
  }
  return v;
}

/** BG-22 (with BT-110/BT-111 from the TaxTotals) and BG-23 into `inv`. */
export function readTotals(
  inv: Read<Invoice>,
  monetaryTotal: XmlElement | undefined,
  taxTotals: XmlElement[],
): void {
  // BT-110 is the TaxTotal amount in the invoice currency, BT-111 the one in the VAT
  // accounting currency; BG-23 comes from the subtotals of every TaxTotal.
  let vatTotal: XmlElement | undefined;
  let vatTotalAccounting: XmlElement | undefined;
  for (const t of taxTotals) {
    const amount = child(t, CBC, 'TaxAmount');
    if (amount) {
      const currency = attr(amount, 'currencyID');
      if (currency !== undefined) {
        if (!vatTotal && currency === inv.currencyCode) vatTotal = amount;
        else if (!vatTotalAccounting && currency === inv.vatAccountingCurrencyCode)
          vatTotalAccounting = amount;
      }
    }
    for (const sub of t.children) {
      if (sub.local === 'TaxSubtotal' && sub.ns === CAC) inv.vatBreakdowns.push(readSubtotal(sub));
    }
  }
  if (monetaryTotal || vatTotal || vatTotalAccounting) {
    const totals = blankTotals(monetaryTotal);
    if (monetaryTotal) {
      for (const c of monetaryTotal.children) {
        if (c.ns !== CBC) continue;
        switch (c.local) {
          case 'LineExtensionAmount':
            totals.lineNetTotal ??= text(totals.$at, 'lineNetTotal', c);
            break;
          case 'TaxExclusiveAmount':
            totals.taxExclusiveAmount ??= text(totals.$at, 'taxExclusiveAmount', c);
            break;
          case 'TaxInclusiveAmount':
            totals.taxInclusiveAmount ??= text(totals.$at, 'taxInclusiveAmount', c);
            break;
          case 'AllowanceTotalAmount':
            totals.allowanceTotal ??= text(totals.$at, 'allowanceTotal', c);
            break;
          case 'ChargeTotalAmount':
            totals.chargeTotal ??= text(totals.$at, 'chargeTotal', c);
            break;
          case 'PrepaidAmount':
            totals.prepaidAmount ??= text(totals.$at, 'prepaidAmount', c);
            break;
          case 'PayableRoundingAmount':
            totals.roundingAmount ??= text(totals.$at, 'roundingAmount', c);
            break;
          case 'PayableAmount':
            totals.payableAmount ??= text(totals.$at, 'payableAmount', c);
            break;
        }
      }
    }
    totals.vatTotal = text(totals.$at, 'vatTotal', vatTotal);
    totals.vatTotalInAccountingCurrency = text(
      totals.$at,
      'vatTotalInAccountingCurrency',
      vatTotalAccounting,
    );
    inv.totals = totals;
  }
}
