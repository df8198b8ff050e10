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
  'ram:BilledQuantity',
  'ram:NetPriceProductTradePrice',
  'ram:Reason',
  'ram:ReasonCode',
  'ram:Value',
  'ram:DueDateDateTime',
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
      push(
        `duplicate ${q}`,
        xml.slice(0, at.end) + xml.slice(at.start, at.end) + xml.slice(at.end),
      );
  }
  for (const [name, anchor, text] of ADD) {
    const i = xml.indexOf(anchor);
    if (i >= 0) push(`add ${name}`, xml.slice(0, i) + text + xml.slice(i + anchor.length));
  }
  return out;
}

/** Replaces the first `from` (which must be there, so that a case cannot silently vanish). */
function sub(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`generated case: ${String(from)} not found`);
  return out;
}

/** A small deterministic pseudo-random sequence (mulberry32), so generated cases are stable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (n: number): string => (n / 100).toFixed(2);

/**
 * MINIMUM invoices with other amounts: consistent ones (BT-109 + BT-110 = BT-112 = BT-115),
 * and inconsistent ones (the MINIMUM rules do not compare totals).
 */
export function generatedMinimum(sample: string, n = 4, seed = 14): Mutation[] {
  const next = random(seed);
  const out: Mutation[] = [];
  for (let i = 0; i < n; i++) {
    const base = 100 + Math.floor(next() * 10_000_000);
    const vat = Math.floor((base * [0, 550, 1000, 2000][i % 4]!) / 10_000);
    const due = i % 2 === 0 ? base + vat : base + vat + 100;
    let xml = sub(sample, />100\.00</, `>${cents(base)}<`);
    xml = sub(xml, />4\.90</, `>${cents(vat)}<`);
    xml = sub(xml, /<ram:GrandTotalAmount>104\.90</, `<ram:GrandTotalAmount>${cents(base + vat)}<`);
    xml = sub(xml, /<ram:DuePayableAmount>104\.90</, `<ram:DuePayableAmount>${cents(due)}<`);
    out.push({ name: `generated MINIMUM ${cents(base)} + ${cents(vat)}, due ${cents(due)}`, xml });
  }
  return out;
}

const GROUP_LINE = (amount: string): string =>
  `<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>G1</ram:LineID><ram:LineStatusReasonCode>GROUP</ram:LineStatusReasonCode></ram:AssociatedDocumentLineDocument><ram:SpecifiedTradeProduct><ram:Name>Lot 1</ram:Name></ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>0</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement><ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery><ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${amount}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>`;

const LOGISTICS = (amount: string): string =>
  `<ram:SpecifiedLogisticsServiceCharge><ram:Description>Transport</ram:Description><ram:AppliedAmount>${amount}</ram:AppliedAmount><ram:AppliedTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20.00</ram:RateApplicablePercent></ram:AppliedTradeTax></ram:SpecifiedLogisticsServiceCharge><ram:SpecifiedTradePaymentTerms>`;

/**
 * EXTENDED invoices using what the profile adds to EN 16931: a group line whose sub-lines are
 * DETAIL lines (the group's subtotal is not summed again), a logistics service charge with
 * the totals and the 20 % breakdown carried along, and the same with a mistake.
 */
