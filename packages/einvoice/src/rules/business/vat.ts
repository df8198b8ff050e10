/**
 * The VAT category rules: BR-S (standard rate), BR-Z (zero rated), BR-E (exempt), BR-AE
 * (reverse charge), BR-IC (intra-community supply, code K), BR-G (export outside the EU),
 * BR-O (outside the scope of VAT), BR-AF (IGIC, code L) and BR-AG (IPSI, code M).
 *
 * Each category has the same ten-rule pattern, numbered alike:
 *   01 the breakdown (BG-23) is there iff the category is used (lines, allowances, charges)
 *   02/03/04 who must hold a VAT identifier when a line / allowance / charge uses it
 *   05/06/07 the rate of a line / allowance / charge of that category
 *   08 the breakdown's taxable amount (BT-116) adds up the lines, charges and allowances
 *   09 the breakdown's tax amount (BT-117)
 *   10 the exemption reason (BT-120/BT-121): forbidden or required
 * plus BR-IC-11/12 (delivery date and country) and BR-O-11 to 14 (O excludes every other
 * category). The variations between categories and between the two syntaxes' official
 * rules are data in CATEGORIES below, or commented branches; semantics follow the official
 * Schematron of each syntax, tolerances and rounding included.
 *
 * Anchors: rules whose official context is a line, allowance, charge or breakdown fire once
 * per occurrence on it; rules whose context is the invoice fire once on the invoice. The
 * 02/03/04 rules are invoice-level in UBL but per line/allowance/charge in CII; a keyed-in
 * model is reported per occurrence, the more useful of the two.
 *
 * A keyed-in model (no syntax) is judged by the UBL variant of each rule, except the
 * rates of lines, allowances and charges (05/06/07), judged as CII does (IGIC above 0):
 * CII is what a keyed-in invoice becomes (Factur-X).
 *
 * Cost: one pass over lines and allowances/charges to total them per category and rate,
 * then constant work per breakdown.
 */
import type { Exact } from '../../model/exact.js';
import type { ModelRuleSet, Reporter } from '../engine.js';
import type { AllowanceCharge, Invoice, InvoiceLine, VatBreakdown } from '../../model/types.js';
import { xcmp as cmp, ZERO_X as ZERO } from '../../model/exact.js';
import { amount, PERCENT, show, shown, withinOne, xround } from './totals-math.js';
import { IC_AND_O_RULES } from './vat-extra.js';
import { looseUblCategory, underVat } from './vat-source.js';
import { ublAnywhere, ublPresence, ublUses, type UblAnywhere } from './ubl-anywhere.js';
import type { Tally, VatContext } from './vat-context.js';
import { xmlTrim } from '../codelists/sets.js';
import { ciiStray, ciiTreeParties, isStrayBreakdown } from './cii-anywhere.js';
import { xsDouble } from './xs-double.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';
import { child } from '../../xml/query.js';

/** Who must (or must not) hold a VAT identifier when the category is used. */
type PartyRule =
  /** Seller VAT id or tax registration id (BT-31/BT-32), or tax representative's (BT-63). */
  | 'seller'
  /** Seller VAT id (BT-31) or tax representative's (BT-63): not BT-32. */
  | 'sellerVat'
  /** 'seller' and the buyer's VAT id (BT-48) or legal registration id (BT-47). */
  | 'sellerAndBuyer'
  /** 'sellerVat' and the buyer's VAT id (BT-48). */
  | 'sellerVatAndBuyerVat'
  /** Nobody: no BT-31, BT-63 nor BT-48. */
  | 'none';

/** What the rate (BT-96/BT-103/BT-119/BT-152) of a line, allowance or charge must be. */
type RateRule = 'positive' | 'zero' | 'nonNegative' | 'absent';

interface Category {
  code: string;
  prefix: string;
  /** 'rated' categories (S, L, M) may have several rates, each with its own breakdown. */
  rated: boolean;
  parties: PartyRule;
  rate: { ubl: RateRule; cii: RateRule };
  /** Exemption reason (BT-120/121) required (true) or forbidden (false) in the breakdown. */
  exemptionRequired: boolean;
  /** BR-xx-09 is never failed in CII (AF and AG). */
  ciiNoTaxCheck?: boolean;
}

