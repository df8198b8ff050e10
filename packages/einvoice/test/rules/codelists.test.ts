/**
 * Code list rules (BR-CL-*): on keyed-in models (model.ts) and on UBL and CII trees (tree.ts).
 * Each rule fires on a wrong code, once per occurrence, and not on a right one.
 */
import { describe, expect, it } from 'vitest';
import type { Anchor, Reporter } from '../../src/rules/engine.js';
import { emptyInvoice, type Invoice } from '../../src/model/types.js';
import { parseXml } from '../../src/xml/parse.js';
import { checkCodeListsModel } from '../../src/rules/codelists/model.js';
import { checkCodeListsCii, checkCodeListsUbl } from '../../src/rules/codelists/tree.js';
import { CODELIST_MESSAGES } from '../../src/rules/codelists/messages.js';
import { ruleFlags } from '../../src/rules/catalogue.js';
import { codeSet, wrongUblNoteSubject } from '../../src/rules/codelists/sets.js';

interface Fired {
  id: string;
  code: string | undefined;
  field: string | undefined;
  at: Anchor;
}

function collector(): Reporter & { fired: Fired[] } {
  const fired: Fired[] = [];
  return {
    fired,
    fire(id, at, field, params) {
      fired.push({ id, code: params?.code, field, at });
    },
  };
}

function onModel(inv: Invoice): Fired[] {
  const r = collector();
  checkCodeListsModel(inv, r);
  return r.fired;
}

const ids = (f: Fired[]): string[] => f.map((x) => `${x.id}:${x.code}`);

describe('code lists data', () => {
  it('has a message for every BR-CL rule of the catalogue, and nothing else', () => {
    const official = [...ruleFlags().keys()].filter((id) => id.startsWith('BR-CL-')).sort();
    expect(Object.keys(CODELIST_MESSAGES).sort()).toEqual(official);
    for (const m of Object.values(CODELIST_MESSAGES)) {
      expect(m.fr).toContain('{code}');
      expect(m.en).toContain('{code}');
      expect(m.terms.length).toBeGreaterThan(0);
    }
  });

  it('holds the 1.3.16 lists', () => {
    expect(codeSet('UNITS').size).toBe(2162);
    expect(codeSet('ICD').size).toBe(243);
    expect(codeSet('CURRENCIES').size).toBe(178);
    expect(codeSet('EAS').has('0225')).toBe(true);
    expect(codeSet('COUNTRIES_UBL').has('SS')).toBe(true);
    expect(codeSet('COUNTRIES_CII').has('SS')).toBe(false);
    expect(codeSet('COUNTRIES_CII').has('AN')).toBe(true);
    expect(codeSet('INVOICE_TYPES_CII').size).toBe(62);
  });
});

