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
import { treeMemo } from '../../xml/tree-memo.js';
import type { AllowanceCharge, Invoice, InvoiceLine, VatBreakdown } from '../../model/types.js';
import { line as readLine } from '../../cii/read-lines.js';
import { allowanceCharge, indicatorOf } from '../../cii/read-common.js';
import { vatBreakdown } from '../../cii/read-settlement.js';

const NAMES = [
  'IncludedSupplyChainTradeLineItem',
  'SpecifiedTradeSettlementHeaderMonetarySummation',
  'SpecifiedTradeAllowanceCharge',
  'ApplicableTradeTax',
  'AdditionalReferencedDocument',
  'SellerTradeParty',
  'SellerTaxRepresentativeTradeParty',
  'BuyerTradeParty',
] as const;
export type AnywhereName = (typeof NAMES)[number];

const found = treeMemo<Map<string, XmlElement[]>>();

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

/**
 * The party identifiers as the official CII `//ram:SellerTradeParty/…` tests see them: any
 * such party anywhere in the tree, not only the one under the header agreement that the reader
 * reads. The AE, IC and G party rules (02/03/04) and the buyer half of O's are written so.
 */
export interface TreeParties {
  /** `//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']` */
  sellerVa: boolean;
  /** The same with schemeID 'FC'. */
  sellerFc: boolean;
  /** `//ram:SellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']` */
  representativeVa: boolean;
  /** `//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']` */
  buyerVa: boolean;
  /** `//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID` */
  buyerLegal: boolean;
}

function ramChildren(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === NS.ram && c.local === local);
}

/** Whether some party has a ram:<via>/ram:ID, with the schemeID given (exact, as XPath's =). */
function hasId(parties: XmlElement[], via: string, scheme?: string): boolean {
  return parties.some((p) =>
    ramChildren(p, via).some((reg) =>
      ramChildren(reg, 'ID').some(
        (id) =>
          scheme === undefined ||
          id.attributes.some((a) => a.ns === '' && a.local === 'schemeID' && a.value === scheme),
      ),
    ),
  );
}

/** The tree-wide party identifiers of a CII invoice; undefined for UBL or a model alone. */
export function ciiTreeParties(inv: Invoice): TreeParties | undefined {
  const sellers = ramAnywhere(inv, 'SellerTradeParty');
  if (!sellers) return undefined;
  const reps = ramAnywhere(inv, 'SellerTaxRepresentativeTradeParty') ?? [];
  const buyers = ramAnywhere(inv, 'BuyerTradeParty') ?? [];
  return {
    sellerVa: hasId(sellers, 'SpecifiedTaxRegistration', 'VA'),
    sellerFc: hasId(sellers, 'SpecifiedTaxRegistration', 'FC'),
    representativeVa: hasId(reps, 'SpecifiedTaxRegistration', 'VA'),
    buyerVa: hasId(buyers, 'SpecifiedTaxRegistration', 'VA'),
    buyerLegal: hasId(buyers, 'SpecifiedLegalOrganization'),
  };
}

/** What `//` paths find and the reader did not read (see ciiStray). */
export interface Stray {
  /** Lines under a transaction in another namespace (`//ram:IncludedSupplyChainTradeLineItem`). */
  lines: InvoiceLine[];
  allowances: AllowanceCharge[];
  charges: AllowanceCharge[];
  /** `//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax` not in the model. */
  breakdowns: VatBreakdown[];
}

const NONE: Stray = { lines: [], allowances: [], charges: [], breakdowns: [] };
const strayBreakdowns = new WeakSet<VatBreakdown>();

/**
 * Whether a breakdown is one of ciiStray's. The 01 counts see it, but of the category rules
 * only S's and Z's have a `//ram:ApplicableHeaderTradeSettlement` context; the others ask for
 * `//rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement`.
 */
export function isStrayBreakdown(b: VatBreakdown): boolean {
  return strayBreakdowns.has(b);
}

/**
 * The allowances, charges (header or line) and header trade taxes of a CII invoice that sit
 * under a container in another namespace: the reader leaves them out, as do the official
 * absolute paths (the 08 sums, BR-CO-11/12), but the official `//` contexts (the VAT category
 * rules of allowances, charges and breakdowns, the counts of the 01 rules) find them.
 */
export function ciiStray(inv: Invoice): Stray {
  const acs = ramAnywhere(inv, 'SpecifiedTradeAllowanceCharge');
  const taxes = ramAnywhere(inv, 'ApplicableTradeTax');
  if (!acs || !taxes) return NONE;
  const read = new Set<XmlElement | undefined>();
  for (const list of [inv.allowances, inv.charges]) for (const ac of list) read.add(ac.$src);
  for (const line of inv.lines)
    for (const list of [line.allowances, line.charges]) for (const ac of list) read.add(ac.$src);
  for (const b of inv.vatBreakdowns) read.add(b.$src);
  const out: Stray = { lines: [], allowances: [], charges: [], breakdowns: [] };
  const lineEls = ramAnywhere(inv, 'IncludedSupplyChainTradeLineItem') ?? [];
  for (const line of inv.lines) read.add(line.$src);
  for (const el of lineEls) if (!read.has(el)) out.lines.push(readLine(el));
  for (const el of acs) {
    if (read.has(el)) continue;
    const isCharge = indicatorOf(el);
    if (isCharge !== undefined) (isCharge ? out.charges : out.allowances).push(allowanceCharge(el));
  }
  for (const el of taxes) {
    const parent = el.parent;
    if (read.has(el) || parent?.ns !== NS.ram) continue;
    if (parent.local !== 'ApplicableHeaderTradeSettlement') continue;
    const b = vatBreakdown(el);
    strayBreakdowns.add(b);
    out.breakdowns.push(b);
  }
  const n = out.lines.length + out.allowances.length + out.charges.length + out.breakdowns.length;
  return n > 0 ? out : NONE;
}
