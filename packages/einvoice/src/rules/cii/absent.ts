/**
 * The "should not be present" family of the CII syntax binding, read from the compact table of
 * absent-data.ts. Shared by the rule set (syntax.ts compiles it into tries) and the messages
 * (syntax-messages.ts words one message per entry), so both always cover the same rules.
 */
import { ABSENT_TABLE } from './absent-data.js';

/**
 * Where a family of rules applies. Absolute contexts (ROOT … SUMM) are fixed places of the CII
 * tree; the others are found anywhere in it:
 * - ROOT: rsm:CrossIndustryInvoice; DOCCTX: its rsm:ExchangedDocumentContext; DOC: its
 *   rsm:ExchangedDocument;
 * - LINE: rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem, and below it
 *   LINEDOC (AssociatedDocumentLineDocument), PRODUCT (SpecifiedTradeProduct), LAGR / LDEL /
 *   LSET (SpecifiedLineTradeAgreement / Delivery / Settlement);
 * - HAGR / HDEL / HSET: the transaction's ApplicableHeaderTradeAgreement / Delivery /
 *   Settlement; SUMM: the settlement's SpecifiedTradeSettlementHeaderMonetarySummation;
 * - PAYMEANS: any ram:SpecifiedTradeSettlementPaymentMeans; DCP: any element whose name ends
 *   with DocumentContextParameter (whatever its namespace); REFDOC / TRADETAX: any ram element
 *   whose name ends with ReferencedDocument / TradeTax; PERIOD: any ram:BillingSpecifiedPeriod;
 *   ADDRESS: any ram:PostalTradeAddress.
 */
export type AbsentContext =
  | 'ROOT'
  | 'DOCCTX'
  | 'DOC'
  | 'LINE'
  | 'LINEDOC'
  | 'PRODUCT'
  | 'LAGR'
  | 'LDEL'
  | 'LSET'
  | 'HAGR'
  | 'HDEL'
  | 'HSET'
  | 'SUMM'
  | 'PAYMEANS'
  | 'DCP'
  | 'REFDOC'
  | 'TRADETAX'
  | 'PERIOD'
  | 'ADDRESS';

const CONTEXTS: ReadonlySet<string> = new Set<AbsentContext>([
  'ROOT',
  'DOCCTX',
  'DOC',
  'LINE',
  'LINEDOC',
  'PRODUCT',
  'LAGR',
  'LDEL',
  'LSET',
  'HAGR',
  'HDEL',
  'HSET',
  'SUMM',
  'PAYMEANS',
  'DCP',
  'REFDOC',
  'TRADETAX',
  'PERIOD',
  'ADDRESS',
]);

/**
 * When a present element is nevertheless allowed, judged on the context element:
 * - ard916 / ard130: it is a ram:AdditionalReferencedDocument with a TypeCode child of exactly
 *   916 (supporting document) / 130 (invoiced object identifier);
 * - ardtc: it is a ram:AdditionalReferencedDocument with a TypeCode of 50, 130 or 916;
 * - invref: it is a ram:InvoiceReferencedDocument (preceding invoice, whose date is BT-26);
 * - hset: it lies inside ram:ApplicableHeaderTradeSettlement (the VAT breakdown, BG-23);
 * - att: it is a ram:ApplicableTradeTax (exemption reasons belong there).
 */
export type AbsentExemption = 'ard916' | 'ard130' | 'ardtc' | 'invref' | 'hset' | 'att';

const EXEMPTIONS: ReadonlySet<string> = new Set<AbsentExemption>([
  'ard916',
  'ard130',
  'ardtc',
  'invref',
  'hset',
  'att',
]);

export interface AbsentEntry {
  /** Official id, e.g. CII-SR-105 or CII-DT-016. */
  id: string;
  context: AbsentContext;
  /** Element steps below the context: local names in ram, or `udt:Local` in udt. */
  steps: string[];
  /** Attribute that must not be on the last step's element, when the rule is about one. */
  attribute?: string;
  exemption?: AbsentExemption;
}

let entries: AbsentEntry[] | undefined;

/** Every entry of the table, parsed once. Throws on a malformed table (a build-time fact). */
export function absentEntries(): readonly AbsentEntry[] {
  if (entries) return entries;
  const out: AbsentEntry[] = [];
  let context: AbsentContext | undefined;
  for (const raw of ABSENT_TABLE.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('@')) {
      const name = line.slice(1);
      if (!CONTEXTS.has(name)) throw new Error(`absent table: unknown context ${name}`);
      context = name as AbsentContext;
      continue;
    }
    const [id, path, flag] = line.split(' ');
    if (!context || !id || !path) throw new Error(`absent table: bad line "${line}"`);
    const steps = path.split('/');
    const entry: AbsentEntry = { id: `CII-${id}`, context, steps };
    const last = steps[steps.length - 1];
    if (last?.startsWith('@')) {
      entry.attribute = last.slice(1);
      steps.pop();
    }
    if (flag) {
      const name = flag.slice(1);
      if (!flag.startsWith('!') || !EXEMPTIONS.has(name)) {
        throw new Error(`absent table: bad exemption "${line}"`);
      }
      entry.exemption = name as AbsentExemption;
    }
    out.push(entry);
  }
  entries = out;
  return out;
}
