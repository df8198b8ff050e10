/**
 * Forbidden attributes of the CII data types (CII-DT-*): per family of elements, which
 * attribute fires which rule.
 */
import type { Reporter } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';

/** attribute name → rule id, for one family. */
type AttrRules = ReadonlyMap<string, string>;

const attrRules = (pairs: [id: string, attr: string][]): AttrRules =>
  new Map(pairs.map(([id, attr]) => [attr, `CII-DT-${id}`]));

/** The four identifiers with a rule of their own: BT-24, BT-1, BT-126, BT-155. */
export const OWN_ID_ATTRS = attrRules([
  ['001', 'schemeName'],
  ['002', 'schemeAgencyName'],
  ['003', 'schemeDataURI'],
  ['004', 'schemeURI'],
  ['005', 'schemeID'],
  ['006', 'schemeAgencyID'],
  ['007', 'schemeVersionID'],
]);
export const ID_ATTRS = attrRules([
  ['101', 'schemeName'],
  ['102', 'schemeAgencyName'],
  ['103', 'schemeDataURI'],
  ['104', 'schemeURI'],
]);
export const TYPECODE_ATTRS = attrRules([
  ['008', 'name'],
  ['009', 'listURI'],
]);
export const ROOT_ATTRS = attrRules([
  ['013', 'languageID'],
  ['014', 'languageLocaleID'],
]);
export const AMOUNT_ATTRS = attrRules([
  ['031', 'currencyID'],
  ['032', 'currencyCodeListVersionID'],
]);
export const QUANTITY_ATTRS = attrRules([
  ['034', 'unitCodeListID'],
  ['035', 'unitCodeListAgencyID'],
  ['036', 'unitCodeListAgencyName'],
]);
export const LINE_VAT_CATEGORY_ATTRS = attrRules([
  ['045', 'listID'],
  ['046', 'listAgencyID'],
  ['047', 'listVersionID'],
  ['048', 'listURI'],
]);

export function forbidAttrs(el: XmlElement, rules: AttrRules, r: Reporter): void {
  for (const a of el.attributes) {
    if (a.ns !== '') continue;
    const id = rules.get(a.local);
    if (id) r.fire(id, el, undefined, { attribute: a.local });
  }
}