describe('keyed-in model', () => {
  /** A keyed-in invoice with a right code in every coded term. */
  function good(): Invoice {
    const inv = emptyInvoice();
    Object.assign(inv, {
      typeCode: '380',
      currencyCode: 'EUR',
      vatAccountingCurrencyCode: 'EUR',
      vatPointDateCode: '35',
      invoicedObjectId: { value: 'X', scheme: 'AAG' },
      seller: {
        identifiers: [
          { value: '1', scheme: '0009' },
          { value: '2', scheme: 'SEPA' },
        ],
        legalRegistration: { value: '3', scheme: '0002' },
        electronicAddress: { value: '4', scheme: 'EM' },
        address: { countryCode: 'FR' },
      },
      buyer: {
        identifier: { value: '5', scheme: '0088' },
        legalRegistration: { value: '6', scheme: '0002' },
        electronicAddress: { value: '7', scheme: '0225' },
        address: { countryCode: 'DE' },
      },
      payee: { identifier: { value: '8', scheme: 'SEPA' }, legalRegistration: { value: '9' } },
      taxRepresentative: { address: { countryCode: 'BE' } },
      delivery: { locationId: { value: '10', scheme: '0088' }, address: { countryCode: 'IT' } },
      paymentInstructions: { meansCode: '58', creditTransfers: [] },
      allowances: [{ vatCategoryCode: 'S', reasonCode: '95' }],
      charges: [{ vatCategoryCode: 'S', reasonCode: 'FC' }],
      notes: [{ subjectCode: 'AAI', text: 'x' }],
      vatBreakdowns: [{ categoryCode: 'E', exemptionReasonCode: 'vatex-eu-132' }],
      additionalDocuments: [{ id: 'a', attachment: { content: '', mimeCode: 'application/pdf' } }],
      lines: [
        {
          unitCode: 'C62',
          vatCategoryCode: 'S',
          objectId: { value: 'o', scheme: 'AUU' },
          allowances: [{ reasonCode: '100' }],
          charges: [{ reasonCode: 'ABL' }],
          price: { baseQuantityUnitCode: 'HUR' },
          item: {
            standardId: { value: 'g', scheme: '0160' },
            classifications: [{ value: 'c', scheme: 'STI' }],
            originCountry: 'CN',
            attributes: [],
          },
        },
      ],
    });
    return inv;
  }

  it('accepts right codes', () => {
    expect(ids(onModel(good()))).toEqual([]);
  });

  const wrong: [string, (inv: Invoice) => void][] = [
    ['BR-CL-01', (i) => (i.typeCode = '999')],
    ['BR-CL-04', (i) => (i.currencyCode = 'EURO')],
    ['BR-CL-05', (i) => (i.vatAccountingCurrencyCode = 'EUX')],
    ['BR-CL-06', (i) => (i.vatPointDateCode = '4')],
    ['BR-CL-07', (i) => (i.invoicedObjectId!.scheme = 'ZZZZ')],
    ['BR-CL-07', (i) => (i.lines[0]!.objectId!.scheme = 'ZZZZ')],
    ['BR-CL-08', (i) => (i.notes[0]!.subjectCode = 'Q9Q')],
    ['BR-CL-10', (i) => (i.seller!.identifiers[0]!.scheme = '9999')],
    ['BR-CL-10', (i) => (i.buyer!.identifier!.scheme = 'SEPA')],
    ['BR-CL-10', (i) => (i.payee!.identifier!.scheme = 'X')],
    ['BR-CL-11', (i) => (i.seller!.legalRegistration!.scheme = 'SIREN')],
    ['BR-CL-11', (i) => (i.payee!.legalRegistration!.scheme = '')],
    ['BR-CL-13', (i) => (i.lines[0]!.item!.classifications[0]!.scheme = 'XX')],
    ['BR-CL-14', (i) => (i.seller!.address!.countryCode = 'fr')],
    ['BR-CL-14', (i) => (i.taxRepresentative!.address!.countryCode = 'XX')],
    ['BR-CL-14', (i) => (i.delivery!.address!.countryCode = 'FRA')],
    ['BR-CL-15', (i) => (i.lines[0]!.item!.originCountry = 'ZZ')],
    ['BR-CL-16', (i) => (i.paymentInstructions!.meansCode = '71')],
    ['BR-CL-17', (i) => (i.allowances[0]!.vatCategoryCode = 'X')],
    ['BR-CL-17', (i) => (i.vatBreakdowns[0]!.categoryCode = 'VAT')],
    ['BR-CL-18', (i) => (i.lines[0]!.vatCategoryCode = 's')],
    ['BR-CL-19', (i) => (i.allowances[0]!.reasonCode = 'FC')],
    ['BR-CL-19', (i) => (i.lines[0]!.allowances[0]!.reasonCode = '1')],
    ['BR-CL-20', (i) => (i.charges[0]!.reasonCode = '95')],
    ['BR-CL-20', (i) => (i.lines[0]!.charges[0]!.reasonCode = 'Q9Q')],
    ['BR-CL-21', (i) => (i.lines[0]!.item!.standardId!.scheme = 'GTIN')],
    ['BR-CL-22', (i) => (i.vatBreakdowns[0]!.exemptionReasonCode = 'VATEX-EU-999')],
    ['BR-CL-23', (i) => (i.lines[0]!.unitCode = 'PCS')],
    ['BR-CL-23', (i) => (i.lines[0]!.price!.baseQuantityUnitCode = '')],
    ['BR-CL-24', (i) => (i.additionalDocuments[0]!.attachment!.mimeCode = 'application/xml')],
    ['BR-CL-25', (i) => (i.buyer!.electronicAddress!.scheme = '9999')],
    ['BR-CL-26', (i) => (i.delivery!.locationId!.scheme = 'GLN')],
  ];
  it.each(wrong)('%s fires once on a wrong code', (id, spoil) => {
    const inv = good();
    spoil(inv);
    const fired = onModel(inv);
    expect(fired.map((f) => f.id)).toEqual([id]);
    expect(fired[0]!.field).toBeDefined();
  });

  it('trims surrounding XML whitespace but not inner spaces', () => {
    const inv = good();
    inv.currencyCode = ' EUR\n';
    inv.vatAccountingCurrencyCode = 'E UR';
    expect(ids(onModel(inv))).toEqual(['BR-CL-05:E UR']);
  });

  it('accepts either VAT point date coding for a keyed-in model', () => {
    const inv = good();
    inv.vatPointDateCode = '72';
    expect(onModel(inv)).toEqual([]);
  });

  it('checks only BT-3, BT-5 and BT-6 on a model read from XML (the tree does the rest)', () => {
    const inv = good();
    inv.syntax = 'CII';
    inv.seller!.address!.countryCode = 'XX';
    inv.lines[0]!.unitCode = 'PCS';
    inv.currencyCode = 'EUX';
    expect(ids(onModel(inv))).toEqual(['BR-CL-04:EUX']);
  });

  it('uses the UBL credit note list for a UBL CreditNote', () => {
    const inv = good();
    inv.syntax = 'UBL';
    inv.ublDocument = 'CreditNote';
    expect(ids(onModel(inv))).toEqual(['BR-CL-01:380']);
    inv.typeCode = '381';
    expect(onModel(inv)).toEqual([]);
    inv.ublDocument = 'Invoice';
    expect(ids(onModel(inv))).toEqual(['BR-CL-01:381']);
  });
});

