/**
 * BR-CO-*: the calculation and condition rules of EN 16931 (document totals, VAT breakdown
 * arithmetic, either-or conditions). BR-CO-25 was withdrawn in release 1.3.16 and is absent.
 * BR-CO-05 to BR-CO-08 are statements the official rule set never fails (they only say
 * which code goes with which reason), so nothing here fires them.
 *
 * Semantics follow the official Schematron of each syntax exactly, including its rounding
 * (sums rounded to 2 decimals with ties towards +infinity, see totals-math.ts), its
 * tolerances and where the two syntaxes truly differ (commented at each branch). An amount
 * that is required by a check but absent or not a decimal makes that check fail, as the
 * official comparison with an empty value does.
 *
 * A keyed-in model (no syntax) is judged by the UBL variant where the syntaxes differ,
 * except BR-CO-09 (whole country codes, from either list).
 *
 * Cost: one pass over the lines and allowances/charges; nothing quadratic.
 */
import type { Exact } from '../../model/exact.js';
import type { ModelRuleSet, Reporter } from '../engine.js';
import type { AllowanceCharge, DocumentTotals, Invoice } from '../../model/types.js';
import { xcmp as cmp, ZERO_X as ZERO } from '../../model/exact.js';
import { addTo, amount, PERCENT, show, shown, withinOne, xround } from './totals-math.js';
import { ublTaxTotalsWithBreakdown, vatTotalsInCurrency } from './totals-source.js';
import { VAT_PREFIXES_CII, VAT_PREFIXES_UBL } from './totals-countries.js';
import { ciiCategoryRuleTakes, underVat } from './vat-source.js';
import { ramAnywhere } from './cii-anywhere.js';
import { NS } from '../../xml/ns.js';
import { child } from '../../xml/query.js';
import type { XmlElement } from '../../xml/types.js';
import { xmlTrim } from '../codelists/sets.js';
import { xsDouble } from './xs-double.js';

/**
 * A CII amount as BR-CO-14's sum() takes it: the untyped text cast to xs:double, so an exponent
 * ('1e2') counts as the number it writes; given back as decimal text (an xs:decimal as it is).
 * Text that is no number at all makes the official sum fail (no verdict): it adds nothing here.
 */
function asSummed(text: string): string | undefined {
  const t = text.trim();
  if (!/[eE]/.test(t)) return t;
  const d = xsDouble(t);
  return d !== undefined && Number.isFinite(d) && Math.abs(d) < 1e21 ? d.toFixed(6) : undefined;
}

const eq = (a: Exact | null, b: Exact | null): boolean =>
  a !== null && b !== null && cmp(a, b) === 0;

/** Sum of the amounts (BT-92/BT-99/…) of allowances or charges. */
function sumAmounts(list: AllowanceCharge[]): Exact {
  let t = ZERO;
  for (const ac of list) t = addTo(t, ac.amount);
  return t;
}

export const checkTotals: ModelRuleSet = (inv, r) => {
  const cii = inv.syntax === 'CII';
  checkTaxPoint(inv, r, cii);
  checkLines(inv, r);
  checkVatIds(inv, r, cii);
  checkDocumentTotals(inv, r, cii);
  checkBreakdownArithmetic(inv, r, cii);
  checkPeriods(inv, r, cii);
  checkReasons(inv, r);
  checkSellerIdentified(inv, r, cii);
};

/** BR-CO-03: BT-7 (tax point date) and BT-8 (its code) exclude each other. */
function checkTaxPoint(inv: Invoice, r: Reporter, cii: boolean): void {
  if (inv.taxPointDate === undefined || inv.vatPointDateCode === undefined) return;
  const params = { date: inv.taxPointDate, code: inv.vatPointDateCode };
  // CII states both inside each header trade tax (BG-23) and checks each one; UBL once.
  if (cii && inv.vatBreakdowns.length > 0) {
    for (const b of inv.vatBreakdowns)
      if (!ciiCategoryRuleTakes(b, inv.syntax)) r.fire('BR-CO-03', b, undefined, params);
  } else if (!cii) {
    r.fire('BR-CO-03', inv, 'vatPointDateCode', params);
  }
}

/** BR-CO-04 (each line has a VAT category), BR-CO-20 (line period has a date). */
function checkLines(inv: Invoice, r: Reporter): void {
  for (const line of inv.lines) {
    // CII: only a line tax of type VAT gives a VAT category.
    if (line.vatCategoryCode === undefined || !underVat(line, inv.syntax))
      r.fire('BR-CO-04', line, 'vatCategoryCode');
    const p = line.period;
    if (p && p.startDate === undefined && p.endDate === undefined) r.fire('BR-CO-20', p);
  }
}

