/**
 * Small tree helpers for the UBL syntax rules (syntax.ts): XPath string values, attribute and
 * name tests, paths of cac:/cbc: steps with optional conditions, and the VAT scheme and
 * document type tests several rules share. Allocation-light: the lists they build are a
 * handful of elements.
 */
import type { Reporter } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';

export const PREFIX_NS: Record<string, string> = { cac: NS.cac, cbc: NS.cbc, ext: NS.ext };

/** XPath string value. Mixed content is approximated as own text then children's, in order:
 * the elements these rules read are leaves in any sensible document. */
export function textOf(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = el.text;
  for (const c of el.children) s += textOf(c);
  return s;
}

export function hasAttr(el: XmlElement, local: string): boolean {
  for (const a of el.attributes) if (a.local === local && a.ns === '') return true;
  return false;
}

export function attrOf(el: XmlElement, local: string): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.ns === '') return a.value;
  return undefined;
}

export function isCac(el: XmlElement, local: string): boolean {
  return el.local === local && el.ns === NS.cac;
}

export function isCbc(el: XmlElement, local: string): boolean {
  return el.local === local && el.ns === NS.cbc;
}

/** A path step: namespace, local name, optional condition on the element. */
export interface Step {
  ns: string;
  local: string;
  when?: (el: XmlElement) => boolean;
}
export const cac = (local: string, when?: (el: XmlElement) => boolean): Step => ({
  ns: NS.cac,
  local,
  when,
});
export const cbc = (local: string, when?: (el: XmlElement) => boolean): Step => ({
  ns: NS.cbc,
  local,
  when,
});

/** Every element reached from `el` by `path` (all matches at every step), in document order. */
export function collect(
  el: XmlElement,
  path: readonly Step[],
  i = 0,
  out: XmlElement[] = [],
): XmlElement[] {
  const s = path[i];
  if (!s) {
    out.push(el);
    return out;
  }
  for (const c of el.children) {
    if (c.local === s.local && c.ns === s.ns && (!s.when || s.when(c)))
      collect(c, path, i + 1, out);
  }
  return out;
}

/** Matches still to skip in `find` (module state: the walk is synchronous, never re-entered). */
let skip = 0;

function find(el: XmlElement, path: readonly Step[], i: number): XmlElement | undefined {
  const s = path[i]!;
  const last = i === path.length - 1;
  for (const c of el.children) {
    if (c.local !== s.local || c.ns !== s.ns || (s.when && !s.when(c))) continue;
    if (last) {
      if (skip-- === 0) return c;
    } else {
      const f = find(c, path, i + 1);
      if (f) return f;
    }
  }
  return undefined;
}

/** The n-th (0-based, document order) element reached from `el` by `path`, without building
 * the list: the hot per-line checks only need to know whether a second one exists. */
export function nth(el: XmlElement, path: readonly Step[], n: number): XmlElement | undefined {
  skip = n;
  return find(el, path, 0);
}

/** XML whitespace trim (what an xs:boolean cast collapses). */
function xmlTrim(s: string): string {
  let a = 0;
  let b = s.length;
  const ws = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13;
  while (a < b && ws(s.charCodeAt(a))) a++;
  while (b > a && ws(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Value of a cbc:ChargeIndicator as an xs:boolean, undefined when it is not one. */
export function asBoolean(el: XmlElement): boolean | undefined {
  const v = xmlTrim(textOf(el));
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** upper-case() of the cbc:ID of a cac:TaxScheme ('' when it has none). */
function taxSchemeId(taxScheme: XmlElement): string {
  for (const c of taxScheme.children) if (isCbc(c, 'ID')) return textOf(c).toUpperCase();
  return '';
}

/** A cac:PartyTaxScheme with some cac:TaxScheme whose upper-cased ID is (not) VAT. */
export const vatScheme = (pts: XmlElement) =>
  pts.children.some((c) => isCac(c, 'TaxScheme') && taxSchemeId(c) === 'VAT');
export const nonVatScheme = (pts: XmlElement) =>
  pts.children.some((c) => isCac(c, 'TaxScheme') && taxSchemeId(c) !== 'VAT');

/** Any cbc:DocumentTypeCode child equal to `code` (exact string, as the official test). */
export function hasTypeCode(el: XmlElement, code: string): boolean {
  for (const c of el.children) if (isCbc(c, 'DocumentTypeCode') && textOf(c) === code) return true;
  return false;
}

/** The seller and buyer parties, where several rules start their paths. */
export const SUPPLIER = [cac('AccountingSupplierParty'), cac('Party')];
export const CUSTOMER = [cac('AccountingCustomerParty'), cac('Party')];

/** Fires `id` on the second element reached by `path` from `el`, if there is one. */
export function atMostOnce(r: Reporter, id: string, el: XmlElement, path: readonly Step[]): void {
  const extra = nth(el, path, 1);
  if (extra) r.fire(id, extra);
}
