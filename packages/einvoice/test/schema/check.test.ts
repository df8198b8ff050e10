import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import type { XmlElement } from '../../src/xml/types.js';
import type { Anchor, Reporter } from '../../src/rules/engine.js';
import { checkCiiStructure, checkUblStructure } from '../../src/schema/check.js';
import { SCHEMA_RULES } from '../../src/schema/ids.js';
import { SCHEMA_MESSAGES } from '../../src/schema/messages.js';
import { flagOf } from '../../src/rules/catalogue.js';
import { messageFor } from '../../src/messages/catalogue.js';

const conformance = join(import.meta.dirname, '../../../../../shared/conformance');

interface Hit {
  id: string;
  at: string;
  line: number;
  params: Record<string, string>;
}

function run(xml: string | Uint8Array): Hit[] {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const hits: Hit[] = [];
  const r: Reporter = {
    fire(id: string, at: Anchor, _field?: string, params?: Record<string, string>) {
      const el = at as XmlElement;
      hits.push({ id, at: el.qname, line: el.line, params: params ?? {} });
    },
  };
  const root = parsed.root;
  if (root.local === 'CrossIndustryInvoice') checkCiiStructure(root, r);
  else checkUblStructure(root, r);
  return hits;
}

const ids = (hits: Hit[]): string[] => hits.map((h) => h.id).sort();

// ---- minimal documents, valid against the schemas --------------------------------------

const UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>INV-1</cbc:ID>
  <cbc:IssueDate>2024-03-31</cbc:IssueDate>
  <cbc:IssueTime>14:30:00</cbc:IssueTime>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note languageID="fr-FR">Merci</cbc:Note>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AdditionalDocumentReference>
    <cbc:ID>ATT-1</cbc:ID>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="text/plain" filename="a.txt">SGVsbG8=</cbc:EmbeddedDocumentBinaryObject>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Seller</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Buyer</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
    <cbc:Amount currencyID="EUR">1.00</cbc:Amount>
  </cac:AllowanceCharge>
  <cac:LegalMonetaryTotal>
    <cbc:PayableAmount currencyID="EUR">99.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Thing</cbc:Name></cac:Item>
  </cac:InvoiceLine>
