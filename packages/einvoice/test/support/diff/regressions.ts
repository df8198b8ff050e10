/**
 * The disagreement classes conformance:diff found and the engine now agrees on, one small
 * case each: a generated invoice (our own generator, so no shared material is needed) with
 * the one change that showed the class. test/conformance/diff-regressions.test.ts holds the
 * official verdict of each (read from the reference once, and checked against it again
 * whenever the reference is at hand).
 */
import type { XmlElement } from '../../../src/xml/types.js';
import {
  add,
  attr,
  dup,
  parseRoot,
  rm,
  select,
  serialize,
  set,
  type Mut,
} from '../../negative/mutate.js';
import { generateInvoice } from './generate.js';
import { seededRng } from './random.js';

export interface RegressionCase {
  name: string;
  text: string;
  /** The reference's verdict: official fatal and warning ids, schema validity. */
  official: { fatal: string[]; warning: string[]; xsdValid: boolean };
}

const OFFICIAL: Record<string, RegressionCase['official']> = {};
/** The official verdict of a case (read from en16931-reference --xsd, release 1.3.16). */
function verdict(name: string, fatal: string[], xsdValid = true, warning: string[] = []): void {
  OFFICIAL[name] = { fatal, warning, xsdValid };
}
verdict('UBL without a monetary total', ['BR-CO-15'], false);
verdict('CII header tax with its amount twice', ['BR-CO-14']);
verdict('CII with its monetary summation twice', ['BR-CO-15'], false);
verdict('CII issue date in the qdt namespace', ['BR-03'], false);
verdict(
  'CII O header tax with an amount written with an exponent',
  ['BR-CO-14', 'BR-O-02', 'BR-O-03', 'BR-O-09'],
  false,
);
verdict('CII L line whose rate has an exponent', [], false);
verdict(
  'CII K and G invoice with its header agreement in another namespace',
  ['BR-06', 'BR-07', 'BR-08', 'BR-09', 'BR-10', 'BR-11'],
  false,
);
verdict(
  'CII AE invoice with its header agreement in another namespace',
  ['BR-06', 'BR-07', 'BR-08', 'BR-09', 'BR-10', 'BR-11'],
  false,
);
verdict('UBL S breakdown without a tax scheme', ['BR-47', 'BR-48', 'BR-CO-17'], false);
verdict('UBL S breakdown under a blank tax scheme', ['BR-47', 'BR-48', 'BR-CO-17']);
verdict('CII O breakdown without its tax', ['BR-O-02', 'BR-O-03', 'BR-O-09']);
verdict('CII L breakdown with a wrong tax', ['BR-CO-14']);
verdict('CII S breakdown of another tax type', ['BR-47', 'BR-48', 'BR-CO-17', 'CII-DT-037']);
verdict('CII remittance reference without payment means', []);
verdict('UBL line period ending before it starts', ['BR-30']);
verdict('UBL price with an exponent', [], false);
verdict('UBL negative price with an exponent', ['BR-27'], false);
verdict('UBL L breakdown with a spaced code', ['BR-AF-01']);
verdict(
  'UBL O breakdown with its tax category twice',
  ['BR-O-01', 'BR-O-02', 'BR-O-03', 'UBL-SR-32'],
  false,
);
verdict('CII invoicing period whose start has no date', ['BR-29'], false);
verdict('UBL S line whose code ends with a no-break space', ['BR-CL-18', 'BR-S-08']);
verdict(
  'CII transaction in the ram namespace',
  [
    'BR-05',
    'BR-06',
    'BR-07',
    'BR-08',
    'BR-09',
    'BR-10',
    'BR-11',
    'BR-CO-11',
    'BR-CO-18',
    'CII-DT-033',
  ],
  false,
);
verdict(
  'CII S invoice with its transaction in the ram namespace',
  [
    'BR-05',
    'BR-06',
    'BR-07',
    'BR-08',
    'BR-09',
    'BR-10',
    'BR-11',
    'BR-CO-11',
    'BR-CO-18',
    'BR-S-03',
    'BR-S-08',
    'CII-DT-033',
  ],
  false,
);
verdict(
  'CII S invoice with its settlement in the rsm namespace',
  ['BR-05', 'BR-CO-11', 'BR-CO-18', 'BR-S-01'],
  false,
  ['CII-DT-041'],
);
verdict('CII line reference without its identifier', ['BR-52']);
verdict(
  'UBL S line whose item is in the cbc namespace',
  ['BR-25', 'BR-CO-04', 'BR-S-08', 'UBL-SR-48'],
  false,
);
verdict(
  'UBL L line whose item is in the cbc namespace',
  ['BR-25', 'BR-AF-08', 'BR-CO-04', 'UBL-SR-48'],
  false,
);
verdict(
  'UBL M line whose item is in the cbc namespace',
  ['BR-25', 'BR-AG-08', 'BR-CO-04', 'UBL-SR-48'],
  false,
);
verdict(
  'UBL E line whose item is in the cbc namespace, without E breakdown',
  ['BR-25', 'BR-CO-04', 'BR-E-01', 'UBL-SR-48'],
  false,
);
verdict('UBL M breakdown of nothing at a rate no line has', []);
verdict('UBL S breakdown of the allowances and charges alone', ['BR-CO-17', 'BR-S-09']);
verdict(
  'UBL line in the cbc namespace with an S allowance at 0 %',
  ['BR-CO-10', 'BR-S-06', 'BR-S-08'],
  false,
);
verdict('UBL invoiced object reference without its identifier', ['BR-52'], false);
verdict('UBL invoiced object reference twice, the second blank', ['BR-52', 'UBL-SR-04']);
verdict(
  'UBL S line whose item is in the cbc namespace, seller without VAT identifier',
  ['BR-25', 'BR-AF-02', 'BR-CO-04', 'BR-IC-02', 'BR-S-02', 'BR-S-08', 'UBL-SR-48'],
  false,
);
verdict(
  'UBL E line whose item is in the cbc namespace, seller without VAT identifier',
  ['BR-25', 'BR-CO-04', 'BR-E-02', 'BR-E-08', 'BR-IC-02', 'BR-Z-02', 'UBL-SR-48'],
  false,
);
verdict(
  'UBL O invoice with an S line whose item is in the cbc namespace',
  ['BR-25', 'BR-CO-04', 'BR-O-02', 'BR-O-03', 'BR-O-08', 'BR-O-12', 'BR-S-01', 'UBL-SR-48'],
  false,
);
verdict('UBL O invoice with a line category without code', [
  'BR-CO-04',
  'BR-O-02',
  'BR-O-03',
  'BR-O-08',
  'BR-O-12',
]);