export const CATEGORIES: readonly Category[] = [
  cat('S', 'BR-S', true, 'seller', 'positive', 'positive', false),
  cat('Z', 'BR-Z', false, 'seller', 'zero', 'zero', false),
  cat('E', 'BR-E', false, 'seller', 'zero', 'zero', true),
  cat('AE', 'BR-AE', false, 'sellerAndBuyer', 'zero', 'zero', true),
  cat('K', 'BR-IC', false, 'sellerVatAndBuyerVat', 'zero', 'zero', true),
  cat('G', 'BR-G', false, 'sellerVat', 'zero', 'zero', true),
  cat('O', 'BR-O', false, 'none', 'absent', 'absent', true),
  // IGIC: UBL accepts a rate of 0, CII wants it above 0.
  { ...cat('L', 'BR-AF', true, 'seller', 'nonNegative', 'positive', false), ciiNoTaxCheck: true },
  {
    ...cat('M', 'BR-AG', true, 'seller', 'nonNegative', 'nonNegative', false),
    ciiNoTaxCheck: true,
  },
];

function cat(
  code: string,
  prefix: string,
  rated: boolean,
  parties: PartyRule,
  ubl: RateRule,
  cii: RateRule,
  exemptionRequired: boolean,
): Category {
  return { code, prefix, rated, parties, rate: { ubl, cii }, exemptionRequired };
}

const newTally = (): Tally => ({
  lines: ZERO,
  lineCount: 0,
  allowances: ZERO,
  allowanceCount: 0,
  charges: ZERO,
  chargeCount: 0,
});

/** Codes of the categories that may have several rates (summed per rate by rule 08). */
const RATED = new Set(CATEGORIES.filter((c) => c.rated).map((c) => c.code));

/** Adds one line net amount (or allowance, charge amount) to a tally. */
function bump(t: Tally, kind: 'lines' | 'allowances' | 'charges', value: Exact | null): void {
  if (kind === 'lines') {
    if (value) t.lines = t.lines.plus(value);
    t.lineCount++;
  } else if (kind === 'allowances') {
    if (value) t.allowances = t.allowances.plus(value);
    t.allowanceCount++;
  } else {
    if (value) t.charges = t.charges.plus(value);
    t.chargeCount++;
  }
}

/** Normalised rate text for grouping ('20.00' and '20' alike), '' when none or invalid. */
const rateKey = (rate: string | undefined): string => amount(rate)?.toString() ?? '';

/**
 * `${code}|${rateKey(rate)}` by code and rate as written, kept: lines repeat a few rates, and
 * each key built afresh (a value read, printed, concatenated, then hashed by the map) cost
 * more than the tally it finds. Bounded: rates seen beyond it are keyed each time.
 */
const RATE_KEYS = new Map<string, Map<string, string>>();
const MAX_RATE_KEYS = 1024;
let rateKeyCount = 0;

function categoryRateKey(code: string, rate: string | undefined): string {
  if (rate === undefined) return `${code}|`;
  let byRate = RATE_KEYS.get(code);
  let key = byRate?.get(rate);
  if (key !== undefined) return key;
  key = `${code}|${rateKey(rate)}`;
  if (rateKeyCount < MAX_RATE_KEYS) {
    if (!byRate) RATE_KEYS.set(code, (byRate = new Map()));
    byRate.set(rate, key);
    rateKeyCount++;
  }
  return key;
}

