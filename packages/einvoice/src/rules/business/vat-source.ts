/**
 * Where the official VAT rules see categories the model treats apart. underVat: which
 * categories count where a rule wants the VAT scheme (CII TypeCode). looseUblCategory:
 * UBL's BR-xx-08 sums (taxable amount of a VAT breakdown) select lines, allowances and
 * charges by their tax category code without looking at the tax scheme, while the model
 * (rightly, per the EN 16931 binding) only keeps categories under the VAT scheme. For a
 * line, allowance or charge read from UBL whose category the model left out, this recovers
 * the category code and rate the official sums would see. Only called for those rare
 * occurrences, so the common path never touches the tree.
 */
import { NS } from '../../xml/ns.js';
import { child } from '../../xml/query.js';
import type { XmlElement } from '../../xml/types.js';
import type { Syntax } from '../../model/types.js';
import { xmlTrim } from '../codelists/sets.js';

/** Category code and rate of the first tax category of a UBL line or allowance/charge. */
export function looseUblCategory(
  src: XmlElement | undefined,
  isLine: boolean,
): { code: string; rate: string | undefined } | undefined {
  if (!src) return undefined;
  const holder = isLine ? child(src, NS.cac, 'Item') : src;
  const tc = child(holder, NS.cac, isLine ? 'ClassifiedTaxCategory' : 'TaxCategory');
  const id = child(tc, NS.cbc, 'ID');
  if (!id) return undefined;
  return { code: xmlTrim(id.text), rate: child(tc, NS.cbc, 'Percent')?.text };
}

/**
 * Whether a VAT category of the model counts as one under the VAT scheme where the official
 * rule requires it: UBL categories are VAT ones by construction (the reader keeps no other),
 * CII ones (and keyed-in ones) need their TypeCode to be VAT once upper-cased, the default
 * when the model states none (see VatBreakdown.taxScheme; null: no TypeCode at all).
 */
export function underVat(x: { taxScheme?: string | null }, syntax: Syntax | undefined): boolean {
  if (syntax === 'UBL') return true;
  const s = x.taxScheme;
  return s === undefined || (s !== null && s.toUpperCase() === 'VAT');
}

/**
 * CII: whether a VAT breakdown escapes the generic rules on header trade taxes (BR-45 to
 * BR-48, BR-CO-03, BR-CO-17, BR-DEC-19, BR-DEC-20). Their context,
 * `//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax`, is the last rule of its
 * Schematron pattern, and a node is judged by the first rule of a pattern whose context it
 * matches: the BR-AF, BR-AG and BR-O rules take a trade tax whose CategoryCode is exactly L,
 * M or O under VAT (upper-cased TypeCode). UBL's contexts have no such overlap.
 */
export function ciiCategoryRuleTakes(
  b: { categoryCode?: string; taxScheme?: string | null },
  syntax: Syntax | undefined,
): boolean {
  if (syntax !== 'CII') return false;
  const c = b.categoryCode;
  return (c === 'L' || c === 'M' || c === 'O') && underVat(b, syntax);
}

/** What a UBL element holding a tax category is: a line (under its cac:Item), an allowance or
 * charge, or a breakdown's cac:TaxSubtotal. */
export type UblHolder = 'line' | 'ac' | 'subtotal';

/**
 * Whether a UBL line, allowance/charge or breakdown has a tax category under the VAT scheme
 * without a cbc:ID (the model then has no category code). Looked up only for those.
 */
export function ublIdlessVatCategory(src: XmlElement | undefined, holder: UblHolder): boolean {
  if (!src) return false;
  const parent = holder === 'line' ? child(src, NS.cac, 'Item') : src;
  const local = holder === 'line' ? 'ClassifiedTaxCategory' : 'TaxCategory';
  for (const tc of parent?.children ?? []) {
    if (tc.local !== local || tc.ns !== NS.cac) continue;
    const scheme = child(child(tc, NS.cac, 'TaxScheme'), NS.cbc, 'ID');
    if (!scheme || xmlTrim(scheme.text).toUpperCase() !== 'VAT') continue;
    if (!child(tc, NS.cbc, 'ID')) return true;
  }
  return false;
}