const RAM_NS = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const RSM_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const UDT_NS = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';
const QDT_NS = 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100';
const CBC_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const AGREEMENT = 'SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement';
/** Moves the first element at `path` into another namespace (as the 'namespace' mutation does). */
const toNs =
  (path: string, prefix: string, ns: string): Mut =>
  (root) => {
    const el = select(root, path);
    el.ns = ns;
    el.qname = `${prefix}:${el.local}`;
  };

/** Generated invoice `seed` with mutations applied. Seeds: 7 S only; 5 O only; 9 L only; 11 K
 * and G; 14 AE; 148 S once (line 8) beside others; 166 L once (line 2); 10 M once (line 3, at
 * 0 %, the third breakdown); 81 E once (line 4, the second breakdown). */
function from(seed: number, syntax: 'UBL' | 'CII', ...muts: Mut[]): string {
  const root: XmlElement = parseRoot(generateInvoice(seededRng(seed), syntax, seed));
  for (const m of muts) m(root);
  return serialize(root, true);
}

const NO_SELLER_VAT = rm('AccountingSupplierParty/Party/PartyTaxScheme');
/** Adds a UBL cac:AdditionalDocumentReference holding `inner` to the document, in schema order
 * (the path '' is the root). */
const documentReference = (inner: string): Mut =>
  add(
    '',
    `<cac:AdditionalDocumentReference>${inner}</cac:AdditionalDocumentReference>`,
    'AccountingSupplierParty',
  );
