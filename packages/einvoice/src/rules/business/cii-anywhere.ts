/**
 * What the official CII Schematron's `//ram:X` paths see. Most of its contexts and tests are
 * absolute (/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/…) and see what the CII
 * reader reads; a few use the descendant axis and so also find elements nested under a
 * container written in another namespace (a transaction or a header settlement that the
 * reader and the absolute paths do not see). The rules using such a path ask here.
 *
 * One scan of the tree per invoice, remembered for the tree.
 */
import { NS } from '../../xml/ns.js';
import type { XmlElement } from '../../xml/types.js';
import type { Invoice } from '../../model/types.js';

const NAMES = [
  'IncludedSupplyChainTradeLineItem',
  'SpecifiedTradeSettlementHeaderMonetarySummation',
] as const;
export type AnywhereName = (typeof NAMES)[number];

const found = new WeakMap<XmlElement, Map<string, XmlElement[]>>();

/**
 * Every ram:`local` element of a CII invoice's tree (`//ram:local`), in document order;
 * undefined for a UBL invoice or a model read from no XML.
 */
export function ramAnywhere(inv: Invoice, local: AnywhereName): XmlElement[] | undefined {
  const root = inv.$src;
  if (!root || inv.syntax !== 'CII') return undefined;
  let byName = found.get(root);
  if (!byName) {
    byName = new Map(NAMES.map((n) => [n, []]));
    const stack = [root];
    while (stack.length > 0) {
      const el = stack.pop()!;
      if (el.ns === NS.ram) byName.get(el.local)?.push(el);
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
    }
    found.set(root, byName);
  }
  return byName.get(local);
}