export function generatedExtended(sample: string): Mutation[] {
  const firstLine = '<ram:IncludedSupplyChainTradeLineItem>';
  const grouped = (amount: string): string => {
    let xml = sub(sample, firstLine, GROUP_LINE(amount) + firstLine);
    xml = sub(
      xml,
      /(<ram:AssociatedDocumentLineDocument>\s*<ram:LineID>1<\/ram:LineID>[^\n]*)/,
      '$1<ram:ParentLineID>G1</ram:ParentLineID><ram:LineStatusReasonCode>DETAIL</ram:LineStatusReasonCode>',
    );
    return xml;
  };
  const logistics = (amount: number, carry: boolean): string => {
    let xml = sub(sample, '<ram:SpecifiedTradePaymentTerms>', LOGISTICS(cents(amount)));
    if (!carry) return xml;
    const vat = Math.round(amount * 0.2);
    xml = sub(xml, '<ram:CalculatedAmount>2.20<', `<ram:CalculatedAmount>${cents(220 + vat)}<`);
    xml = sub(xml, '<ram:BasisAmount>11.00<', `<ram:BasisAmount>${cents(1100 + amount)}<`);
    xml = sub(
      xml,
      '<ram:ChargeTotalAmount>14.00<',
      `<ram:ChargeTotalAmount>${cents(1400 + amount)}<`,
    );
    xml = sub(
      xml,
      '<ram:TaxBasisTotalAmount>100.00<',
      `<ram:TaxBasisTotalAmount>${cents(10000 + amount)}<`,
    );
    xml = sub(xml, '>4.90</ram:TaxTotalAmount>', `>${cents(490 + vat)}</ram:TaxTotalAmount>`);
    const total = cents(10490 + amount + vat);
    xml = sub(xml, '<ram:GrandTotalAmount>104.90<', `<ram:GrandTotalAmount>${total}<`);
    return sub(xml, '<ram:DuePayableAmount>104.90<', `<ram:DuePayableAmount>${total}<`);
  };
  return [
    { name: 'generated EXTENDED: group line over line 1', xml: grouped('60.00') },
    { name: 'generated EXTENDED: group line, other subtotal', xml: grouped('61.00') },
    {
      name: 'generated EXTENDED: group line, detail line without amount',
      xml: sub(
        grouped('60.00'),
        /<ram:LineTotalAmount>60\.00<\/ram:LineTotalAmount>(?![\s\S]*G1)/,
        '',
      ),
    },
    { name: 'generated EXTENDED: logistics charge 10.00', xml: logistics(1000, true) },
    { name: 'generated EXTENDED: logistics charge 12.35', xml: logistics(1235, true) },
    {
      name: 'generated EXTENDED: logistics charge, totals not carried',
      xml: logistics(1000, false),
    },
    ...extendedCodeCases(sample),
  ];
}

/**
 * The EXTENDED rules on notes, partner ids, attribute codes and timestamps (BR-FXEXT-01…04,
 * BR-FXEXT-CII-DT-097a): each broken once, and the forms they accept. (A well-formed format
 * 205 timestamp is not among them: the profile's code list of date formats, which we do not
 * check, refuses 205 on every udt:DateTimeString it covers.)
 */
function extendedCodeCases(sample: string): Mutation[] {
  const headerText = /<ram:Content>FOURNISSEUR F SARL au capital de 50 000 EUR<\/ram:Content>/;
  const lineText = /<ram:Content>DONT 0,50 EUR de DEEE<\/ram:Content>/;
  const buyerVat = '<ram:ID schemeID="VA">FR 05 987 654 321</ram:ID>  <!-- BT-48';
  const sellerVat = '<ram:ID schemeID="VA">FR11123456782</ram:ID>';
  const attribute = '<ram:Description>CATEGORIE</ram:Description>';
  const delivery = '<udt:DateTimeString format="102">20260128</udt:DateTimeString>';
  const name = (what: string): string => `generated EXTENDED: ${what}`;
  return [
    { name: name('document note with a subject and no text'), xml: sub(sample, headerText, '') },
    { name: name('line note with a subject and no text'), xml: sub(sample, lineText, '') },
    {
      name: name('buyer tax registration that is not a VAT id'),
      xml: sub(sample, buyerVat, buyerVat.replace('"VA"', '"FC"')),
    },
    {
      name: name('seller tax number beside its VAT id'),
      xml: sub(
        sample,
        sellerVat,
        `${sellerVat}</ram:SpecifiedTaxRegistration><ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">123/456/78901</ram:ID>`,
      ),
    },
    {
      name: name('item attribute with a listed code'),
      xml: sub(sample, attribute, `<ram:TypeCode>COLOR_TEXT</ram:TypeCode>${attribute}`),
    },
    {
      name: name('item attribute with a code out of the list'),
      xml: sub(sample, attribute, `<ram:TypeCode>XYZ</ram:TypeCode>${attribute}`),
    },
    {
      name: name('delivery date marked format 205'),
      xml: sub(sample, delivery, '<udt:DateTimeString format="205">20260128</udt:DateTimeString>'),
    },
  ];
}
