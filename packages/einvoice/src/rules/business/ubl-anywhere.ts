/**
 * What the official UBL BR-xx-01 tests see of tax categories. They ask whether a category is
 * used with descendant paths — `//cac:ClassifiedTaxCategory` for lines,
 * `//cac:AllowanceCharge/cac:TaxCategory` for allowances and charges, and (the single-rate
 * categories) `//cac:TaxCategory` under any parent, the breakdown's own included — so they
 * also count a category under an element the reader does not read: a line's cac:Item written
 * in another namespace, an allowance under a foreign element. Their breakdown counts use the
 * absolute `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory`. ublPresenceOk evaluates each test
 * on the tree, as written; the tests differ per category:
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
 * raises an error (no verdict); the first ID is used here. One scan of the tree per invoice,
 * remembered on the tree.
 */
import { NS } from '../../xml/ns.js';
import { child } from '../../xml/query.js';
import type { XmlElement } from '../../xml/types.js';
import { treeMemo } from '../../xml/tree-memo.js';
import type { Invoice } from '../../model/types.js';
import { xmlTrim } from '../codelists/sets.js';

/** Per category code, the counts the 01 tests take (codes as normalize-space leaves them,
 * but for the `exact` counts, keyed by the ID's text as written). */
interface Counts {
  /** Line (ClassifiedTaxCategory) and allowance/charge categories, any tax scheme. */
  usedAny: number;
  /** The same under the VAT scheme. */
  usedVat: number;
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

export interface UblCategoryUse {
  byCode: Map<string, Counts>;
}

const memo = treeMemo<UblCategoryUse>();

function counts(use: UblCategoryUse, code: string): Counts {
  let c = use.byCode.get(code);
  if (!c) {
    c = {
      usedAny: 0,
      usedVat: 0,
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

function record(use: UblCategoryUse, tc: XmlElement, root: XmlElement): void {
  const classified = tc.local === 'ClassifiedTaxCategory';
  const vat = underVatScheme(tc);
  const ids = tc.children.filter((c) => c.local === 'ID' && c.ns === NS.cbc);
  if (vat) for (const id of ids) counts(use, xmlTrim(id.text)).anywhereVat = true;
  // normalize-space(cbc:ID): '' for a category without ID, matching no code.
  const first = ids.length > 0 ? xmlTrim(ids[0]!.text) : '';
  const parent = tc.parent;
  if (classified || (parent?.local === 'AllowanceCharge' && parent.ns === NS.cac)) {
    const c = counts(use, first);
    c.usedAny++;
    if (vat) c.usedVat++;
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

/** The category counts of a UBL invoice's tree; undefined for CII or a model read from no XML. */
export function ublCategoryUse(inv: Invoice): UblCategoryUse | undefined {
  const root = inv.$src;
  if (!root || inv.syntax !== 'UBL') return undefined;
  let use = memo.get(root);
  if (use) return use;
  use = { byCode: new Map() };
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.ns === NS.cac && (el.local === 'TaxCategory' || el.local === 'ClassifiedTaxCategory'))
      record(use, el, root);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  memo.set(root, use);
  return use;
}

/** The official UBL BR-xx-01 test of category `code` on the tree: whether it passes, and how
 * many breakdowns of the category it counted (for the message). */
export function ublPresence(
  use: UblCategoryUse,
  code: string,
): { ok: boolean; breakdowns: number } {
  const c = use.byCode.get(code);
  if (!c) return { ok: true, breakdowns: 0 };
  if (code === 'S') {
    const n = c.breakdownsAny;
    return { ok: c.usedAny > 0 === n > 0, breakdowns: n };
  }
  if (code === 'L' || code === 'M') {
    if (c.usedVat === 0) return { ok: c.breakdownsVat === 0, breakdowns: c.breakdownsVat };
    const n = code === 'L' ? c.exactAny : c.exactVat;
    return { ok: n > 0, breakdowns: n };
  }
  const n = c.breakdownIdsVat;
  return { ok: n === 1 || !c.anywhereVat, breakdowns: n };
}