function buildContext(inv: Invoice, r: Reporter): VatContext {
  const cii = inv.syntax === 'CII';
  const code = cii
    ? (c: string | undefined) => c
    : (c: string | undefined) => (c === undefined ? undefined : xmlTrim(c));
  const tally = new Map<string, Tally>();
  const get = (key: string): Tally => {
    let t = tally.get(key);
    if (!t) tally.set(key, (t = newTally()));
    return t;
  };
  // UBL's 08 sums see categories outside the VAT scheme too: those go to `loose` only.
  const loose = new Map<string, Tally>();
  let looseUsed = false;
  const getLoose = (key: string): Tally => {
    let t = loose.get(key);
    if (!t) loose.set(key, (t = newTally()));
    return t;
  };
  const add = (
    x: InvoiceLine | AllowanceCharge,
    kind: 'lines' | 'allowances' | 'charges',
    countOnly = false,
  ): void => {
    let c = code(x.vatCategoryCode);
    let rate = x.vatRate;
    let target = get;
    if (c === undefined) {
      if (inv.syntax !== 'UBL') return;
      const found = looseUblCategory(x.$src, kind === 'lines');
      if (!found) return;
      c = found.code;
      rate = found.rate;
      target = getLoose;
      looseUsed = true;
    }
    const raw = kind === 'lines' ? (x as InvoiceLine).netAmount : (x as AllowanceCharge).amount;
    const value = countOnly ? null : amount(raw); // parsed once, added to both tallies
    bump(target(c), kind, value);
    // Only the rated categories are summed per rate.
    if (RATED.has(c)) bump(target(categoryRateKey(c, rate)), kind, value);
  };
  for (const line of inv.lines) {
    add(line, 'lines');
    // A line allowance or charge with a VAT category counts as a use of it (01, and the
    // "exists" of UBL's rated 08) but the official 08 sums leave it out.
    for (const ac of line.allowances) add(ac, 'allowances', true);
    for (const ac of line.charges) add(ac, 'charges', true);
  }
  for (const ac of inv.allowances) add(ac, 'allowances');
  for (const ac of inv.charges) add(ac, 'charges');
  // CII allowances, charges and breakdowns under a container in another namespace: the
  // official `//` contexts and counts see them, the 08 sums (absolute paths) do not.
  const stray = ciiStray(inv);
  for (const line of stray.lines) add(line, 'lines', true);
  for (const ac of stray.allowances) add(ac, 'allowances', true);
  for (const ac of stray.charges) add(ac, 'charges', true);
  // The 08 tallies: the model's plus the loose ones (a copy only when there are any).
  let sumTally = tally;
  if (looseUsed) {
    sumTally = new Map();
    for (const [k, t] of tally) sumTally.set(k, { ...t });
    for (const [k, t] of loose) {
      const m = sumTally.get(k) ?? newTally();
      sumTally.set(k, {
        lines: m.lines.plus(t.lines),
        lineCount: m.lineCount + t.lineCount,
        allowances: m.allowances.plus(t.allowances),
        allowanceCount: m.allowanceCount + t.allowanceCount,
        charges: m.charges.plus(t.charges),
        chargeCount: m.chargeCount + t.chargeCount,
      });
    }
  }
  const byCode = new Map<string, VatBreakdown[]>();
  for (const b of [...inv.vatBreakdowns, ...stray.breakdowns]) {
    const c = code(b.categoryCode);
    if (c === undefined) continue;
    let list = byCode.get(c);
    if (!list) byCode.set(c, (list = []));
    list.push(b);
  }
  // Line allowances and charges rarely carry a category: copy the lists only when one does.
  let allAllowances = stray.allowances.length
    ? [...inv.allowances, ...stray.allowances]
    : inv.allowances;
  let allCharges = stray.charges.length ? [...inv.charges, ...stray.charges] : inv.charges;
  for (const line of inv.lines) {
    if (line.allowances.some((a) => a.vatCategoryCode !== undefined)) {
      if (allAllowances === inv.allowances) allAllowances = [...inv.allowances];
      for (const a of line.allowances) if (a.vatCategoryCode !== undefined) allAllowances.push(a);
    }
    if (line.charges.some((a) => a.vatCategoryCode !== undefined)) {
      if (allCharges === inv.charges) allCharges = [...inv.charges];
      for (const a of line.charges) if (a.vatCategoryCode !== undefined) allCharges.push(a);
    }
  }
  const syntax = inv.syntax;
  return {
    inv,
    r,
    cii,
    perOccurrence: syntax !== 'UBL',
    code,
    tally,
    sumTally,
    breakdownsOf: (c) => byCode.get(c) ?? [],
    allAllowances,
    allCharges,
    vat: (x) => underVat(x, syntax),
  };
}

export const checkVatCategories: ModelRuleSet = (inv, r) => {
  const ctx = buildContext(inv, r);
  // UBL's 01 tests count categories anywhere in the tree (ubl-anywhere.ts): judged there.
  const ublUse = ublAnywhere(inv);
  for (const c of CATEGORIES) {
    const breakdowns = ctx.breakdownsOf(c.code);
    if (ublUse) {
      const p = ublPresence(ublUse, c.code);
      if (!p.ok) fire01(ctx, c, p.breakdowns);
      checkUblParties(ctx, c, ublUse);
      checkUnreadUblRates(ctx, c, ublUse);
    }
    // Nothing of this category in the model: none of its other rules can fail.
    const used = ctx.sumTally.get(c.code);
    if (!used && breakdowns.length === 0) continue;
    if (!ublUse) {
      checkPresence(ctx, c, used, breakdowns.length);
      checkParties(ctx, c);
    }
    checkRates(ctx, c);
    for (const b of breakdowns)
      if (!isStrayBreakdown(b) || c.code === 'S' || c.code === 'Z') checkBreakdown(ctx, c, b);
  }
  IC_AND_O_RULES(ctx);
};

