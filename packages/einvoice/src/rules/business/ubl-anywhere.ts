/**
 * What the official UBL VAT category tests see of tax categories. The 01 (a category is used
 * iff the VAT breakdown has it), 02/03/04 (who holds a VAT identifier when a line, allowance
 * or charge uses it) and BR-O-12/13/14 tests find categories with descendant paths —
 * `//cac:ClassifiedTaxCategory` for lines, `//cac:AllowanceCharge/cac:TaxCategory` for
 * allowances and charges, and (the single-rate 01) `//cac:TaxCategory` under any parent, the
 * breakdown's own included — so they also count a category under an element the reader does
 * not read: a line's cac:Item written in another namespace, a line or an allowance under a
 * foreign element. Their breakdown counts use the absolute
 * `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`. ublPresence evaluates each 01 test on the
 * tree, as written; they differ per category (BR-52, whose context is any
 * cac:AdditionalDocumentReference, takes the list of those, read or not):
 *
 * - S: used = lines', allowances' and charges' categories `normalize-space(cbc:ID) = 'S'`
 *   under any tax scheme; breakdowns likewise. Passes iff used and breakdowns are both none
 *   or both some.
 * - L (BR-AF-01): used under VAT; when used, some breakdown category with `cbc:ID = 'L'`
 *   exactly, under any tax scheme; when not, no breakdown `normalize-space(cbc:ID) = 'L'`
 *   under VAT.
 * - M (BR-AG-01): the same, the exact breakdown under VAT too.
 * - Z, E, AE, K, G, O: exactly one breakdown `cbc:ID` of the code under VAT, unless no
 *   `cac:TaxCategory` nor `cac:ClassifiedTaxCategory` anywhere has such an ID under VAT.
 *
 * Where XPath reads `normalize-space(cbc:ID)` of a category with several IDs, the reference
 * raises an error (no verdict); the first ID is used here, as it is for an allowance's
 * `cbc:ChargeIndicator`. One scan of the tree per invoice, remembered on the tree.
 */
import { NS } from '../../xml/ns.js';
import { child } from '../../xml/query.js';
import type { XmlElement } from '../../xml/types.js';
import { treeMemo } from '../../xml/tree-memo.js';
import type { Invoice } from '../../model/types.js';
import { xmlTrim } from '../codelists/sets.js';
import { chargeIndicator } from '../../ubl/read-common.js';

/** Per category code (as normalize-space leaves it, '' for a category without ID; but the
 * `exact` counts are keyed by the ID's text as written), the counts the tests take. */
interface Counts {
  /** Line categories (cac:ClassifiedTaxCategory), any tax scheme / under VAT. */
  linesAny: number;
  linesVat: number;
  /** Allowance and charge categories (cac:AllowanceCharge/cac:TaxCategory), whatever the
   * indicator, any tax scheme / under VAT. */
  acsAny: number;
  acsVat: number;
  /** Under VAT, of an allowance (`cbc:ChargeIndicator = false()`) / a charge (true). */
  allowancesVat: number;
  chargesVat: number;
  /** Breakdown categories (by their first ID), any tax scheme. */
  breakdownsAny: number;
  /** The same under VAT. */
  breakdownsVat: number;
  /** Breakdown cbc:ID elements under VAT (a category with two counts twice). */
  breakdownIdsVat: number;
  /** Some cac:TaxCategory or cac:ClassifiedTaxCategory anywhere has an ID of it under VAT. */
  anywhereVat: boolean;
  /** Breakdown categories with an ID exactly this text, any tax scheme / under VAT. */
  exactAny: number;
  exactVat: number;
}

export interface UblAnywhere {
  byCode: Map<string, Counts>;
  /** Every cac:AdditionalDocumentReference (BR-52's context), in document order. */
  documentReferences: XmlElement[];
  /** Every cac:AllowanceCharge/cac:TaxCategory under VAT (the 06/07 contexts), in document
   * order, with its code (normalize-space of the first ID) and whether it is a charge. */
  acCategories: { tc: XmlElement; code: string; charge: boolean }[];
}

const memo = treeMemo<UblAnywhere>();

function counts(use: UblAnywhere, code: string): Counts {
  let c = use.byCode.get(code);
  if (!c) {
    c = {
      linesAny: 0,
      linesVat: 0,
      acsAny: 0,
      acsVat: 0,
      allowancesVat: 0,
      chargesVat: 0,
      breakdownsAny: 0,
      breakdownsVat: 0,
      breakdownIdsVat: 0,
      anywhereVat: false,
      exactAny: 0,
      exactVat: 0,
    };
    use.byCode.set(code, c);
  }
  return c;
}

/** `[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']` */
function underVatScheme(tc: XmlElement): boolean {
  for (const s of tc.children) {
    if (s.local !== 'TaxScheme' || s.ns !== NS.cac) continue;
    const id = child(s, NS.cbc, 'ID');
    if (id && xmlTrim(id.text.toUpperCase()) === 'VAT') return true;
  }
  return false;
}

