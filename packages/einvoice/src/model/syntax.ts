/**
 * Which EN 16931 syntax a parsed XML document is, judged on its root element alone (namespace
 * and local name). Shared by validation and the Factur-X writer, which must not depend on the
 * validator to tell UBL from CII.
 */
import { NS } from '../xml/ns.js';
import type { XmlElement } from '../xml/types.js';
import type { Syntax } from '../rules/types.js';

/** Which syntax a root element is, or null. */
export function syntaxOf(root: XmlElement): Syntax | null {
  if (
    (root.ns === NS.ublInvoice && root.local === 'Invoice') ||
    (root.ns === NS.ublCreditNote && root.local === 'CreditNote')
  ) {
    return 'UBL';
  }
  if (root.ns === NS.rsm && root.local === 'CrossIndustryInvoice') return 'CII';
  return null;
}