/** BR-CO-09: VAT identifiers (BT-31, BT-48, BT-63) start with a known country prefix. */
function checkVatIds(inv: Invoice, r: Reporter, cii: boolean): void {
  const parties = [inv.seller, inv.buyer, inv.taxRepresentative];
  for (const party of parties) {
    const id = party?.vatId;
    if (party === undefined || id === undefined) continue;
    // First two characters (code points, as XPath substring counts them).
    const prefix = Array.from(id).slice(0, 2).join('');
    // UBL searches the two characters anywhere in the list text (so a shorter value
    // passes); CII looks for them as a whole code. A keyed-in model gets the whole-code
    // check against both lists.
    const ok =
      inv.syntax === 'UBL'
        ? VAT_PREFIXES_UBL.includes(prefix)
        : VAT_PREFIXES_CII.includes(` ${prefix} `) ||
          (!cii && VAT_PREFIXES_UBL.includes(` ${prefix} `));
    if (!ok) r.fire('BR-CO-09', party, 'vatId', { value: id, prefix });
  }
}

/** BR-CO-10 to BR-CO-16: the document totals (BG-22). */
function checkDocumentTotals(inv: Invoice, r: Reporter, cii: boolean): void {
  const t = inv.totals;

  // CII's context is `//ram:SpecifiedTradeSettlementHeaderMonetarySummation`: a summation under
  // a transaction or header settlement in another namespace, which the reader does not see, is
  // one too, and its BR-CO-11/12 add up the allowances and charges at the absolute path (those
  // the model holds). Its other rules compare it with itself or with the lines beside it.
  for (const el of ramAnywhere(inv, 'SpecifiedTradeSettlementHeaderMonetarySummation') ?? []) {
    if (el === t?.$src) continue;
    const total = (local: string): string | undefined => child(el, NS.ram, local)?.text;
    checkAcTotal(r, 'BR-CO-11', el, undefined, total('AllowanceTotalAmount'), inv.allowances);
    checkAcTotal(r, 'BR-CO-12', el, undefined, total('ChargeTotalAmount'), inv.charges);
  }

  // BR-CO-10 to 13 and 16 are asserted on the monetary total element (UBL
  // cac:LegalMonetaryTotal, CII SpecifiedTradeSettlementHeaderMonetarySummation): a document
  // without one does not fire them, even when its VAT total gave the model a BG-22. A keyed-in
  // model, read from no XML, always has its totals judged.
  if (t && (t.$src !== undefined || inv.$src === undefined)) {
    // BR-CO-10: BT-106 = Σ BT-131, rounded to 2 decimals.
    let lines = ZERO;
    for (const line of inv.lines) lines = addTo(lines, line.netAmount);
    const expected = xround(lines);
    const found = amount(t.lineNetTotal);
    if (!eq(found, expected)) {
      r.fire('BR-CO-10', t, 'lineNetTotal', {
        expected: show(expected),
        found: shown(t.lineNetTotal),
      });
    }

    // BR-CO-11 / BR-CO-12: BT-107 = Σ BT-92 and BT-108 = Σ BT-99, rounded. A total may be
    // left out only when there is nothing to add up.
    checkAcTotal(r, 'BR-CO-11', t, 'allowanceTotal', t.allowanceTotal, inv.allowances);
    checkAcTotal(r, 'BR-CO-12', t, 'chargeTotal', t.chargeTotal, inv.charges);

    // BR-CO-13: BT-109 = BT-106 − BT-107 + BT-108, rounded; absent totals count as nothing.
    {
      const L = amount(t.lineNetTotal);
      const A = t.allowanceTotal === undefined ? undefined : amount(t.allowanceTotal);
      const C = t.chargeTotal === undefined ? undefined : amount(t.chargeTotal);
      let exp: Exact | null = null;
      if (L !== null && A !== null && C !== null) {
        if (A === undefined && C === undefined) {
          // UBL compares with BT-106 as is; CII with BT-106 rounded.
          exp = cii ? xround(L) : L;
        } else {
          exp = xround(L.minus(A ?? ZERO).plus(C ?? ZERO));
        }
      }
      if (!eq(amount(t.taxExclusiveAmount), exp)) {
        r.fire('BR-CO-13', t, 'taxExclusiveAmount', {
          expected: show(exp),
          found: shown(t.taxExclusiveAmount),
        });
      }
    }

    // BR-CO-16: BT-115 = BT-112 − BT-113 + BT-114.
    checkPayable(inv, r, cii);
  }

  // BR-CO-14: BT-110 = Σ BT-117, rounded.
  {
    let s = ZERO;
    for (const b of inv.vatBreakdowns) {
      // CII sums every ram:CalculatedAmount of the header taxes, a repeated one too (the
      // schema allows one; the model keeps the first).
      const src = cii ? b.$src : undefined;
      if (src) {
        for (const el of src.children)
          if (el.ns === NS.ram && el.local === 'CalculatedAmount') s = addTo(s, asSummed(el.text));
      } else s = addTo(s, b.taxAmount);
    }
    const expected = xround(s);
    if (cii) {
      // CII checks every total VAT amount stated in the invoice currency, even when there
      // is no breakdown (the sum is then 0).
      const code = inv.currencyCode;
      if (code !== undefined) {
        for (const v of vatTotalsInCurrency(inv, code)) {
          if (!eq(amount(v.value), expected)) {
            r.fire('BR-CO-14', v.at ?? t ?? inv, v.at ? undefined : 'vatTotal', {
              expected: show(expected),
              found: shown(v.value),
            });
          }
        }
      }
    } else {
      // UBL checks every TaxTotal that holds breakdowns against its own breakdowns,
      // whatever its currency; a keyed-in model has one, BT-110.
      const fromSource = ublTaxTotalsWithBreakdown(inv);
      if (fromSource) {
        for (const tt of fromSource) {
          let own = ZERO;
          for (const a of tt.subtotalAmounts) own = addTo(own, a);
          const exp = xround(own);
          if (!eq(amount(tt.value), exp)) {
            r.fire('BR-CO-14', tt.at, undefined, { expected: show(exp), found: shown(tt.value) });
          }
        }
      } else if (inv.vatBreakdowns.length > 0) {
        const v = t?.vatTotal;
        if (!eq(amount(v), expected)) {
          r.fire('BR-CO-14', t ?? inv, 'vatTotal', { expected: show(expected), found: shown(v) });
        }
      }
    }
  }

  // BR-CO-15: BT-112 = BT-109 + BT-110, with exactly one BT-110 in the invoice currency.
  {
    const code = inv.currencyCode;
    if (code !== undefined) {
      const found = vatTotalsInCurrency(inv, code);
      const TE = amount(t?.taxExclusiveAmount);
      const TI = amount(t?.taxInclusiveAmount);
      const vat = found.length === 1 ? amount(found[0]?.value) : null;
      const exp = TE !== null && vat !== null ? xround(TE.plus(vat)) : null;
      let ok = found.length === 1 && eq(TI, exp);
      // CII also accepts an invoice whose total with VAT equals the total without VAT.
      if (!ok && cii) ok = eq(TI, TE);
      if (!ok) {
        r.fire('BR-CO-15', t ?? inv, t ? 'taxInclusiveAmount' : undefined, {
          expected: show(exp),
          found: shown(t?.taxInclusiveAmount),
          count: String(found.length),
          currency: code,
        });
      }
    }
  }
}