function isBreakdownCategory(tc: XmlElement, root: XmlElement): boolean {
  const sub = tc.parent;
  const total = sub?.parent;
  return (
    sub?.local === 'TaxSubtotal' &&
    sub.ns === NS.cac &&
    total?.local === 'TaxTotal' &&
    total.ns === NS.cac &&
    total.parent === root
  );
}

function record(use: UblAnywhere, tc: XmlElement, root: XmlElement): void {
  const classified = tc.local === 'ClassifiedTaxCategory';
  const vat = underVatScheme(tc);
  const ids = tc.children.filter((c) => c.local === 'ID' && c.ns === NS.cbc);
  if (vat) for (const id of ids) counts(use, xmlTrim(id.text)).anywhereVat = true;
  // normalize-space(cbc:ID): '' for a category without ID, matching no code.
  const first = ids.length > 0 ? xmlTrim(ids[0]!.text) : '';
  const parent = tc.parent;
  if (classified) {
    const c = counts(use, first);
    c.linesAny++;
    if (vat) c.linesVat++;
  } else if (parent?.local === 'AllowanceCharge' && parent.ns === NS.cac) {
    const c = counts(use, first);
    c.acsAny++;
    if (vat) {
      c.acsVat++;
      const charge = chargeIndicator(child(parent, NS.cbc, 'ChargeIndicator'));
      if (charge === true) c.chargesVat++;
      else if (charge === false) c.allowancesVat++;
      if (charge !== undefined) use.acCategories.push({ tc, code: first, charge });
    }
  } else if (isBreakdownCategory(tc, root)) {
    const c = counts(use, first);
    c.breakdownsAny++;
    if (vat) c.breakdownsVat++;
    if (vat) for (const id of ids) counts(use, xmlTrim(id.text)).breakdownIdsVat++;
    // `[cbc:ID = 'L']`: some ID exactly so; one count per category, not per ID.
    for (const text of new Set(ids.map((id) => id.text))) {
      const e = counts(use, text);
      e.exactAny++;
      if (vat) e.exactVat++;
    }
  }
}

/** What a UBL invoice's tree holds for the `//` tests; undefined for CII or a model read from
 * no XML. */
export function ublAnywhere(inv: Invoice): UblAnywhere | undefined {
  const root = inv.$src;
  if (!root || inv.syntax !== 'UBL') return undefined;
  let use = memo.get(root);
  if (use) return use;
  use = { byCode: new Map(), documentReferences: [], acCategories: [] };
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.ns === NS.cac) {
      const local = el.local;
      if (local === 'TaxCategory' || local === 'ClassifiedTaxCategory') record(use, el, root);
      else if (local === 'AdditionalDocumentReference') use.documentReferences.push(el);
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  memo.set(root, use);
  return use;
}

/** The official UBL BR-xx-01 test of category `code` on the tree: whether it passes, and how
 * many breakdowns of the category it counted (for the message). */
export function ublPresence(use: UblAnywhere, code: string): { ok: boolean; breakdowns: number } {
  const c = use.byCode.get(code);
  if (!c) return { ok: true, breakdowns: 0 };
  if (code === 'S') {
    const n = c.breakdownsAny;
    return { ok: c.linesAny + c.acsAny > 0 === n > 0, breakdowns: n };
  }
  if (code === 'L' || code === 'M') {
    if (c.linesVat + c.acsVat === 0)
      return { ok: c.breakdownsVat === 0, breakdowns: c.breakdownsVat };
    const n = code === 'L' ? c.exactAny : c.exactVat;
    return { ok: n > 0, breakdowns: n };
  }
  const n = c.breakdownIdsVat;
  return { ok: n === 1 || !c.anywhereVat, breakdowns: n };
}

/** Who uses a category, as the 02/03/04 and BR-O-12/13/14 tests look for it. */
export type UblUser = 'line' | 'allowance' | 'charge';

function usersOf(c: Counts, who: UblUser): number {
  return who === 'line' ? c.linesVat : who === 'allowance' ? c.allowancesVat : c.chargesVat;
}

/**
 * Whether some line (`//cac:ClassifiedTaxCategory`), allowance or charge
 * (`//cac:AllowanceCharge[cbc:ChargeIndicator = false()|true()]/cac:TaxCategory`) has
 * category `code` under VAT; `anyScheme`: lines under any tax scheme (BR-S-02's escape).
 */
export function ublUses(use: UblAnywhere, code: string, who: UblUser, anyScheme = false): boolean {
  const c = use.byCode.get(code);
  if (!c) return false;
  return (anyScheme && who === 'line' ? c.linesAny : usersOf(c, who)) > 0;
}

/** The first category code other than `code` (normalize-space(cbc:ID) != code, '' for none)
 * that a line, allowance or charge has under VAT (the first code seen in the tree); undefined if none. */
export function ublOtherUse(use: UblAnywhere, code: string, who: UblUser): string | undefined {
  for (const [k, c] of use.byCode) if (k !== code && usersOf(c, who) > 0) return k;
  return undefined;
}
