/**
 * Helpers shared by the sections of the UBL reader (read.ts): paths, identifiers, the VAT
 * scheme filter of the EN 16931 binding, and the groups both the document and its lines hold
 * (periods, allowances and charges).
 */
import type { AllowanceCharge, Identifier, Period } from '../model/types.js';
import { blankAllowanceCharge, blankIdentifier, blankPeriod, text } from '../model/blank.js';
import { NS } from '../xml/ns.js';
import { attr, child } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';

export const CBC = NS.cbc;
export const CAC = NS.cac;

/**
 * First element reached by the path in document order, trying every match at each step (the
 * XPath `a/b/c` semantics), where `descend` only follows the first `a`.
 */
export function find(
  el: XmlElement | undefined,
  ...steps: [ns: string, local: string][]
): XmlElement | undefined {
  if (!el) return undefined;
  return findFrom(el, steps, 0);
}

function findFrom(
  el: XmlElement,
  steps: [ns: string, local: string][],
  i: number,
): XmlElement | undefined {
  const step = steps[i];
  if (!step) return el;
  const [ns, local] = step;
  for (const c of el.children) {
    if (c.local !== local || c.ns !== ns) continue;
    const found = findFrom(c, steps, i + 1);
    if (found) return found;
  }
  return undefined;
}

/** An identifier element with its scheme attributes. */
export function identifier(
  el: XmlElement,
  schemeAttr = 'schemeID',
  versionAttr?: string,
): Identifier {
  const id = blankIdentifier(el, el.text);
  const scheme = attr(el, schemeAttr);
  if (scheme !== undefined) id.scheme = scheme;
  if (versionAttr) {
    const version = attr(el, versionAttr);
    if (version !== undefined) id.schemeVersion = version;
  }
  return id;
}

/** True when the element's cac:TaxScheme/cbc:ID is 'VAT' (trimmed, any case). */
export function isVatScheme(el: XmlElement): boolean {
  const id = find(el, [CAC, 'TaxScheme'], [CBC, 'ID']);
  // normalize-space() trims XML white space only (a no-break space is kept).
  return (
    id !== undefined && id.text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').toUpperCase() === 'VAT'
  );
}

/** The first child (TaxCategory, ClassifiedTaxCategory, PartyTaxScheme) under the VAT scheme. */
export function firstVat(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && c.ns === CAC && isVatScheme(c)) return c;
  return undefined;
}

/** xs:boolean value of a ChargeIndicator ('true'/'1', 'false'/'0', surrounding spaces allowed). */
export function chargeIndicator(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const t = el.text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

export function readPeriod(el: XmlElement): Period {
  const p = blankPeriod(el);
  p.startDate = text(p.$at, 'startDate', child(el, CBC, 'StartDate'));
  p.endDate = text(p.$at, 'endDate', child(el, CBC, 'EndDate'));
  return p;
}

/**
 * BG-20/21 (document level) and BG-27/28 (line level), each with the first VAT category.
 * Returns the charge indicator with the group; undefined when it is absent or not a boolean
 * (the official rules then see neither an allowance nor a charge).
 */
export function readAllowanceCharge(el: XmlElement): {
  charge: boolean | undefined;
  ac: AllowanceCharge;
} {
  const ac = blankAllowanceCharge(el);
  let indicator: XmlElement | undefined;
  let taxCategory: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'ChargeIndicator':
          indicator ??= c;
          break;
        case 'AllowanceChargeReasonCode':
          ac.reasonCode ??= text(ac.$at, 'reasonCode', c);
          break;
        case 'AllowanceChargeReason':
          ac.reason ??= text(ac.$at, 'reason', c);
          break;
        case 'MultiplierFactorNumeric':
          ac.percentage ??= text(ac.$at, 'percentage', c);
          break;
        case 'Amount':
          ac.amount ??= text(ac.$at, 'amount', c);
          break;
        case 'BaseAmount':
          ac.baseAmount ??= text(ac.$at, 'baseAmount', c);
          break;
      }
    } else if (c.ns === CAC && c.local === 'TaxCategory' && !taxCategory) {
      if (isVatScheme(c)) taxCategory = c;
    }
  }
  if (taxCategory) {
    ac.vatCategoryCode = text(ac.$at, 'vatCategoryCode', child(taxCategory, CBC, 'ID'));
    ac.vatRate = text(ac.$at, 'vatRate', child(taxCategory, CBC, 'Percent'));
  }
  return { charge: chargeIndicator(indicator), ac };
}