function checkAcTotal(
  r: Reporter,
  id: string,
  at: DocumentTotals | XmlElement,
  field: string | undefined,
  total: string | undefined,
  list: AllowanceCharge[],
): void {
  if (total === undefined && list.length === 0) return;
  const expected = xround(sumAmounts(list));
  if (!eq(amount(total), expected)) {
    r.fire(id, at, field, { expected: show(expected), found: shown(total) });
  }
}

/** BR-CO-16. UBL rounds the differences to 2 decimals; CII compares them unrounded. */
function checkPayable(inv: Invoice, r: Reporter, cii: boolean): void {
  const t = inv.totals;
  if (!t) return;
  const P = amount(t.payableAmount);
  const TI = amount(t.taxInclusiveAmount);
  const hasPP = t.prepaidAmount !== undefined;
  const hasR = t.roundingAmount !== undefined;
  const PP = hasPP ? amount(t.prepaidAmount) : null;
  const R = hasR ? amount(t.roundingAmount) : null;
  let ok = false;
  let expected: Exact | null = null;
  if (TI !== null && (!hasPP || PP !== null) && (!hasR || R !== null)) {
    const due = hasPP && PP ? TI.minus(PP) : TI;
    expected = hasR && R ? due.plus(R) : due;
    if (P !== null) {
      if (cii) {
        ok = cmp(P, expected) === 0;
      } else if (!hasR) {
        ok = cmp(P, hasPP ? xround(due) : due) === 0;
      } else {
        const paid = xround(P.minus(R as Exact));
        ok = cmp(paid, hasPP ? xround(due) : due) === 0;
      }
    }
  }
  if (!ok) {
    r.fire('BR-CO-16', t, 'payableAmount', {
      expected: show(expected),
      found: shown(t.payableAmount),
    });
  }
}