// ---------------------------------------------------------------------------------------------

function onTree(xml: string, syntax: 'UBL' | 'CII'): Fired[] {
  const p = parseXml(xml);
  if (!p.ok) throw new Error(p.error.message);
  const r = collector();
  (syntax === 'UBL' ? checkCodeListsUbl : checkCodeListsCii)(p.root, r);
  return r.fired;
}

const UBL_NS =
  'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';
const ubl = (body: string): string => `<Invoice ${UBL_NS}>${body}</Invoice>`;

/** [rule, right fragment, wrong fragment, wrong code]. */
const UBL_CASES: [string, string, string, string][] = [
  [
    'BR-CL-03',
    '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">1</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EU">1</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    'EU',
  ],
  [
    'BR-CL-03',
    '<cac:TaxTotal><cbc:TaxAmount currencyID=" USD ">1</cbc:TaxAmount></cac:TaxTotal>',
    '<cac:TaxTotal><cbc:TaxAmount>1</cbc:TaxAmount></cac:TaxTotal>',
    '',
  ],
  [
    'BR-CL-06',
    '<cac:InvoicePeriod><cbc:DescriptionCode>432</cbc:DescriptionCode></cac:InvoicePeriod>',
    '<cac:InvoiceLine><cac:InvoicePeriod><cbc:DescriptionCode>5</cbc:DescriptionCode></cac:InvoicePeriod></cac:InvoiceLine>',
    '5',
  ],
  [
    'BR-CL-07',
    '<cac:AdditionalDocumentReference><cbc:ID schemeID="AAG">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>' +
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="Q9Q">1</cbc:ID></cac:AdditionalDocumentReference>',
    '<cac:InvoiceLine><cac:DocumentReference><cbc:ID schemeID="Q9Q">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:DocumentReference></cac:InvoiceLine>',
    'Q9Q',
  ],
  [
    'BR-CL-08',
    '<cbc:Note>#AAI#General</cbc:Note><cbc:Note>No code</cbc:Note><cbc:Note>#ZZZZ#long</cbc:Note>',
    '<cbc:Note>#Q9Q#Unknown</cbc:Note>',
    'Q9Q',
  ],
  [
    'BR-CL-10',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">1</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">1</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingCustomerParty>',
    'SEPA',
  ],
  [
    'BR-CL-11',
    '<cac:PartyLegalEntity><cbc:CompanyID schemeID="0002">1</cbc:CompanyID></cac:PartyLegalEntity><cac:PartyLegalEntity><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity>',
    '<cac:PartyLegalEntity><cbc:CompanyID schemeID="SIREN">1</cbc:CompanyID></cac:PartyLegalEntity>',
    'SIREN',
  ],
  [
    'BR-CL-13',
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="STI">1</cbc:ItemClassificationCode></cac:CommodityClassification>',
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="XX">1</cbc:ItemClassificationCode></cac:CommodityClassification>',
    'XX',
  ],
  [
    'BR-CL-14',
    '<cac:Country><cbc:IdentificationCode>SS</cbc:IdentificationCode></cac:Country>',
    '<cac:Country><cbc:IdentificationCode>AN</cbc:IdentificationCode></cac:Country>',
    'AN',
  ],
  [
    'BR-CL-15',
    '<cac:OriginCountry><cbc:IdentificationCode>CN</cbc:IdentificationCode></cac:OriginCountry>',
    '<cac:OriginCountry><cbc:IdentificationCode>CHN</cbc:IdentificationCode></cac:OriginCountry>',
    'CHN',
  ],
  [
    'BR-CL-16',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>ZZZ</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>99</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '99',
  ],
  [
    'BR-CL-17',
    '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>AE</cbc:ID></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>',
    '<cac:AllowanceCharge><cac:TaxCategory><cbc:ID>VAT</cbc:ID></cac:TaxCategory></cac:AllowanceCharge>',
    'VAT',
  ],
  [
    'BR-CL-18',
    '<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory>',
    '<cac:ClassifiedTaxCategory><cbc:ID></cbc:ID></cac:ClassifiedTaxCategory>',
    '',
  ],
  [
    'BR-CL-19',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>',
    '<cac:InvoiceLine><cac:Price><cac:AllowanceCharge><cbc:ChargeIndicator> false </cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
    'FC',
  ],
  [
    'BR-CL-20',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>' +
      '<cac:AllowanceCharge><cbc:ChargeIndicator>maybe</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>??</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>',
    '95',
  ],
  [
    'BR-CL-21',
    '<cac:StandardItemIdentification><cbc:ID schemeID="0160">1</cbc:ID></cac:StandardItemIdentification>',
    '<cac:StandardItemIdentification><cbc:ID schemeID="GTIN">1</cbc:ID></cac:StandardItemIdentification>',
    'GTIN',
  ],
  [
    'BR-CL-22',
    '<cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:TaxExemptionReasonCode>vatex-eu-g</cbc:TaxExemptionReasonCode></cac:TaxCategory>',
    '<cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:TaxExemptionReasonCode>VATEX EU G</cbc:TaxExemptionReasonCode></cac:TaxCategory>',
    'VATEX EU G',
  ],
  [
    'BR-CL-23',
    '<cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cac:Price><cbc:BaseQuantity>1</cbc:BaseQuantity></cac:Price></cac:InvoiceLine>',
    '<cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cac:Price><cbc:BaseQuantity unitCode="PCS">1</cbc:BaseQuantity></cac:Price></cac:InvoiceLine>',
    'PCS',
  ],
  [
    'BR-CL-24',
    '<cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="image/png">AA==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>',
    '<cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="image/PNG">AA==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>',
    'image/PNG',
  ],
  [
    'BR-CL-25',
    '<cac:Party><cbc:EndpointID schemeID="EM">a@b.fr</cbc:EndpointID></cac:Party>',
    '<cac:Party><cbc:EndpointID schemeID="email">a@b.fr</cbc:EndpointID></cac:Party>',
    'email',
  ],
  [
    'BR-CL-26',
    '<cac:Delivery><cac:DeliveryLocation><cbc:ID schemeID="0088">1</cbc:ID></cac:DeliveryLocation></cac:Delivery>',
    '<cac:Delivery><cac:DeliveryLocation><cbc:ID schemeID="GLN">1</cbc:ID></cac:DeliveryLocation></cac:Delivery>',
    'GLN',
  ],
];

