/**
 * Invoices derived from the shared Factur-X samples, to compare our profile verdicts with the
 * official ones: each mutation drops, changes or duplicates one element of a sample, or adds
 * one the profile does not have. Deterministic (the same list on every run), so a disagreement
 * is reproducible by its name.
 */

export interface Mutation {
  name: string;
  xml: string;
}

/** The first element `<qname …>…</qname>` (no nested element of the same name) after `from`. */
function find(xml: string, qname: string, from = 0): { start: number; end: number } | null {
  const re = new RegExp(`<${qname}(\\s[^>]*)?>`, 'g');
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m) return null;
  const close = `</${qname}>`;
  const end = xml.indexOf(close, m.index);
  if (end < 0) return null;
  return { start: m.index, end: end + close.length };
}

/** The text of a leaf element found by `find`, and where it sits. */
function leafText(xml: string, at: { start: number; end: number }): [number, number] | null {
  const open = xml.indexOf('>', at.start) + 1;
  const close = xml.lastIndexOf('</', at.end);
  const inner = xml.slice(open, close);
  return inner.includes('<') ? null : [open, close];
}

/** Elements worth dropping (mandatory or rule-carrying terms of every profile). */
const DROP = [
  'rsm:ExchangedDocument',
  'ram:ID',
  'ram:TypeCode',
  'ram:IssueDateTime',
  'ram:GuidelineSpecifiedDocumentContextParameter',
  'ram:BuyerReference',
  'ram:SellerTradeParty',
  'ram:BuyerTradeParty',
  'ram:Name',
  'ram:SpecifiedLegalOrganization',
  'ram:SpecifiedTaxRegistration',
  'ram:PostalTradeAddress',
  'ram:CountryID',
  'ram:InvoiceCurrencyCode',
  'ram:ApplicableTradeTax',
  'ram:SpecifiedTradeAllowanceCharge',
  'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
  'ram:LineTotalAmount',
  'ram:TaxBasisTotalAmount',
  'ram:TaxTotalAmount',
  'ram:GrandTotalAmount',
  'ram:DuePayableAmount',
  'ram:BuyerOrderReferencedDocument',
  'ram:SpecifiedTradePaymentTerms',
  'ram:IncludedSupplyChainTradeLineItem',
  'ram:CategoryCode',
  'ram:RateApplicablePercent',
];

/** Leaf values to change, and to what (codes out of their lists, amounts off, bad lexemes). */
const CHANGE: [string, string][] = [
  ['ram:InvoiceCurrencyCode', 'EUX'],
  ['ram:TypeCode', '999'],
  ['ram:CountryID', 'XX'],
  ['ram:GrandTotalAmount', '1.00'],
  ['ram:DuePayableAmount', '1.00'],
  ['ram:TaxBasisTotalAmount', '1.00'],
  ['ram:TaxTotalAmount', '1.00'],
  ['ram:LineTotalAmount', '1.00'],
  ['ram:GrandTotalAmount', '1.001'],
  ['ram:CategoryCode', 'Q'],
  ['ram:CategoryCode', 'E'],
  ['ram:RateApplicablePercent', '7.00'],
  ['ram:BasisAmount', '1.00'],
  ['ram:CalculatedAmount', '1.00'],
  ['ram:ID', ''],
  ['ram:Name', ''],
];

/** Elements to repeat right after themselves. */
const DUPLICATE = [
  'ram:BuyerReference',
  'ram:SellerTradeParty',
  'ram:InvoiceCurrencyCode',
  'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
  'ram:ApplicableTradeTax',
  'ram:BuyerOrderReferencedDocument',
];

/** Terms some profiles do not carry, added where CII places them. */
const ADD: [string, string, string][] = [
  [
    'contract reference (BT-12)',
    '</ram:ApplicableHeaderTradeAgreement>',
    '<ram:ContractReferencedDocument><ram:IssuerAssignedID>C1</ram:IssuerAssignedID></ram:ContractReferencedDocument></ram:ApplicableHeaderTradeAgreement>',
  ],
  [
    'note (BG-1)',
    '</ram:IssueDateTime>',
    '</ram:IssueDateTime><ram:IncludedNote><ram:Content>Note</ram:Content></ram:IncludedNote>',
  ],
  [
    'invoice line (BG-25)',
    '<ram:ApplicableHeaderTradeAgreement>',
    `<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>99</ram:LineID></ram:AssociatedDocumentLineDocument><ram:SpecifiedTradeProduct><ram:Name>Article</ram:Name></ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>0.00</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement><ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery><ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>0.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem><ram:ApplicableHeaderTradeAgreement>`,
  ],
];

/** The mutations of one sample (those that apply to it: an absent element gives none). */
export function mutationsOf(xml: string): Mutation[] {
  const out: Mutation[] = [];
  const seen = new Set<string>();
  const push = (name: string, x: string): void => {
    if (x === xml || seen.has(x)) return;
    seen.add(x);
    out.push({ name, xml: x });
  };
  for (const q of DROP) {
    const at = find(xml, q);
    if (at) push(`drop ${q}`, xml.slice(0, at.start) + xml.slice(at.end));
  }
  for (const [q, v] of CHANGE) {
    // The first occurrence holding a value (ram:ID, ram:Name also name containers' children).
    for (let at = find(xml, q); at; at = find(xml, q, at.end)) {
      const t = leafText(xml, at);
      if (!t) continue;
      push(`${q} = "${v}"`, xml.slice(0, t[0]) + v + xml.slice(t[1]));
      break;
    }
  }
  for (const q of DUPLICATE) {
    const at = find(xml, q);
    if (at)
      push(`duplicate ${q}`, xml.slice(0, at.end) + xml.slice(at.start, at.end) + xml.slice(at.end));
  }
  for (const [name, anchor, text] of ADD) {
    const i = xml.indexOf(anchor);
    if (i >= 0) push(`add ${name}`, xml.slice(0, i) + text + xml.slice(i + anchor.length));
  }
  return out;
}