function fire01(ctx: VatContext, c: Category, n: number): void {
  ctx.r.fire(`${c.prefix}-01`, ctx.inv, 'vatBreakdowns', {
    category: c.code,
    breakdowns: String(n),
  });
}

/**
 * BR-xx-01 from the model: the category has a breakdown (exactly one for the single-rate
 * ones). CII, and a keyed-in model (judged as UBL, which a model without tree can only
 * approximate: see ublPresence for the tree).
 */
function checkPresence(ctx: VatContext, c: Category, used: Tally | undefined, n: number): void {
  const lines = used?.lineCount ?? 0;
  const acs = (used?.allowanceCount ?? 0) + (used?.chargeCount ?? 0);
  let ok: boolean;
  if (!ctx.cii) {
    // Keyed-in, as UBL. Rated: breakdowns iff used. Single: exactly one breakdown (a
    // breakdown alone counts as use, so a lone breakdown passes).
    ok = c.rated ? lines + acs > 0 === n > 0 : n === 1;
  } else if (c.rated) {
    // CII counts occurrences: lines (or allowances/charges) of the category plus its
    // breakdowns must make at least two.
    ok = (lines === 0 || lines + n >= 2) && (acs === 0 || acs + n >= 2);
  } else if (c.code === 'O') {
    // CII, O: a breakdown needs one of its kind and some use; use without breakdown passes.
    ok = n === 0 || (n === 1 && lines + acs > 0);
  } else {
    ok = (n === 0 && lines + acs === 0) || (n === 1 && lines + acs > 0);
  }
  if (!ok) fire01(ctx, c, n);
}

/**
 * The categories whose official CII party tests look for the parties anywhere in the tree
 * (`//ram:SellerTradeParty/…`): all of AE's, IC's and G's, and the buyer of O's. The others
 * ask for the parties under /rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/
 * ram:ApplicableHeaderTradeAgreement, which is what the reader reads.
 */
const CII_TREE_WIDE = new Set(['AE', 'K', 'G']);

/** Whether the parties' identifiers satisfy the category's requirement. */
function partiesOk(inv: Invoice, c: Category): boolean {
  const tree = inv.syntax === 'CII' ? ciiTreeParties(inv) : undefined;
  if (tree && CII_TREE_WIDE.has(c.code)) {
    const sellerVat = tree.sellerVa || tree.representativeVa;
    if (c.parties === 'sellerVat') return sellerVat;
    if (c.parties === 'sellerVatAndBuyerVat') return sellerVat && tree.buyerVa;
    // AE: the seller's VA or FC, or the representative's VA; the buyer's VA or legal id.
    return (sellerVat || tree.sellerFc) && (tree.buyerVa || tree.buyerLegal);
  }
  if (tree && c.code === 'O') {
    const s = inv.seller;
    return s?.vatId === undefined && inv.taxRepresentative?.vatId === undefined && !tree.buyerVa;
  }
  return partiesFromModel(inv, c.parties);
}

/** partiesOk from the model alone (UBL, or the CII categories with absolute paths). */
function partiesFromModel(inv: Invoice, rule: PartyRule): boolean {
  const s = inv.seller;
  const repVat = inv.taxRepresentative?.vatId !== undefined;
  const sellerVat = s?.vatId !== undefined || repVat;
  const sellerAny = sellerVat || s?.taxRegistrationId !== undefined;
  const b = inv.buyer;
  switch (rule) {
    case 'seller':
      return sellerAny;
    case 'sellerVat':
      return sellerVat;
    case 'sellerAndBuyer':
      return sellerAny && (b?.vatId !== undefined || b?.legalRegistration !== undefined);
    case 'sellerVatAndBuyerVat':
      return sellerVat && b?.vatId !== undefined;
    case 'none':
      return !sellerVat && b?.vatId === undefined;
  }
}

/**
 * BR-xx-02/03/04 from the model (CII, keyed-in): VAT identifiers when a line / allowance /
 * charge uses the category.
 */