describe('UBL tree', () => {
  it.each(UBL_CASES)('%s: silent on right codes, once on a wrong one', (id, right, bad, code) => {
    expect(ids(onTree(ubl(right), 'UBL'))).toEqual([]);
    const fired = onTree(ubl(bad), 'UBL');
    expect(ids(fired)).toEqual([`${id}:${code}`]);
    expect('local' in fired[0]!.at!).toBe(true); // anchored on the element
  });

  it('leaves BT-3, BT-5 and BT-6 to the model', () => {
    const xml = ubl(
      '<cbc:InvoiceTypeCode>999</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>X</cbc:DocumentCurrencyCode>',
    );
    expect(onTree(xml, 'UBL')).toEqual([]);
  });

  it('fires once per offending amount', () => {
    const xml = ubl(
      '<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUX">1</cbc:LineExtensionAmount>' +
        '<cbc:PayableAmount currencyID="EUX">1</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    );
    expect(ids(onTree(xml, 'UBL'))).toEqual(['BR-CL-03:EUX', 'BR-CL-03:EUX']);
  });

  it('checks subject codes of the root notes only', () => {
    expect(
      onTree(ubl('<cac:InvoiceLine><cbc:Note>#Q9Q#x</cbc:Note></cac:InvoiceLine>'), 'UBL'),
    ).toEqual([]);
  });

  it('reads the UBL note subject code as the official rule does', () => {
    expect(wrongUblNoteSubject('#REG#text')).toBeUndefined();
    expect(wrongUblNoteSubject('#Q9Q#text')).toBe('Q9Q');
    expect(wrongUblNoteSubject('text #ZZZ')).toBeUndefined(); // no second '#'
    expect(wrongUblNoteSubject('#ZZ#')).toBeUndefined(); // not three characters
    expect(wrongUblNoteSubject('##')).toBeUndefined();
    // The official test looks for a substring of the list: 'A A' is inside 'AAA AAB'.
    expect(wrongUblNoteSubject('#A A#')).toBeUndefined();
  });
});

const CII_NS =
  'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" ' +
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" ' +
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"';
const cii = (body: string): string =>
  `<rsm:CrossIndustryInvoice ${CII_NS}>${body}</rsm:CrossIndustryInvoice>`;
const ac = (indicator: string, code: string): string =>
  `<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>${indicator}</udt:Indicator></ram:ChargeIndicator><ram:ReasonCode>${code}</ram:ReasonCode></ram:SpecifiedTradeAllowanceCharge>`;

const CII_CASES: [string, string, string, string][] = [
  [
    'BR-CL-03',
    '<ram:TaxTotalAmount currencyID="EUR">1</ram:TaxTotalAmount><ram:TaxTotalAmount>1</ram:TaxTotalAmount>',
    '<ram:TaxTotalAmount currencyID="eur">1</ram:TaxTotalAmount>',
    'eur',
  ],
  [
    'BR-CL-06',
    '<ram:ApplicableTradeTax><ram:DueDateTypeCode>72</ram:DueDateTypeCode></ram:ApplicableTradeTax>',
    '<ram:ApplicableTradeTax><ram:DueDateTypeCode>35</ram:DueDateTypeCode></ram:ApplicableTradeTax>',
    '35',
  ],
  [
    'BR-CL-07',
    '<ram:AdditionalReferencedDocument><ram:ReferenceTypeCode>AAG</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>',
    '<ram:AdditionalReferencedDocument><ram:ReferenceTypeCode>QQQ</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>',
    'QQQ',
  ],
  [
    'BR-CL-08',
    '<ram:IncludedNote><ram:SubjectCode>CCJ</ram:SubjectCode></ram:IncludedNote>',
    '<ram:IncludedNote><ram:SubjectCode>#AAI#</ram:SubjectCode></ram:IncludedNote>',
    '#AAI#',
  ],
  [
    'BR-CL-10',
    '<ram:SellerTradeParty><ram:GlobalID schemeID="0088">1</ram:GlobalID></ram:SellerTradeParty>' +
      '<ram:SpecifiedTradeProduct><ram:ManufacturerTradeParty><ram:GlobalID schemeID="X">1</ram:GlobalID></ram:ManufacturerTradeParty></ram:SpecifiedTradeProduct>',
    '<ram:BuyerTradeParty><ram:GlobalID schemeID="SEPA">1</ram:GlobalID></ram:BuyerTradeParty>',
    'SEPA',
  ],
  [
    'BR-CL-11',
    '<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">1</ram:ID></ram:SpecifiedLegalOrganization>' +
      '<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR1</ram:ID></ram:SpecifiedTaxRegistration>',
    '<ram:OriginTradeCountry><ram:ID schemeID="ISO">FR</ram:ID></ram:OriginTradeCountry>',
    'ISO',
  ],
  [
    'BR-CL-13',
    '<ram:DesignatedProductClassification><ram:ClassCode listID="HS">1</ram:ClassCode></ram:DesignatedProductClassification>',
    '<ram:DesignatedProductClassification><ram:ClassCode listID="">1</ram:ClassCode></ram:DesignatedProductClassification>',
    '',
  ],
  [
    'BR-CL-14',
    '<ram:PostalTradeAddress><ram:CountryID>AN</ram:CountryID></ram:PostalTradeAddress>',
    '<ram:PostalTradeAddress><ram:CountryID>SS</ram:CountryID></ram:PostalTradeAddress>',
    'SS',
  ],
  [
    'BR-CL-15',
    '<ram:OriginTradeCountry><ram:ID>FR</ram:ID></ram:OriginTradeCountry>',
    '<ram:OriginTradeCountry><ram:ID>FRA</ram:ID></ram:OriginTradeCountry>',
    'FRA',
  ],
  [
    'BR-CL-16',
    '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>' +
      '<rsm:ExchangedDocument><ram:TypeCode>380</ram:TypeCode></rsm:ExchangedDocument>',
    '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>SEPA</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
    'SEPA',
  ],
  [
    'BR-CL-17',
    '<ram:CategoryTradeTax><ram:CategoryCode>Z</ram:CategoryCode></ram:CategoryTradeTax>',
    '<ram:CategoryTradeTax><ram:CategoryCode>ZZ</ram:CategoryCode></ram:CategoryTradeTax>',
    'ZZ',
  ],
  [
    'BR-CL-18',
    '<ram:ApplicableTradeTax><ram:CategoryCode>K</ram:CategoryCode></ram:ApplicableTradeTax>',
    '<ram:ApplicableTradeTax><ram:CategoryCode>k</ram:CategoryCode></ram:ApplicableTradeTax>',
    'k',
  ],
  ['BR-CL-19', ac('false', '95') + ac('0', '41'), ac('false', 'FC'), 'FC'],
  ['BR-CL-20', ac('true', 'FC') + ac('1', 'ABL'), ac('true', '95'), '95'],
  [
    'BR-CL-21',
    '<ram:SpecifiedTradeProduct><ram:GlobalID schemeID="0160">1</ram:GlobalID></ram:SpecifiedTradeProduct>',
    '<ram:SpecifiedTradeProduct><ram:GlobalID schemeID="EAN">1</ram:GlobalID></ram:SpecifiedTradeProduct>',
    'EAN',
  ],
  [
    'BR-CL-22',
    '<ram:ApplicableTradeTax><ram:ExemptionReasonCode>VATEX-EU-IC</ram:ExemptionReasonCode></ram:ApplicableTradeTax>',
    '<ram:ApplicableTradeTax><ram:ExemptionReasonCode>IC</ram:ExemptionReasonCode></ram:ApplicableTradeTax>',
    'IC',
  ],
  [
    'BR-CL-23',
    '<ram:BilledQuantity unitCode="H87">1</ram:BilledQuantity><ram:BasisQuantity unitCode="KGM">1</ram:BasisQuantity>',
    '<ram:BilledQuantity unitCode="H87">1</ram:BilledQuantity><ram:BasisQuantity unitCode="kg">1</ram:BasisQuantity>',
    'kg',
  ],
  [
    'BR-CL-24',
    '<ram:AttachmentBinaryObject mimeCode="text/csv">AA==</ram:AttachmentBinaryObject>',
    '<ram:AttachmentBinaryObject mimeCode="text/xml">AA==</ram:AttachmentBinaryObject>',
    'text/xml',
  ],
  [
    'BR-CL-25',
    '<ram:URIUniversalCommunication><ram:URIID schemeID="0225">1</ram:URIID></ram:URIUniversalCommunication>',
    '<ram:URIUniversalCommunication><ram:URIID schemeID="SIRET">1</ram:URIID></ram:URIUniversalCommunication>',
    'SIRET',
  ],
  [
    'BR-CL-26',
    '<ram:ApplicableHeaderTradeDelivery><ram:ShipToTradeParty><ram:GlobalID schemeID="0088">1</ram:GlobalID></ram:ShipToTradeParty></ram:ApplicableHeaderTradeDelivery>' +
      '<ram:SpecifiedLineTradeDelivery><ram:ShipToTradeParty><ram:GlobalID schemeID="X">1</ram:GlobalID></ram:ShipToTradeParty></ram:SpecifiedLineTradeDelivery>',
    '<ram:ApplicableHeaderTradeDelivery><ram:ShipToTradeParty><ram:GlobalID schemeID="GLN">1</ram:GlobalID></ram:ShipToTradeParty></ram:ApplicableHeaderTradeDelivery>',
    'GLN',
  ],
];

describe('CII tree', () => {
  it.each(CII_CASES)('%s: silent on right codes, once on a wrong one', (id, right, bad, code) => {
    expect(ids(onTree(cii(right), 'CII'))).toEqual([]);
    const fired = onTree(cii(bad), 'CII');
    expect(ids(fired)).toEqual([`${id}:${code}`]);
    expect('local' in fired[0]!.at!).toBe(true);
  });

  it('leaves BT-3, BT-5 and BT-6 to the model', () => {
    const xml = cii(
      '<rsm:ExchangedDocument><ram:TypeCode>1</ram:TypeCode></rsm:ExchangedDocument><ram:InvoiceCurrencyCode>X</ram:InvoiceCurrencyCode><ram:TaxCurrencyCode>Y</ram:TaxCurrencyCode>',
    );
    expect(onTree(xml, 'CII')).toEqual([]);
  });
});
