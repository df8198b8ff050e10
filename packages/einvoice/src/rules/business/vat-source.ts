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
  return { code: id.text.trim(), rate: child(tc, NS.cbc, 'Percent')?.text };
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
