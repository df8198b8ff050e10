/**
 * The VAT category rules outside the common ten-rule pattern (see vat.ts): BR-IC-11/12
 * (an intra-community supply states when and where the goods were delivered) and BR-O-11 to
 * BR-O-14 (an invoice "outside the scope of VAT" uses no other category).
 */
import { isStrayBreakdown } from './cii-anywhere.js';
import type { XmlElement } from '../../xml/types.js';
import type { VatContext } from './vat-context.js';
import { ublIdlessVatCategory, type UblHolder } from './vat-source.js';
import { ublAnywhere, ublOtherUse, type UblUser } from './ubl-anywhere.js';
import type { AllowanceCharge, InvoiceLine } from '../../model/types.js';

// A stray breakdown (cii-anywhere.ts) is no context: K's and O's rules ask for
// `//rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement`.
export function IC_AND_O_RULES(ctx: VatContext): void {
  checkIntraCommunity(ctx);
  checkOutsideScope(ctx);
}

/** BR-IC-11 (delivery date or invoicing period), BR-IC-12 (deliver-to country). */
function checkIntraCommunity(ctx: VatContext): void {
  // CII: only K breakdowns of type VAT are contexts.
  const k = ctx.breakdownsOf('K').filter((b) => !isStrayBreakdown(b) && (!ctx.cii || ctx.vat(b)));
  if (k.length === 0) return;
  const inv = ctx.inv;
  const d = inv.delivery;
  const p = inv.invoicingPeriod;
  if (ctx.cii) {
    // CII: per K breakdown; the elements only need to be there.
    const dated =
      d?.actualDate !== undefined || p?.startDate !== undefined || p?.endDate !== undefined;
    const country = d?.address?.countryCode !== undefined;
    for (const b of k) {
      if (!dated) ctx.r.fire('BR-IC-11', b);
      if (!country) ctx.r.fire('BR-IC-12', b);
    }
    return;
  }
  // UBL (and keyed-in): once; a date needs at least two characters, a period any content
  // (in UBL the BT-8 code sits inside the period).
  const dated =
    (d?.actualDate !== undefined && d.actualDate.length > 1) ||
    (p !== undefined &&
      (p.startDate !== undefined ||
        p.endDate !== undefined ||
        (inv.syntax === 'UBL' && inv.vatPointDateCode !== undefined)));
  if (!dated) ctx.r.fire('BR-IC-11', d ?? inv, d ? 'actualDate' : undefined);
  const cc = d?.address?.countryCode;
  if (cc === undefined || cc.length <= 1) {
    ctx.r.fire('BR-IC-12', d?.address ?? d ?? inv, d?.address ? 'countryCode' : undefined);
  }
}

/** BR-O-11 to BR-O-14: with an O breakdown, no other category anywhere. */
function checkOutsideScope(ctx: VatContext): void {
  // CII: only O breakdowns of type VAT are contexts.
  const o = ctx.breakdownsOf('O').filter((b) => !isStrayBreakdown(b) && (!ctx.cii || ctx.vat(b)));
  if (o.length === 0) return;
  const inv = ctx.inv;
  // UBL compares normalize-space(cbc:ID) != 'O': a VAT tax category without an ID is
  // another category (its code reads ''); CII's comparison with an absent code is false.
  const ubl = inv.syntax === 'UBL';
  const other = (c: string | undefined, src: XmlElement | undefined, holder: UblHolder) => {
    const v = ctx.code(c);
    if (v !== undefined) return v !== 'O';
    return ubl && ublIdlessVatCategory(src, holder);
  };
  const otherBreakdown = inv.vatBreakdowns.find((b) => other(b.categoryCode, b.$src, 'subtotal'));
  const otherLine = inv.lines.find((l) => other(l.vatCategoryCode, l.$src, 'line'));
  // Line allowances and charges with a category count too (both syntaxes' 13 and 14).
  const otherAllowance = ctx.allAllowances.find((a) => other(a.vatCategoryCode, a.$src, 'ac'));
  const otherCharge = ctx.allCharges.find((a) => other(a.vatCategoryCode, a.$src, 'ac'));
  if (ctx.cii) {
    // CII, per O breakdown: 11 and 12 both look at every trade tax (breakdowns and lines),
    // 13 and 14 both at every allowance and charge.
    const tax = otherBreakdown?.categoryCode ?? otherLine?.vatCategoryCode;
    const ac = otherAllowance?.vatCategoryCode ?? otherCharge?.vatCategoryCode;
    for (const b of o) {
      if (tax !== undefined) {
        ctx.r.fire('BR-O-11', b, undefined, { category: tax });
        ctx.r.fire('BR-O-12', b, undefined, { category: tax });
      }
      if (ac !== undefined) {
        ctx.r.fire('BR-O-13', b, undefined, { category: ac });
        ctx.r.fire('BR-O-14', b, undefined, { category: ac });
      }
    }
    return;
  }
  if (otherBreakdown) {
    ctx.r.fire('BR-O-11', otherBreakdown, 'categoryCode', {
      category: otherBreakdown.categoryCode ?? '',
    });
  }
  // UBL's 12 to 14 look for the other categories anywhere in the tree (ubl-anywhere.ts): a
  // line whose item the reader left out still counts. Reported on the model's occurrence
  // when there is one, else on the invoice.
  const use = ublAnywhere(inv);
  const fire = (id: string, found: InvoiceLine | AllowanceCharge | undefined, who: UblUser) => {
    const inTree = use ? ublOtherUse(use, 'O', who) : undefined;
    if (use ? inTree === undefined : !found) return;
    const category = found?.vatCategoryCode ?? inTree ?? '';
    if (found) ctx.r.fire(id, found, 'vatCategoryCode', { category });
    else ctx.r.fire(id, inv, 'vatBreakdowns', { category });
  };
  fire('BR-O-12', otherLine, 'line');
  fire('BR-O-13', otherAllowance, 'allowance');
  fire('BR-O-14', otherCharge, 'charge');
}
