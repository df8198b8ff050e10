/**
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