</Invoice>`;

const UBL_EXT = UBL.replace(
  '<cbc:CustomizationID>',
  `<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><x:Anything xmlns:x="urn:x"><x:Whatever a="1"/></x:Anything></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
  <cbc:CustomizationID>`,
);

const CII = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>INV-1</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240331</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Thing</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeDelivery>
        <ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>
        <ram:NetWeightMeasure unitCode="KGM">2.5</ram:NetWeightMeasure>
      </ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Seller</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Buyer</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>
        <ram:ActualAmount>1.00</ram:ActualAmount>
      </ram:SpecifiedTradeAllowanceCharge>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:DuePayableAmount>99.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;

/** Replaces exactly one occurrence (fails the test when the fragment is not there once). */
function mutate(xml: string, from: string, to: string): string {
  const i = xml.indexOf(from);
  if (i < 0 || xml.indexOf(from, i + 1) >= 0) throw new Error(`fragment not unique: ${from}`);
  return xml.slice(0, i) + to + xml.slice(i + from.length);
}

describe('schema ids, flags and messages', () => {
  it('every id is fatal in both syntaxes and has a message in both languages', () => {
    for (const id of Object.keys(SCHEMA_RULES)) {
      expect(flagOf(id, 'UBL')).toBe('fatal');
      expect(flagOf(id, 'CII')).toBe('fatal');
      expect(SCHEMA_MESSAGES[id]?.fr).toBeTruthy();
      expect(SCHEMA_MESSAGES[id]?.en).toBeTruthy();
    }
    expect(Object.keys(SCHEMA_MESSAGES).sort()).toEqual(Object.keys(SCHEMA_RULES).sort());
  });

  it('fills every placeholder of the messages it fires', () => {
    const cases = [
      mutate(UBL, '<cbc:IssueDate>2024-03-31</cbc:IssueDate>', ''),
      mutate(UBL, '<cbc:ID>INV-1</cbc:ID>', '<cbc:ID>INV-1</cbc:ID><cbc:Foo/>'),
      mutate(
        UBL,
        '<cbc:DocumentCurrencyCode>',
        '<cbc:IssueDate>2024-01-01</cbc:IssueDate><cbc:DocumentCurrencyCode>',
      ),
      mutate(UBL, '99.00', '99,00'),
      mutate(UBL, ' currencyID="EUR">99.00', '>99.00'),
    ];
    for (const xml of cases) {
      const parsed = parseXml(xml);
      if (!parsed.ok) throw new Error('bad test document');
      const hits = run(xml);
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) {
        for (const lang of ['fr', 'en'] as const) {
          const text = messageFor(
            { id: h.id, flag: 'fatal', path: '', line: 0, column: 0, params: h.params },
            lang,
          );
          expect(text).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });
});

describe('valid documents give no schema finding', () => {
  it('minimal UBL and CII documents (with an extension, xsi attributes, a choice)', () => {
    expect(run(UBL)).toEqual([]);
    expect(run(UBL_EXT)).toEqual([]);
    expect(
      run(
        UBL.replace(/InvoicedQuantity/g, 'CreditedQuantity')
          .replace(/Invoice/g, 'CreditNote')
          .replace('<cbc:CreditNoteTypeCode>380', '<cbc:CreditNoteTypeCode>381'),
      ),
    ).toEqual([]);
    expect(run(CII)).toEqual([]);
  });

  const examples = join(conformance, 'en16931/examples');
  const lines = readFileSync(join(examples, 'expected.jsonl'), 'utf8').split('\n').filter(Boolean);
  const entries = lines.map((l) => JSON.parse(l) as { file: string; xsd: string });
  it('the official examples are all marked XSD-valid', () => {
    expect(entries.length).toBe(63);
    for (const e of entries) expect(e.xsd).toBe('valid');
  });
  for (const e of entries) {
    it(`example ${e.file}`, () => {
      expect(run(readFileSync(join(examples, e.file)))).toEqual([]);
    });
  }
  const fx = join(conformance, 'factur-x/xml');
  for (const f of readdirSync(fx).filter((n) => /^(factur-x-|ubl-21)/.test(n))) {
    it(`Factur-X sample ${f}`, () => {
      expect(run(readFileSync(join(fx, f)))).toEqual([]);
    });
  }
});

describe('UBL mutations fire exactly the expected finding', () => {
  it('unknown element', () => {
    const hits = run(
      mutate(
        UBL,
        '<cbc:ID>INV-1</cbc:ID>',
        '<cbc:ID>INV-1</cbc:ID><cbc:InvoiceNumber>1</cbc:InvoiceNumber>',
      ),
    );
    expect(ids(hits)).toEqual(['XSD-UNKNOWN-ELEMENT']);
    expect(hits[0]!.at).toBe('cbc:InvoiceNumber');
    expect(hits[0]!.params.parent).toBe('Invoice');
    expect(hits[0]!.params.expected).toContain('cbc:IssueDate');
  });

  it('right name in the wrong namespace is unknown', () => {
    const hits = run(
      mutate(UBL, '<cac:Item><cbc:Name>Thing</cbc:Name></cac:Item>', '<cbc:Item>Thing</cbc:Item>'),
    );
    expect(ids(hits)).toEqual(['XSD-MISSING', 'XSD-UNKNOWN-ELEMENT']);
  });

  it('swapped order: one finding on the misplaced element', () => {
    const hits = run(
      mutate(
        UBL,
        '<cbc:ID>INV-1</cbc:ID>\n  <cbc:IssueDate>2024-03-31</cbc:IssueDate>',
        '<cbc:IssueDate>2024-03-31</cbc:IssueDate>\n  <cbc:ID>INV-1</cbc:ID>',
      ),
    );
    expect(ids(hits)).toEqual(['XSD-ORDER']);
    expect(hits[0]!.params.order).toMatch(
      /cbc:ID → cbc:IssueDate|cbc:CustomizationID → cbc:ID → cbc:IssueDate/,
    );
  });

  it('an element moved far away gives one finding, not one per skipped sibling', () => {
    const line = UBL.slice(UBL.indexOf('  <cac:InvoiceLine>'), UBL.indexOf('</Invoice>'));
    const moved = mutate(
      UBL.replace(line, ''),
      '<cbc:CustomizationID>',
      line + '<cbc:CustomizationID>',
    );
    const hits = run(moved);
    expect(ids(hits)).toEqual(['XSD-ORDER']);
    expect(hits[0]!.at).toBe('cac:InvoiceLine');
  });

  it('repeated single element: reported once, on the first extra one', () => {
    const date = '<cbc:IssueDate>2024-03-31</cbc:IssueDate>';
    const hits = run(mutate(UBL, date, date + date + date));
    expect(ids(hits)).toEqual(['XSD-TOO-MANY']);
    expect(hits[0]!.params).toMatchObject({ element: 'cbc:IssueDate', max: '1' });
  });

  it('removed required element (cbc:ID) is reported on its parent', () => {
    const hits = run(mutate(UBL, '<cbc:ID>INV-1</cbc:ID>', ''));
    expect(ids(hits)).toEqual(['XSD-MISSING']);
    expect(hits[0]).toMatchObject({
      at: 'Invoice',
      params: { element: 'cbc:ID', parent: 'Invoice' },
    });
  });

  it('required element missing at the end of a parent', () => {
    const hits = run(mutate(UBL, '<cac:Item><cbc:Name>Thing</cbc:Name></cac:Item>', ''));
    expect(hits.map((h) => [h.id, h.at, h.params.element])).toEqual([
      ['XSD-MISSING', 'cac:InvoiceLine', 'cac:Item'],
    ]);
  });

  it('bad decimal, date, time, boolean, base64, language', () => {
    expect(ids(run(mutate(UBL, '>99.00<', '>99,00<')))).toEqual(['XSD-DECIMAL']);
    expect(ids(run(mutate(UBL, '>99.00<', '>1 000.00<')))).toEqual(['XSD-DECIMAL']);
    expect(ids(run(mutate(UBL, '>99.00<', '><')))).toEqual(['XSD-DECIMAL']);
    expect(ids(run(mutate(UBL, '>99.00<', '> 99.00\n<')))).toEqual([]);
    expect(ids(run(mutate(UBL, '2024-03-31', '2024-02-30')))).toEqual(['XSD-DATE']);
    expect(ids(run(mutate(UBL, '2024-03-31', '31.03.2024')))).toEqual(['XSD-DATE']);
    expect(ids(run(mutate(UBL, '14:30:00', '25:00:00')))).toEqual(['XSD-TIME']);
    expect(ids(run(mutate(UBL, '>false<', '>no<')))).toEqual(['XSD-BOOLEAN']);
    expect(ids(run(mutate(UBL, 'SGVsbG8=', 'SGVsbG8')))).toEqual(['XSD-BASE64']);
    expect(ids(run(mutate(UBL, 'languageID="fr-FR"', 'languageID="fr_FR"')))).toEqual([
      'XSD-LANGUAGE',
    ]);
  });

  it('required attribute currencyID, unknown attribute', () => {
    const hits = run(mutate(UBL, ' currencyID="EUR">99.00', '>99.00'));
    expect(hits.map((h) => [h.id, h.at, h.params.attribute])).toEqual([
      ['XSD-ATTRIBUTE-MISSING', 'cbc:PayableAmount', 'currencyID'],
    ]);
    expect(ids(run(mutate(UBL, '<cbc:ID>INV-1', '<cbc:ID foo="1">INV-1')))).toEqual([
      'XSD-ATTRIBUTE-UNKNOWN',
    ]);
    expect(
      ids(
        run(mutate(UBL, '<cac:LegalMonetaryTotal>', '<cac:LegalMonetaryTotal currencyID="EUR">')),
      ),
    ).toEqual(['XSD-ATTRIBUTE-UNKNOWN']);
  });

  it('xsi attributes: schemaLocation and type accepted, nil and others refused, xml:lang refused', () => {
    expect(ids(run(mutate(UBL, '<cbc:ID>INV-1', '<cbc:ID xsi:type="cbc:IDType">INV-1')))).toEqual(
      [],
    );
    for (const a of ['xsi:nil="false"', 'xsi:foo="1"', 'xml:lang="en"']) {
      expect(ids(run(mutate(UBL, '<cbc:ID>INV-1', `<cbc:ID ${a}>INV-1`)))).toEqual([
        'XSD-ATTRIBUTE-UNKNOWN',
      ]);
    }
  });

  it('text in an aggregate, element inside a value', () => {
    expect(ids(run(mutate(UBL, '<cac:LegalMonetaryTotal>', '<cac:LegalMonetaryTotal>99')))).toEqual(
      ['XSD-TEXT'],
    );
    const hits = run(
      mutate(UBL, '<cbc:ID>INV-1</cbc:ID>', '<cbc:ID>INV-1<cbc:UUID>x</cbc:UUID></cbc:ID>'),
    );
    expect(hits.map((h) => [h.id, h.at])).toEqual([['XSD-VALUE-CHILD', 'cbc:UUID']]);
  });

  it('extension content is lax but must hold exactly one foreign element', () => {
    expect(ids(run(UBL_EXT.replace('<x:Whatever a="1"/>', '<cbc:Nonsense/>')))).toEqual([]);
    expect(
      ids(run(UBL_EXT.replace('</x:Anything>', '</x:Anything><y:Other xmlns:y="urn:y"/>'))),
    ).toEqual(['XSD-TOO-MANY']);
    expect(ids(run(UBL_EXT.replace(/<x:Anything[^]*<\/x:Anything>/, '')))).toEqual(['XSD-MISSING']);
    expect(ids(run(UBL_EXT.replace(/<x:Anything[^]*<\/x:Anything>/, '<Plain xmlns=""/>')))).toEqual(
      ['XSD-UNKNOWN-ELEMENT'],
    );
    expect(
      ids(run(UBL_EXT.replace(/<x:Anything[^]*<\/x:Anything>/, '<ext:UBLExtensions/>'))),
    ).toEqual(['XSD-UNKNOWN-ELEMENT']);
  });
});

describe('CII mutations fire exactly the expected finding', () => {
  it('removed rsm:ExchangedDocument', () => {
    const doc = CII.slice(
      CII.indexOf('<rsm:ExchangedDocument>'),
      CII.indexOf('<rsm:SupplyChainTradeTransaction>'),
    );
    const hits = run(CII.replace(doc, ''));
    expect(hits.map((h) => [h.id, h.at, h.params.element])).toEqual([
      ['XSD-MISSING', 'rsm:CrossIndustryInvoice', 'rsm:ExchangedDocument'],
    ]);
  });

  it('unknown element, order, too many', () => {
    expect(
      ids(
        run(
          mutate(
            CII,
            '<ram:ID>INV-1</ram:ID>',
            '<ram:ID>INV-1</ram:ID><ram:InvoiceNumber>1</ram:InvoiceNumber>',
          ),
        ),
      ),
    ).toEqual(['XSD-UNKNOWN-ELEMENT']);
    expect(
      ids(
        run(
          mutate(
            CII,
            '<ram:ID>INV-1</ram:ID>\n    <ram:TypeCode>380</ram:TypeCode>',
            '<ram:TypeCode>380</ram:TypeCode><ram:ID>INV-1</ram:ID>',
          ),
        ),
      ),
    ).toEqual(['XSD-ORDER']);
    expect(
      ids(
        run(
          mutate(
            CII,
            '<ram:TypeCode>380</ram:TypeCode>',
            '<ram:TypeCode>380</ram:TypeCode><ram:TypeCode>381</ram:TypeCode>',
          ),
        ),
      ),
    ).toEqual(['XSD-TOO-MANY']);
  });

  it('date/time choice: both alternatives, a wrong one, a bad xsd:dateTime', () => {
    const s = '<udt:DateTimeString format="102">20240331</udt:DateTimeString>';
    expect(
      ids(run(mutate(CII, s, s + '<udt:DateTime>2024-03-31T00:00:00</udt:DateTime>'))),
    ).toEqual(['XSD-TOO-MANY']);
    expect(ids(run(mutate(CII, s, '<udt:DateTime>2024-03-31T00:00:00</udt:DateTime>')))).toEqual(
      [],
    );
    expect(ids(run(mutate(CII, s, '<udt:DateTime>2024-03-31</udt:DateTime>')))).toEqual([
      'XSD-DATETIME',
    ]);
    expect(ids(run(mutate(CII, s, '<udt:DateString>20240331</udt:DateString>')))).toEqual([
      'XSD-MISSING',
      'XSD-UNKNOWN-ELEMENT',
    ]);
    // The format of a DateTimeString is not the schema's business (a Schematron rule).
    expect(ids(run(mutate(CII, '>20240331<', '>2024-03-31<')))).toEqual([]);
  });

  it('bad decimal, indicator, fixed attribute, length, text', () => {
    expect(ids(run(mutate(CII, '>99.00<', '>99.00 EUR<')))).toEqual(['XSD-DECIMAL']);
    expect(ids(run(mutate(CII, '<udt:Indicator>false', '<udt:Indicator>no')))).toEqual([
      'XSD-BOOLEAN',
    ]);
    const fixed = run(
      mutate(CII, '<ram:InvoiceCurrencyCode>', '<ram:InvoiceCurrencyCode listID="ISO4217">'),
    );
    expect(fixed.map((h) => [h.id, h.params.expected])).toEqual([
      ['XSD-ATTRIBUTE-FIXED', 'ISO 4217 3A'],
    ]);
    expect(
      ids(
        run(
          mutate(
            CII,
            '<ram:InvoiceCurrencyCode>',
            '<ram:InvoiceCurrencyCode listID=" ISO  4217 3A">',
          ),
        ),
      ),
    ).toEqual([]);
    expect(ids(run(mutate(CII, 'unitCode="KGM"', 'unitCode="KGMX"')))).toEqual(['XSD-LENGTH']);
    expect(
      ids(
        run(
          mutate(
            CII,
            '<ram:ApplicableHeaderTradeDelivery/>',
            '<ram:ApplicableHeaderTradeDelivery>x</ram:ApplicableHeaderTradeDelivery>',
          ),
        ),
      ),
    ).toEqual(['XSD-TEXT']);
  });
});

describe('cost', () => {
  // A guard against quadratic behaviour, not a speed goal (those live in bench/): ten times the
  // lines must cost about ten times the time. Best of three runs each, so a busy machine does
  // not decide; quadratic work would give about 100×.
  it('stays linear on a large invoice (2,000 then 20,000 lines)', () => {
    const line = UBL.slice(UBL.indexOf('  <cac:InvoiceLine>'), UBL.indexOf('</Invoice>'));
    const timeFor = (lines: number): number => {
      const parsed = parseXml(UBL.replace(line, line.repeat(lines)));
      if (!parsed.ok) throw new Error('bad');
      let n = 0;
      const r: Reporter = { fire: () => void n++ };
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        checkUblStructure(parsed.root, r);
        best = Math.min(best, performance.now() - t0);
      }
      expect(n).toBe(0);
      return best;
    };
    const small = timeFor(2_000);
    const large = timeFor(20_000);
    expect(large / Math.max(small, 0.5)).toBeLessThan(40);
  });
});