/** BR-CO-17 (tax of each breakdown), BR-CO-18 (at least one breakdown). */
function checkBreakdownArithmetic(inv: Invoice, r: Reporter, cii: boolean): void {
  for (const b of inv.vatBreakdowns) {
    if (ciiCategoryRuleTakes(b, inv.syntax)) continue;
    // CII reads the rate only from a trade tax whose TypeCode is VAT (normalised, any case):
    // of another tax type, the tax must round to zero as if there were no rate.
    const s = b.taxScheme;
    const vatTyped = !cii || s === undefined || (s !== null && xmlTrim(s).toUpperCase() === 'VAT');
    const rate = vatTyped ? b.rate : undefined;
    const P = amount(rate);
    const TA = amount(b.taxAmount);
    let ok: boolean;
    let expected: Exact | null = null;
    if (rate === undefined || P === null) {
      // No rate: the tax must round to zero.
      ok = TA !== null && cmp(xround(TA, 0), ZERO) === 0;
      expected = ZERO;
    } else if (cmp(xround(P, 0), ZERO) === 0) {
      ok = TA !== null && cmp(xround(TA, 0), ZERO) === 0;
      expected = ZERO;
    } else {
      const TBA = amount(b.taxableAmount);
      expected = TBA === null ? null : xround(TBA.abs().times(P).times(PERCENT));
      // One currency unit of tolerance: strict in UBL, inclusive in CII.
      ok = TA !== null && expected !== null && withinOne(TA.abs(), expected, cii);
    }
    if (!ok) {
      r.fire('BR-CO-17', b, 'taxAmount', {
        expected: show(expected),
        found: shown(b.taxAmount),
        rate: shown(b.rate),
      });
    }
  }
  if (inv.vatBreakdowns.length === 0) {
    // CII checks this from every line; UBL (and a keyed-in model) once for the invoice.
    // CII's context is `//ram:IncludedSupplyChainTradeLineItem`: a line under a transaction in
    // another namespace, which the reader does not see, is one too.
    const anywhere = ramAnywhere(inv, 'IncludedSupplyChainTradeLineItem');
    if (anywhere) {
      const read = new Map(inv.lines.map((line) => [line.$src, line]));
      for (const el of anywhere) r.fire('BR-CO-18', read.get(el) ?? el);
    } else if (cii) for (const line of inv.lines) r.fire('BR-CO-18', line);
    else r.fire('BR-CO-18', inv);
  }
}

/** BR-CO-19: an invoicing period (BG-14) has a start or end date (UBL: or the BT-8 code). */
function checkPeriods(inv: Invoice, r: Reporter, cii: boolean): void {
  const p = inv.invoicingPeriod;
  if (!p || p.startDate !== undefined || p.endDate !== undefined) return;
  // UBL carries BT-8 inside the period and accepts a period holding only that code.
  if (!cii && inv.vatPointDateCode !== undefined) return;
  r.fire('BR-CO-19', p);
}

/** BR-CO-21 to BR-CO-24: every allowance or charge gives a reason text or code. */
function checkReasons(inv: Invoice, r: Reporter): void {
  const noReason = (ac: AllowanceCharge) => ac.reason === undefined && ac.reasonCode === undefined;
  for (const ac of inv.allowances) if (noReason(ac)) r.fire('BR-CO-21', ac, 'reason');
  for (const ac of inv.charges) if (noReason(ac)) r.fire('BR-CO-22', ac, 'reason');
  for (const line of inv.lines) {
    for (const ac of line.allowances) if (noReason(ac)) r.fire('BR-CO-23', ac, 'reason');
    for (const ac of line.charges) if (noReason(ac)) r.fire('BR-CO-24', ac, 'reason');
  }
}

/** BR-CO-26: the seller is identified by BT-29, BT-30 or BT-31. */
function checkSellerIdentified(inv: Invoice, r: Reporter, cii: boolean): void {
  const s = inv.seller;
  if (!s) return;
  if (s.vatId !== undefined || s.legalRegistration !== undefined) return;
  // In UBL an identifier in the SEPA scheme is the creditor reference (BT-90), not BT-29.
  if (s.identifiers.some((id) => cii || id.scheme !== 'SEPA')) return;
  r.fire('BR-CO-26', s);
}