function checkParties(ctx: VatContext, c: Category): void {
  if (partiesOk(ctx.inv, c)) return;
  const groups: [string, (InvoiceLine | AllowanceCharge)[]][] = [
    ['02', ctx.inv.lines],
    ['03', ctx.allAllowances],
    ['04', ctx.allCharges],
  ];
  for (const [n, list] of groups) {
    const id = `${c.prefix}-${n}`;
    const found = list.filter((x) => ctx.code(x.vatCategoryCode) === c.code && ctx.vat(x));
    if (found.length === 0) continue;
    if (ctx.perOccurrence) for (const u of found) ctx.r.fire(id, u, 'vatCategoryCode');
    else ctx.r.fire(id, ctx.inv, 'seller');
  }
}

/**
 * UBL's BR-xx-02/03/04, once on the invoice: their use of the category is looked for
 * anywhere in the tree (ubl-anywhere.ts), lines under a foreign element included.
 */
function checkUblParties(ctx: VatContext, c: Category, use: UblAnywhere): void {
  const ok = partiesOk(ctx.inv, c);
  if (c.code === 'S') {
    // BR-S-02 is escaped only when no line has an S category of any tax scheme: an S line
    // outside VAT alone fails it, whoever holds a VAT identifier.
    if (ublUses(use, 'S', 'line', true) && (!ok || !ublUses(use, 'S', 'line')))
      ctx.r.fire('BR-S-02', ctx.inv, 'seller');
  } else if (!ok && ublUses(use, c.code, 'line')) ctx.r.fire(`${c.prefix}-02`, ctx.inv, 'seller');
  if (ok) return;
  if (ublUses(use, c.code, 'allowance')) ctx.r.fire(`${c.prefix}-03`, ctx.inv, 'seller');
  if (ublUses(use, c.code, 'charge')) ctx.r.fire(`${c.prefix}-04`, ctx.inv, 'seller');
}

function rateOk(rule: RateRule, rate: string | undefined, cii: boolean): boolean {
  if (rule === 'absent') return rate === undefined;
  const v = amount(rate);
  let sign: number;
  if (v !== null) sign = cmp(v, ZERO);
  else {
    // CII compares the untyped rate with 0 (as xs:double: '1E3' is 1000, NaN fails every
    // test); UBL casts it to xs:decimal first, where such a text is no number.
    const d = cii && rate !== undefined ? xsDouble(rate) : undefined;
    if (d === undefined || Number.isNaN(d)) return false;
    sign = Math.sign(d);
  }
  if (rule === 'zero') return sign === 0;
  if (rule === 'positive') return sign > 0;
  return sign >= 0;
}

/** BR-xx-05/06/07: the rate of each line, allowance and charge of the category. */
function checkRates(ctx: VatContext, c: Category): void {
  const rule = ctx.cii || ctx.inv.syntax === undefined ? c.rate.cii : c.rate.ubl;
  const check = (id: string, x: InvoiceLine | AllowanceCharge) => {
    if (ctx.code(x.vatCategoryCode) !== c.code || rateOk(rule, x.vatRate, ctx.cii) || !ctx.vat(x))
      return;
    ctx.r.fire(id, x, 'vatRate', { category: c.code, rate: shown(x.vatRate) });
  };
  // The ids built once, not per line.
  const lineId = `${c.prefix}-05`;
  for (const line of ctx.inv.lines) check(lineId, line);
  if (ctx.allAllowances.length > 0) {
    const allowanceId = `${c.prefix}-06`;
    for (const ac of ctx.allAllowances) check(allowanceId, ac);
  }
  if (ctx.allCharges.length > 0) {
    const chargeId = `${c.prefix}-07`;
    for (const ac of ctx.allCharges) check(chargeId, ac);
  }
}

/**
 * UBL's 06/07 contexts are any `cac:AllowanceCharge/cac:TaxCategory` under VAT: those of an
 * allowance or charge the model has not read (under a line in another namespace) are judged
 * here, from the tree.
 */
function checkUnreadUblRates(ctx: VatContext, c: Category, use: UblAnywhere): void {
  let held: Set<XmlElement | undefined> | undefined;
  for (const { tc, code, charge } of use.acCategories) {
    if (code !== c.code) continue;
    if (!held) {
      held = new Set();
      for (const ac of ctx.allAllowances) held.add(ac.$src);
      for (const ac of ctx.allCharges) held.add(ac.$src);
    }
    if (held.has(tc.parent ?? undefined)) continue;
    const rate = child(tc, NS.cbc, 'Percent')?.text;
    if (rateOk(c.rate.ubl, rate, false)) continue;
    ctx.r.fire(`${c.prefix}-${charge ? '07' : '06'}`, tc, undefined, {
      category: c.code,
      rate: shown(rate),
    });
  }
}