const HEADER_TAX = 'SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/ApplicableTradeTax';

export function regressionCases(): RegressionCase[] {
  const cases: Omit<RegressionCase, 'official'>[] = [
    // BR-CO-10 to 13 and 16 are asserted on cac:LegalMonetaryTotal, BR-12 to 15 too.
    { name: 'UBL without a monetary total', text: from(7, 'UBL', rm('LegalMonetaryTotal')) },
    // UBL's BR-S-01 counts the breakdown's S category whatever its tax scheme.
    {
      name: 'UBL S breakdown without a tax scheme',
      text: from(7, 'UBL', rm('TaxTotal/TaxSubtotal/TaxCategory/TaxScheme')),
    },
    {
      name: 'UBL S breakdown under a blank tax scheme',
      text: from(7, 'UBL', set('TaxTotal/TaxSubtotal/TaxCategory/TaxScheme/ID', '   ')),
    },
    // CII: BR-45 to 48, BR-CO-17 and BR-DEC-19/20 do not run on an O, L or M trade tax.
    {
      name: 'CII O breakdown without its tax',
      text: from(5, 'CII', rm(`${HEADER_TAX}/CalculatedAmount`)),
    },
    {
      name: 'CII L breakdown with a wrong tax',
      text: from(9, 'CII', set(`${HEADER_TAX}/CalculatedAmount`, '999.999')),
    },
    {
      name: 'CII S breakdown of another tax type',
      text: from(7, 'CII', set(`${HEADER_TAX}/TypeCode`, '999')),
    },
    // CII BR-49 judges payment means elements; a remittance reference alone has none.
    {
      name: 'CII remittance reference without payment means',
      text: from(
        7,
        'CII',
        rm(
          'SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/SpecifiedTradeSettlementPaymentMeans',
        ),
      ),
    },
    // UBL: a line's period is BR-30's, not BR-29's.
    {
      name: 'UBL line period ending before it starts',
      text: from(
        7,
        'UBL',
        add(
          'InvoiceLine[1]',
          '<cac:InvoicePeriod><cbc:StartDate>2026-02-02</cbc:StartDate><cbc:EndDate>2026-02-01</cbc:EndDate></cac:InvoicePeriod>',
          'Item',
        ),
      ),
    },
    // BR-27 compares the price as an xs:double: an exponent is a number.
    {
      name: 'UBL price with an exponent',
      text: from(7, 'UBL', set('InvoiceLine[1]/Price/PriceAmount', '1E3')),
    },
    {
      name: 'UBL negative price with an exponent',
      text: from(
        7,
        'UBL',
        set('InvoiceLine[1]/Price/PriceAmount', '-1E3'),
        attr('InvoiceLine[1]/Price/PriceAmount', 'currencyID', 'EUR'),
      ),
    },
    // UBL BR-O-12 counts a VAT tax category without an ID as another category than O.
    {
      name: 'UBL O invoice with a line category without code',
      text: from(5, 'UBL', rm('InvoiceLine[1]/Item/ClassifiedTaxCategory/ID')),
    },
    // UBL BR-AF-01 wants a breakdown whose ID is exactly L when L is used.
    {
      name: 'UBL L breakdown with a spaced code',
      text: from(9, 'UBL', set('TaxTotal/TaxSubtotal/TaxCategory/ID', ' L')),
    },
    // normalize-space() trims XML white space only: 'S' and a no-break space is no S.
    {
      name: 'UBL S line whose code ends with a no-break space',
      text: from(7, 'UBL', set('InvoiceLine[2]/Item/ClassifiedTaxCategory/ID', 'S\u00a0')),
    },
    // CII BR-29 tests the period's elements: a start without a date compares nothing.
    {
      name: 'CII invoicing period whose start has no date',
      text: from(
        7,
        'CII',
        add(
          'SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement',
          '<ram:BillingSpecifiedPeriod><ram:StartDateTime/><ram:EndDateTime><udt:DateTimeString format="102">20260131</udt:DateTimeString></ram:EndDateTime></ram:BillingSpecifiedPeriod>',
          'SpecifiedTradeAllowanceCharge',
        ),
      ),
    },
    // The official CII rules find lines (BR-16, BR-CO-18) and the monetary summation (BR-CO-11)
    // with `//ram:` paths, under a transaction in another namespace too.
    {
      name: 'CII transaction in the ram namespace',
      text: from(5, 'CII', toNs('SupplyChainTradeTransaction', 'ram', RAM_NS)),
    },
    // …and the VAT category rules and 01 counts find allowances, charges and breakdowns there
    // (`//ram:CategoryTradeTax`), while the 08 sums and BR-S-03's seller use absolute paths.
    {
      name: 'CII S invoice with its transaction in the ram namespace',
      text: from(7, 'CII', toNs('SupplyChainTradeTransaction', 'ram', RAM_NS)),
    },
    {
      name: 'CII S invoice with its settlement in the rsm namespace',
      text: from(
        7,
        'CII',
        toNs('SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement', 'rsm', RSM_NS),
      ),
    },
    // CII BR-52 judges every ram:AdditionalReferencedDocument, one the model reads nothing from.
    {
      name: 'CII line reference without its identifier',
      text: from(
        7,
        'CII',
        add(
          'SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[1]/SpecifiedLineTradeSettlement',
          '<ram:AdditionalReferencedDocument><ram:TypeCode>130</ram:TypeCode></ram:AdditionalReferencedDocument>',
        ),
      ),
    },
    // The AE, IC and G party rules (and O's buyer) look for `//ram:SellerTradeParty`, so they
    // still find the parties under a header agreement moved into another namespace.
    {
      name: 'CII K and G invoice with its header agreement in another namespace',
      text: from(11, 'CII', toNs(AGREEMENT, 'udt', UDT_NS)),
    },
    {
      name: 'CII AE invoice with its header agreement in another namespace',
      text: from(14, 'CII', toNs(AGREEMENT, 'udt', UDT_NS)),
    },
    // CII compares a line's rate with 0 as xs:double: '1E3' is a positive rate there.
    {
      name: 'CII L line whose rate has an exponent',
      text: from(
        9,
        'CII',
        set(
          'SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem[1]/SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent',
          '7E0',
        ),
      ),
    },
    // CII's BR-CO-14 sums every ram:CalculatedAmount of the header taxes, a repeated one too.
    {
      name: 'CII header tax with its amount twice',
      text: from(9, 'CII', dup(`${HEADER_TAX}/CalculatedAmount`)),
    },
    // CII's BR-03 (and BR-29/30) read `udt:DateTimeString[@format='102']`: a qdt one, which
    // the reader takes for a date (preceding invoices' dates are written so), is none there.
    {
      name: 'CII issue date in the qdt namespace',
      text: from(9, 'CII', toNs('ExchangedDocument/IssueDateTime/DateTimeString', 'qdt', QDT_NS)),
    },
    // CII's BR-CO-15 counts the VAT totals of every header summation: a duplicated summation
    // holds a second one, and its BR-CO-14 checks it too.
    {
      name: 'CII with its monetary summation twice',
      text: from(
        9,
        'CII',
        dup(
          'SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/SpecifiedTradeSettlementHeaderMonetarySummation',
        ),
      ),
    },
    // CII's BR-CO-14 sums the untyped amounts as xs:double: '1e2' is 100 there.
    {
      name: 'CII O header tax with an amount written with an exponent',
      text: from(5, 'CII', set(`${HEADER_TAX}/CalculatedAmount`, '1e2')),
    },
    // UBL's single-rate 01 rules count tax category IDs: two O categories in one breakdown.
    {
      name: 'UBL O breakdown with its tax category twice',
      text: from(5, 'UBL', dup('TaxTotal/TaxSubtotal/TaxCategory')),
    },
    // UBL's 01 rules count line categories with `//cac:ClassifiedTaxCategory`: a line whose
    // cac:Item is in another namespace (which the reader does not read) still counts.
    {
      name: 'UBL S line whose item is in the cbc namespace',
      text: from(148, 'UBL', toNs('InvoiceLine[8]/Item', 'cbc', CBC_NS)),
    },
    {
      name: 'UBL L line whose item is in the cbc namespace',
      text: from(166, 'UBL', toNs('InvoiceLine[2]/Item', 'cbc', CBC_NS)),
    },
    {
      name: 'UBL M line whose item is in the cbc namespace',
      text: from(10, 'UBL', toNs('InvoiceLine[3]/Item', 'cbc', CBC_NS)),
    },
    {
      name: 'UBL E line whose item is in the cbc namespace, without E breakdown',
      text: from(
        81,
        'UBL',
        rm('TaxTotal/TaxSubtotal[2]'),
        toNs('InvoiceLine[4]/Item', 'cbc', CBC_NS),
      ),
    },
    // …and so do the 02 rules (who must hold a VAT identifier) and BR-O-12 (no other
    // category beside O).
    {
      name: 'UBL S line whose item is in the cbc namespace, seller without VAT identifier',
      text: from(148, 'UBL', NO_SELLER_VAT, toNs('InvoiceLine[8]/Item', 'cbc', CBC_NS)),
    },
    {
      name: 'UBL E line whose item is in the cbc namespace, seller without VAT identifier',
      text: from(81, 'UBL', NO_SELLER_VAT, toNs('InvoiceLine[4]/Item', 'cbc', CBC_NS)),
    },
    {
      name: 'UBL O invoice with an S line whose item is in the cbc namespace',
      text: from(
        5,
        'UBL',
        set('InvoiceLine[1]/Item/ClassifiedTaxCategory/ID', 'S'),
        toNs('InvoiceLine[1]/Item', 'cbc', CBC_NS),
      ),
    },
    // UBL BR-52 judges every cac:AdditionalDocumentReference, one the model reads nothing
    // from too (an invoiced object reference, type 130, without identifier or repeated).
    {
      name: 'UBL invoiced object reference without its identifier',
      text: from(7, 'UBL', documentReference('<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>')),
    },
    {
      name: 'UBL invoiced object reference twice, the second blank',
      text: from(
        7,
        'UBL',
        documentReference('<cbc:ID>OBJ-1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>'),
        documentReference('<cbc:ID> </cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>'),
      ),
    },
    // UBL's 06/07 contexts are any `cac:AllowanceCharge/cac:TaxCategory`: the allowance of a
    // line the reader leaves out (moved into another namespace) is judged too.
    {
      name: 'UBL line in the cbc namespace with an S allowance at 0 %',
      text: from(
        7,
        'UBL',
        add(
          'InvoiceLine[2]/AllowanceCharge',
          '<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>',
        ),
        toNs('InvoiceLine[2]', 'cbc', CBC_NS),
      ),
    },
    // UBL's BR-S-08 has a credit-note branch that an allowance or charge at the rate opens:
    // in an invoice it sums no line, so a taxable amount of charges minus allowances passes.
    {
      name: 'UBL S breakdown of the allowances and charges alone',
      text: from(7, 'UBL', set('TaxTotal/TaxSubtotal/TaxableAmount', '-145.79')),
    },
    // UBL's BR-AF-08 and BR-AG-08 ask for some invoice line, not one at the breakdown's rate:
    // an M breakdown at 0 % of nothing is right when no line is at 0 %.
    {
      name: 'UBL M breakdown of nothing at a rate no line has',
      text: from(
        10,
        'UBL',
        set('InvoiceLine[3]/Item/ClassifiedTaxCategory/Percent', '4'),
        set('TaxTotal/TaxSubtotal[3]/TaxableAmount', '0'),
      ),
    },
  ];
  return cases.map((c) => {
    const official = OFFICIAL[c.name];
    if (!official) throw new Error(`no official verdict for ${c.name}`);
    return { ...c, official };
  });
}
