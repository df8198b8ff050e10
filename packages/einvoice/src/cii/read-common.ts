/**
 * Helpers shared by the sections of the CII reader (read.ts): ram:/rsm: steps that tolerate a
 * missing element, dates (format 102), identifiers and tax registrations, and the groups both
 * the document and its lines hold (periods, allowances and charges, tax type codes).
 */
import type { AllowanceCharge, Identifier, Period } from '../model/types.js';
import { blankAllowanceCharge, blankIdentifier, blankPeriod, text } from '../model/blank.js';
import { NS } from '../xml/ns.js';
import { attr, child, children } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';

export const RAM = NS.ram;
export const RSM = NS.rsm;
const UDT = NS.udt;
const QDT = NS.qdt;

export type El = XmlElement | undefined;

export function ram(el: El, local: string): El {
  return child(el, RAM, local);
}

export function rams(el: El, local: string): XmlElement[] {
  return children(el, RAM, local);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A format-102 date as 'YYYY-MM-DD' when its text passes the official shape test (YYYYMMDD,
 * month 01-12, day 01-31, surrounding whitespace allowed); otherwise the raw text.
 */
export function ciiDate(el: XmlElement): string {
  const raw = el.text;
  if (attr(el, 'format') !== '102') return raw;
  const t = raw.trim();
  if (t.length !== 8) return raw;
  for (let i = 0; i < 8; i++) if (!isDigit(t.charCodeAt(i))) return raw;
  const month = Number(t.slice(4, 6));
  const day = Number(t.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return raw;
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}

/** The date string inside a CII date container (udt/qdt DateTimeString, udt DateString). */
function dateString(container: El): El {
  if (!container) return undefined;
  for (const c of container.children) {
    if (
      (c.local === 'DateTimeString' && (c.ns === UDT || c.ns === QDT)) ||
      (c.local === 'DateString' && (c.ns === UDT || c.ns === QDT))
    )
      return c;
  }
  return undefined;
}

/** The date in a CII date container (see ciiDate), noting where it came from. */
export function dateText<K extends string>(
  at: Partial<Record<K, XmlElement>>,
  field: K,
  container: El,
): string | undefined {
  const el = dateString(container);
  if (!el) return undefined;
  at[field] = el;
  return ciiDate(el);
}

/** An identifier with its optional scheme attribute (schemeID, or listID for class codes). */
export function identifier(el: XmlElement, schemeAttr = 'schemeID'): Identifier {
  const id = blankIdentifier(el, el.text);
  const scheme = attr(el, schemeAttr);
  if (scheme !== undefined) id.scheme = scheme;
  return id;
}

/** First ram:ID, else first ram:GlobalID (the scheme-qualified form) of a party. */
export function partyId(party: El): Identifier | undefined {
  const id = ram(party, 'ID') ?? ram(party, 'GlobalID');
  return id ? identifier(id) : undefined;
}

/** First SpecifiedTaxRegistration/ID whose schemeID is `scheme` ('VA' or 'FC'). */
export function taxRegistration(party: El, scheme: string): El {
  if (!party) return undefined;
  for (const reg of party.children) {
    if (reg.local !== 'SpecifiedTaxRegistration' || reg.ns !== RAM) continue;
    for (const id of reg.children)
      if (id.local === 'ID' && id.ns === RAM && attr(id, 'schemeID') === scheme) return id;
  }
  return undefined;
}

/**
 * The ChargeIndicator as a boolean (true = charge), or undefined when it is missing or not an
 * xs:boolean. Whitespace around the value is tolerated as xs:boolean's facet does.
 */
export function indicatorOf(ac: XmlElement): boolean | undefined {
  const el = child(ram(ac, 'ChargeIndicator'), UDT, 'Indicator');
  if (!el) return undefined;
  const t = el.text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

export function period(el: El): Period | undefined {
  if (!el) return undefined;
  const p = blankPeriod(el);
  p.startDate = dateText(p.$at, 'startDate', ram(el, 'StartDateTime'));
  p.endDate = dateText(p.$at, 'endDate', ram(el, 'EndDateTime'));
  return p;
}

/**
 * A document- or line-level SpecifiedTradeAllowanceCharge, with its VAT category at either
 * level (EN 16931 has none on lines, the official category rules see it).
 */
export function allowanceCharge(el: XmlElement): AllowanceCharge {
  const ac = blankAllowanceCharge(el);
  ac.percentage = text(ac.$at, 'percentage', ram(el, 'CalculationPercent'));
  ac.baseAmount = text(ac.$at, 'baseAmount', ram(el, 'BasisAmount'));
  ac.amount = text(ac.$at, 'amount', ram(el, 'ActualAmount'));
  ac.reasonCode = text(ac.$at, 'reasonCode', ram(el, 'ReasonCode'));
  ac.reason = text(ac.$at, 'reason', ram(el, 'Reason'));
  const tax = ram(el, 'CategoryTradeTax');
  ac.vatCategoryCode = text(ac.$at, 'vatCategoryCode', ram(tax, 'CategoryCode'));
  ac.vatRate = text(ac.$at, 'vatRate', ram(tax, 'RateApplicablePercent'));
  if (tax) putTypeCode(ac, tax);
  return ac;
}

/**
 * The TypeCode of a trade tax element when it is not exactly 'VAT' (the default the model
 * leaves implicit), null when it has none (see VatBreakdown.taxScheme).
 */
export function putTypeCode(
  target: { taxScheme?: string | null; $at: Partial<Record<'taxScheme', XmlElement>> },
  tax: XmlElement,
): void {
  const code = ram(tax, 'TypeCode');
  if (!code) target.taxScheme = null;
  else if (code.text !== 'VAT') target.taxScheme = text(target.$at, 'taxScheme', code);
}

/** Splits allowance/charge elements by their indicator; others (no valid indicator) are dropped. */
export function allowancesCharges(
  parent: El,
  allowances: AllowanceCharge[],
  charges: AllowanceCharge[],
): void {
  for (const el of rams(parent, 'SpecifiedTradeAllowanceCharge')) {
    const isCharge = indicatorOf(el);
    if (isCharge === undefined) continue;
    (isCharge ? charges : allowances).push(allowanceCharge(el));
  }
}