/** BR-xx-08/09/10 on one breakdown of the category. */
function checkBreakdown(ctx: VatContext, c: Category, b: VatBreakdown): void {
  const { r, cii } = ctx;
  // CII: the 08/09/10 contexts of every category but S and Z want a breakdown of type VAT.
  if (cii && c.code !== 'S' && c.code !== 'Z' && !ctx.vat(b)) return;
  const TBA = amount(b.taxableAmount);
  const TA = amount(b.taxAmount);

  // 08: the taxable amount. In CII, IGIC and IPSI read the rate from the settlement, where it
  // never is, so their official 08 (like their 09) can never fail: not checked there either.
  if (!(cii && c.ciiNoTaxCheck)) {
    let ok = true;
    let expected: Exact | null = null;
    if (c.rated) {
      // Per rate; a breakdown without a (readable) rate is not checked.
      const rate = amount(b.rate);
      if (rate !== null) {
        const t = ctx.sumTally.get(`${c.code}|${rate.toString()}`) ?? newTally();
        if (cii) {
          // CII rounds each sum, then wants equality.
          expected = xround(t.lines).plus(xround(t.charges)).minus(xround(t.allowances));
          ok = TBA !== null && cmp(TBA, expected) === 0;
        } else {
          // UBL: the unrounded sum within 1, and for S something at that rate must exist
          // (a line, or an allowance or charge, at any level); L's and M's ask only for
          // some line (`exists(//cac:InvoiceLine)`), so a breakdown of 0 at a rate nothing
          // has passes there.
          expected = t.lines.plus(t.charges).minus(t.allowances);
          const exists =
            c.code === 'S'
              ? t.lineCount + t.allowanceCount + t.chargeCount > 0
              : ctx.inv.lines.length > 0;
          ok = exists && TBA !== null && withinOne(TBA, expected);
          // BR-S-08's second branch, `(exists(//cac:CreditNoteLine[…]) or
          // exists(//cac:AllowanceCharge[…]))` and the sum over cac:CreditNoteLine, is opened
          // by an allowance or charge at the rate alone: in a document whose lines are of the
          // other kind it sums none of them. (The model's lines are of the document's kind.)
          if (!ok && c.code === 'S' && TBA !== null && t.allowanceCount + t.chargeCount > 0)
            ok = withinOne(TBA, t.charges.minus(t.allowances));
        }
      }
    } else {
      const t = ctx.sumTally.get(c.code) ?? newTally();
      if (cii) {
        expected = xround(t.lines).plus(xround(t.charges)).minus(xround(t.allowances));
        // CII: O wants equality, the other single-rate categories a tolerance of 1.
        ok = TBA !== null && (c.code === 'O' ? cmp(TBA, expected) === 0 : withinOne(TBA, expected));
      } else {
        // UBL: exact unrounded sum, and the invoice must have lines at all.
        expected = t.lines.plus(t.charges).minus(t.allowances);
        ok = ctx.inv.lines.length > 0 && TBA !== null && cmp(TBA, expected) === 0;
      }
    }
    if (!ok) {
      r.fire(`${c.prefix}-08`, b, 'taxableAmount', {
        category: c.code,
        rate: shown(b.rate),
        expected: show(expected),
        found: shown(b.taxableAmount),
      });
    }
  }

  // 09: the tax amount.
  if (c.rated) {
    if (!(cii && c.ciiNoTaxCheck)) {
      const P = amount(b.rate);
      const expected =
        TBA !== null && P !== null ? xround(TBA.abs().times(P).times(PERCENT)) : null;
      if (TA === null || expected === null || !withinOne(TA.abs(), expected)) {
        r.fire(`${c.prefix}-09`, b, 'taxAmount', {
          category: c.code,
          expected: show(expected),
          found: shown(b.taxAmount),
        });
      }
    }
  } else if (TA === null || cmp(TA, ZERO) !== 0) {
    r.fire(`${c.prefix}-09`, b, 'taxAmount', {
      category: c.code,
      expected: '0',
      found: shown(b.taxAmount),
    });
  }

  // 10: the exemption reason.
  const hasReason = b.exemptionReason !== undefined || b.exemptionReasonCode !== undefined;
  if (hasReason !== c.exemptionRequired) {
    r.fire(
      `${c.prefix}-10`,
      b,
      hasReason
        ? b.exemptionReason !== undefined
          ? 'exemptionReason'
          : 'exemptionReasonCode'
        : undefined,
      { category: c.code },
    );
  }
}
