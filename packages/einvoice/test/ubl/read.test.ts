import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { readUbl } from '../../src/ubl/read.js';
import type { XmlElement } from '../../src/xml/types.js';
import { sharedMaterial } from '../support/shared-material.js';

const NS =
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

function tree(xml: string): XmlElement {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.error.message);
  return r.root;
}

const invoice = (body: string) =>
  readUbl(
    tree(
      `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ${NS}>${body}</Invoice>`,
    ),
  );
const creditNote = (body: string) =>
  readUbl(
    tree(
      `<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" ${NS}>${body}</CreditNote>`,
    ),
  );

const taxScheme = (id: string) => `<cac:TaxScheme><cbc:ID>${id}</cbc:ID></cac:TaxScheme>`;

describe('readUbl: header', () => {
  it('reads the header terms, keeps text untrimmed, locates each value', () => {
    const inv = invoice(
      '<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>' +
        '<cbc:ProfileID>P1</cbc:ProfileID><cbc:ID> F-1 </cbc:ID><cbc:ID>second</cbc:ID>' +
        '<cbc:IssueDate>2024-01-31</cbc:IssueDate><cbc:DueDate>2024-13-01</cbc:DueDate>' +
        '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>' +
        '<cbc:Note>#AAI#General note</cbc:Note><cbc:Note>#plain</cbc:Note>' +
        '<cbc:TaxPointDate>2024-01-30</cbc:TaxPointDate>' +
        '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>' +
        '<cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>' +
        '<cbc:AccountingCost>AC</cbc:AccountingCost><cbc:BuyerReference/>',
    );
    expect(inv).toMatchObject({
      syntax: 'UBL',
      ublDocument: 'Invoice',
      specificationId: 'urn:cen.eu:en16931:2017',
      businessProcessType: 'P1',
      id: ' F-1 ',
      issueDate: '2024-01-31',
      dueDate: '2024-13-01',
      typeCode: '380',
      taxPointDate: '2024-01-30',
      currencyCode: 'EUR',
      vatAccountingCurrencyCode: 'SEK',
      buyerAccountingReference: 'AC',
      buyerReference: '',
    });
    expect(inv.notes.map((n) => [n.subjectCode, n.text])).toEqual([
      ['AAI', 'General note'],
      [undefined, '#plain'],
    ]);
    expect(inv.$at?.id?.text).toBe(' F-1 ');
    expect(inv.$at?.id?.line).toBe(1);
    expect(inv.$src?.local).toBe('Invoice');
  });

  it('reads the references, BT-18 from type code 130 and the other documents as BG-24', () => {
    const inv = invoice(
      '<cac:OrderReference><cbc:ID>PO</cbc:ID><cbc:SalesOrderID>SO</cbc:SalesOrderID></cac:OrderReference>' +
        '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>P1</cbc:ID><cbc:IssueDate>2023-12-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>' +
        '<cac:BillingReference><cac:InvoiceDocumentReference/></cac:BillingReference>' +
        '<cac:BillingReference/>' +
        '<cac:DespatchDocumentReference><cbc:ID>D</cbc:ID></cac:DespatchDocumentReference>' +
        '<cac:ReceiptDocumentReference><cbc:ID>R</cbc:ID></cac:ReceiptDocumentReference>' +
        '<cac:OriginatorDocumentReference><cbc:ID>T</cbc:ID></cac:OriginatorDocumentReference>' +
        '<cac:ContractDocumentReference><cbc:ID>C</cbc:ID></cac:ContractDocumentReference>' +
        '<cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">OBJ</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>' +
        '<cac:AdditionalDocumentReference><cbc:ID>DOC</cbc:ID><cbc:DocumentDescription>Desc</cbc:DocumentDescription>' +
        '<cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/csv" filename="a.csv">QUJD</cbc:EmbeddedDocumentBinaryObject>' +
        '<cac:ExternalReference><cbc:URI>http://x</cbc:URI></cac:ExternalReference></cac:Attachment></cac:AdditionalDocumentReference>' +
        '<cac:AdditionalDocumentReference><cbc:ID>P50</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>' +
        '<cac:ProjectReference><cbc:ID>PR</cbc:ID></cac:ProjectReference>',
    );
    expect(inv).toMatchObject({
      purchaseOrderReference: 'PO',
      salesOrderReference: 'SO',
      despatchAdviceReference: 'D',
      receivingAdviceReference: 'R',
      tenderOrLotReference: 'T',
      contractReference: 'C',
      projectReference: 'PR',
      invoicedObjectId: { value: 'OBJ', scheme: 'AAA' },
    });
    expect(inv.precedingInvoices.map((p) => [p.id, p.issueDate, p.$at?.id !== undefined])).toEqual([
      ['P1', '2023-12-01', true],
      ['', undefined, false],
      ['', undefined, false],
    ]);
    expect(inv.precedingInvoices[2]!.$src?.local).toBe('BillingReference');
    // In an Invoice, type code 50 is an ordinary (if invalid) supporting document.
    expect(inv.additionalDocuments.map((d) => d.id)).toEqual(['DOC', 'P50']);
    expect(inv.additionalDocuments[0]).toMatchObject({
      description: 'Desc',
      externalUri: 'http://x',
      attachment: { content: 'QUJD', mimeCode: 'text/csv', filename: 'a.csv' },
    });
  });

  it('keeps BT-8 apart from BG-14 and an empty invoice period visible', () => {
    const onlyCode = invoice(
      '<cac:InvoicePeriod><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>',
    );
    expect(onlyCode.vatPointDateCode).toBe('35');
    expect(onlyCode.invoicingPeriod).toBeUndefined();
    const empty = invoice('<cac:InvoicePeriod/>');
    expect(empty.invoicingPeriod?.$src?.local).toBe('InvoicePeriod');
    const both = invoice(
      '<cac:InvoicePeriod><cbc:StartDate>2024-01-01</cbc:StartDate><cbc:DescriptionCode>3</cbc:DescriptionCode></cac:InvoicePeriod><cac:InvoicePeriod><cbc:EndDate>x</cbc:EndDate></cac:InvoicePeriod>',
    );
    expect(both.invoicingPeriod).toMatchObject({ startDate: '2024-01-01' });
    expect(both.invoicingPeriod?.endDate).toBeUndefined();
  });
});

describe('readUbl: parties', () => {
  const party = (inner: string) =>
    `<cac:AccountingSupplierParty><cac:Party>${inner}</cac:Party></cac:AccountingSupplierParty>`;

  it('reads the seller: BT-31 from the VAT tax scheme, BT-32 from the other, BT-90 from SEPA', () => {
    const inv = invoice(
      party(
        '<cbc:EndpointID schemeID="0088">EP</cbc:EndpointID>' +
          '<cac:PartyIdentification><cbc:ID schemeID="0088">ID1</cbc:ID></cac:PartyIdentification>' +
          '<cac:PartyIdentification><cbc:ID schemeID="SEPA">CRED</cbc:ID></cac:PartyIdentification>' +
          '<cac:PartyIdentification><cbc:ID>ID2</cbc:ID></cac:PartyIdentification>' +
          '<cac:PartyName><cbc:Name>Trade</cbc:Name></cac:PartyName>' +
          '<cac:PostalAddress><cbc:StreetName>S1</cbc:StreetName><cbc:AdditionalStreetName>S2</cbc:AdditionalStreetName>' +
          '<cbc:CityName>City</cbc:CityName><cbc:PostalZone>75001</cbc:PostalZone><cbc:CountrySubentity>IDF</cbc:CountrySubentity>' +
          '<cac:AddressLine><cbc:Line>S3</cbc:Line></cac:AddressLine><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>' +
          `<cac:PartyTaxScheme><cbc:CompanyID>LOCAL</cbc:CompanyID>${taxScheme('TAX')}</cac:PartyTaxScheme>` +
          `<cac:PartyTaxScheme><cbc:CompanyID>FR123</cbc:CompanyID>${taxScheme(' vat ')}</cac:PartyTaxScheme>` +
          '<cac:PartyLegalEntity><cbc:RegistrationName>Legal</cbc:RegistrationName><cbc:CompanyID schemeID="0002">SIREN</cbc:CompanyID>' +
          '<cbc:CompanyLegalForm>SAS</cbc:CompanyLegalForm></cac:PartyLegalEntity>' +
          '<cac:Contact><cbc:Name>N</cbc:Name><cbc:Telephone>T</cbc:Telephone><cbc:ElectronicMail>E</cbc:ElectronicMail></cac:Contact>',
      ) + '<cac:PaymentMeans><cbc:PaymentMeansCode>59</cbc:PaymentMeansCode></cac:PaymentMeans>',
    );
    const s = inv.seller!;
    expect(s).toMatchObject({
      name: 'Legal',
      tradingName: 'Trade',
      vatId: 'FR123',
      taxRegistrationId: 'LOCAL',
      additionalLegalInfo: 'SAS',
      legalRegistration: { value: 'SIREN', scheme: '0002' },
      electronicAddress: { value: 'EP', scheme: '0088' },
      address: {
        line1: 'S1',
        line2: 'S2',
        line3: 'S3',
        city: 'City',
        postCode: '75001',
        countrySubdivision: 'IDF',
        countryCode: 'FR',
      },
      contact: { name: 'N', phone: 'T', email: 'E' },
    });
    expect(s.identifiers.map((i) => [i.value, i.scheme])).toEqual([
      ['ID1', '0088'],
      ['ID2', undefined],
    ]);
    expect(s.$at?.vatId?.text).toBe('FR123');
    expect(s.$at?.vatId?.local).toBe('CompanyID');
    expect(inv.paymentInstructions?.directDebit?.creditorId).toBe('CRED');
  });

  it('reads the buyer, the payee (SEPA in any case is BT-90) and the tax representative', () => {
    const inv = invoice(
      '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>B1</cbc:ID></cac:PartyIdentification>' +
        '<cac:PartyIdentification><cbc:ID>B2</cbc:ID></cac:PartyIdentification>' +
        `<cac:PartyTaxScheme><cbc:CompanyID>DE9</cbc:CompanyID>${taxScheme('VAT')}</cac:PartyTaxScheme>` +
        '<cac:PartyLegalEntity><cbc:RegistrationName>Buyer</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>' +
        '<cac:PayeeParty><cac:PartyIdentification><cbc:ID schemeID="sepa">CR</cbc:ID></cac:PartyIdentification>' +
        '<cac:PartyIdentification><cbc:ID>P1</cbc:ID></cac:PartyIdentification>' +
        '<cac:PartyName><cbc:Name>Payee</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>L</cbc:CompanyID></cac:PartyLegalEntity></cac:PayeeParty>' +
        '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>Rep</cbc:Name></cac:PartyName>' +
        `<cac:PartyTaxScheme><cbc:CompanyID>OTHER</cbc:CompanyID>${taxScheme('TAX')}</cac:PartyTaxScheme>` +
        '<cac:PostalAddress><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress></cac:TaxRepresentativeParty>',
    );
    expect(inv.buyer).toMatchObject({ name: 'Buyer', vatId: 'DE9', identifier: { value: 'B1' } });
    expect(inv.payee).toMatchObject({
      name: 'Payee',
      identifier: { value: 'P1' },
      legalRegistration: { value: 'L' },
    });
    expect(inv.paymentInstructions?.directDebit?.creditorId).toBe('CR');
    // Only a VAT tax scheme gives BT-63.
    expect(inv.taxRepresentative).toMatchObject({ name: 'Rep', address: { countryCode: 'BE' } });
    expect(inv.taxRepresentative?.vatId).toBeUndefined();
  });
});

describe('readUbl: payment, allowances, taxes and totals', () => {
  it('reads every PaymentMeans into one BG-16, credit transfers repeating', () => {
    const inv = invoice(
      '<cac:PaymentMeans><cbc:PaymentMeansCode name="Transfer">30</cbc:PaymentMeansCode><cbc:PaymentID>REF</cbc:PaymentID>' +
        '<cac:PayeeFinancialAccount><cbc:ID>IBAN1</cbc:ID><cbc:Name>Acc</cbc:Name><cac:FinancialInstitutionBranch><cbc:ID>BIC</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>' +
        '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID><cbc:HolderName>H</cbc:HolderName></cac:CardAccount>' +
        '<cac:PayeeFinancialAccount><cbc:ID>IBAN2</cbc:ID></cac:PayeeFinancialAccount>' +
        '<cac:PaymentMandate><cbc:ID>M</cbc:ID><cac:PayerFinancialAccount><cbc:ID>DEBT</cbc:ID></cac:PayerFinancialAccount></cac:PaymentMandate></cac:PaymentMeans>' +
        '<cac:PaymentTerms><cbc:Note>30 days</cbc:Note></cac:PaymentTerms>',
    );
    expect(inv.paymentTerms).toBe('30 days');
    const pi = inv.paymentInstructions!;
    expect(pi).toMatchObject({
      meansCode: '30',
      meansText: 'Transfer',
      remittanceInformation: 'REF',
      card: { primaryAccountNumber: '1234', holderName: 'H' },
      directDebit: { mandateReference: 'M', debitedAccountId: 'DEBT' },
    });
    expect(
      pi.creditTransfers.map((c) => [c.accountId, c.accountName, c.serviceProviderId]),
    ).toEqual([
      ['IBAN1', 'Acc', 'BIC'],
      ['IBAN2', undefined, undefined],
    ]);
  });

  it('sorts allowances and charges by the xs:boolean ChargeIndicator, VAT category included', () => {
    const ac = (indicator: string, amount: string) =>
      `<cac:AllowanceCharge><cbc:ChargeIndicator>${indicator}</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">${amount}</cbc:Amount>` +
      `<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>${taxScheme('VAT')}</cac:TaxCategory></cac:AllowanceCharge>`;
    const inv = invoice(
      ac('false', '1') + ac(' true ', '2') + ac('1', '3') + ac('0', '4') + ac('maybe', '5'),
    );
    expect(inv.allowances.map((a) => a.amount)).toEqual(['1', '4']);
    expect(inv.charges.map((c) => c.amount)).toEqual(['2', '3']);
    expect(inv.allowances[0]).toMatchObject({ vatCategoryCode: 'S', vatRate: '20' });
  });

  it('takes BT-110 and BT-111 by currency and BG-23 from every TaxTotal', () => {
    const inv = invoice(
      '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>' +
        '<cac:TaxTotal><cbc:TaxAmount currencyID="SEK">95</cbc:TaxAmount></cac:TaxTotal>' +
        '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">10</cbc:TaxAmount><cac:TaxSubtotal>' +
        '<cbc:TaxableAmount currencyID="EUR">50</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">10</cbc:TaxAmount>' +
        `<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>${taxScheme('VAT')}</cac:TaxCategory></cac:TaxSubtotal>` +
        '<cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">5</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount>' +
        '<cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:TaxExemptionReasonCode>VATEX-EU-79-C</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>R</cbc:TaxExemptionReason>' +
        `${taxScheme('VAT')}</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>` +
        '<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">55</cbc:LineExtensionAmount>' +
        '<cbc:TaxExclusiveAmount currencyID="EUR">55</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">65</cbc:TaxInclusiveAmount>' +
        '<cbc:AllowanceTotalAmount currencyID="EUR">0</cbc:AllowanceTotalAmount><cbc:ChargeTotalAmount currencyID="EUR">0</cbc:ChargeTotalAmount>' +
        '<cbc:PrepaidAmount currencyID="EUR">1</cbc:PrepaidAmount><cbc:PayableRoundingAmount currencyID="EUR">0.01</cbc:PayableRoundingAmount>' +
        '<cbc:PayableAmount currencyID="EUR">64.01</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    );
    expect(inv.totals).toMatchObject({
      lineNetTotal: '55',
      taxExclusiveAmount: '55',
      taxInclusiveAmount: '65',
      allowanceTotal: '0',
      chargeTotal: '0',
      prepaidAmount: '1',
      roundingAmount: '0.01',
      payableAmount: '64.01',
      vatTotal: '10',
      vatTotalInAccountingCurrency: '95',
    });
    expect(inv.totals?.$at?.vatTotal?.attributes[0]?.value).toBe('EUR');
    expect(inv.vatBreakdowns).toMatchObject([
      { taxableAmount: '50', taxAmount: '10', categoryCode: 'S', rate: '20' },
      { categoryCode: 'E', exemptionReasonCode: 'VATEX-EU-79-C', exemptionReason: 'R' },
    ]);
  });

  it('does not take a TaxAmount in another currency as BT-110', () => {
    const inv = invoice(
      '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cac:TaxTotal><cbc:TaxAmount currencyID="USD">1</cbc:TaxAmount></cac:TaxTotal>',
    );
    expect(inv.totals).toBeUndefined();
  });

  it('ignores a tax category outside the VAT scheme', () => {
    const inv = invoice(
      `<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>S</cbc:ID>${taxScheme('GST')}</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>`,
    );
    expect(inv.vatBreakdowns).toHaveLength(1);
    expect(inv.vatBreakdowns[0]!.categoryCode).toBeUndefined();
  });
});

describe('readUbl: lines and credit notes', () => {
  const line =
    '<cbc:ID>1</cbc:ID><cbc:Note>N</cbc:Note><cbc:LineExtensionAmount currencyID="EUR">100</cbc:LineExtensionAmount>' +
    '<cbc:AccountingCost>AC</cbc:AccountingCost><cac:InvoicePeriod><cbc:StartDate>2024-01-01</cbc:StartDate></cac:InvoicePeriod>' +
    '<cac:OrderLineReference><cbc:LineID>OL</cbc:LineID></cac:OrderLineReference>' +
    '<cac:DocumentReference><cbc:ID schemeID="ABZ">OBJ</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:DocumentReference>' +
    '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>' +
    '<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">10</cbc:Amount><cbc:BaseAmount currencyID="EUR">100</cbc:BaseAmount></cac:AllowanceCharge>' +
    '<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Fee</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">1</cbc:Amount></cac:AllowanceCharge>' +
    '<cac:Item><cbc:Description>D</cbc:Description><cbc:Name>Item</cbc:Name>' +
    '<cac:BuyersItemIdentification><cbc:ID>BI</cbc:ID></cac:BuyersItemIdentification>' +
    '<cac:SellersItemIdentification><cbc:ID>SI</cbc:ID></cac:SellersItemIdentification>' +
    '<cac:StandardItemIdentification><cbc:ID schemeID="0160">GTIN</cbc:ID></cac:StandardItemIdentification>' +
    '<cac:OriginCountry><cbc:IdentificationCode>CN</cbc:IdentificationCode></cac:OriginCountry>' +
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="STI" listVersionID="2">C1</cbc:ItemClassificationCode></cac:CommodityClassification>' +
    `<cac:ClassifiedTaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent>${taxScheme('OTHER')}</cac:ClassifiedTaxCategory>` +
    `<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>${taxScheme('VAT')}</cac:ClassifiedTaxCategory>` +
    '<cac:AdditionalItemProperty><cbc:Name>Colour</cbc:Name><cbc:Value>Red</cbc:Value></cac:AdditionalItemProperty>' +
    '<cac:AdditionalItemProperty><cbc:Name>Size</cbc:Name></cac:AdditionalItemProperty></cac:Item>' +
    '<cac:Price><cbc:PriceAmount currencyID="EUR">9</cbc:PriceAmount><cbc:BaseQuantity unitCode="C62">1</cbc:BaseQuantity>' +
    '<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">1</cbc:Amount><cbc:BaseAmount currencyID="EUR">10</cbc:BaseAmount></cac:AllowanceCharge></cac:Price>';

  it('reads every term of an invoice line', () => {
    const inv = invoice(
      `<cac:InvoiceLine>${line.replace('<cbc:Note>', '<cbc:InvoicedQuantity unitCode="H87">10</cbc:InvoicedQuantity><cbc:Note>')}</cac:InvoiceLine>`,
    );
    const l = inv.lines[0]!;
    expect(l).toMatchObject({
      id: '1',
      note: 'N',
      quantity: '10',
      unitCode: 'H87',
      netAmount: '100',
      buyerAccountingRef: 'AC',
      period: { startDate: '2024-01-01' },
      orderLineRef: 'OL',
      objectId: { value: 'OBJ', scheme: 'ABZ' },
      vatCategoryCode: 'S',
      vatRate: '20',
      price: {
        netPrice: '9',
        baseQuantity: '1',
        baseQuantityUnitCode: 'C62',
        discount: '1',
        grossPrice: '10',
      },
      item: {
        name: 'Item',
        description: 'D',
        buyerId: 'BI',
        sellerId: 'SI',
        standardId: { value: 'GTIN', scheme: '0160' },
        originCountry: 'CN',
        classifications: [{ value: 'C1', scheme: 'STI', schemeVersion: '2' }],
      },
    });
    expect(l.allowances).toMatchObject([
      { reasonCode: '95', percentage: '10', amount: '10', baseAmount: '100' },
    ]);
    expect(l.allowances[0]!.vatCategoryCode).toBeUndefined();
    expect(l.charges).toMatchObject([{ reason: 'Fee', amount: '1' }]);
    const attrs = l.item!.attributes;
    expect(attrs.map((a) => [a.name, a.value, a.$at?.value !== undefined])).toEqual([
      ['Colour', 'Red', true],
      ['Size', '', false],
    ]);
    expect(l.$at?.vatCategoryCode?.parent?.local).toBe('ClassifiedTaxCategory');
  });

  it('reads a CreditNote: type code, credited quantity, due date, project reference 50', () => {
    const cn = creditNote(
      '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>' +
        '<cac:AdditionalDocumentReference><cbc:ID>PRJ</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>' +
        '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2024-02-01</cbc:PaymentDueDate></cac:PaymentMeans>' +
        `<cac:CreditNoteLine><cbc:ID>1</cbc:ID><cbc:CreditedQuantity unitCode="C62">2</cbc:CreditedQuantity></cac:CreditNoteLine>`,
    );
    expect(cn).toMatchObject({
      ublDocument: 'CreditNote',
      typeCode: '381',
      projectReference: 'PRJ',
      dueDate: '2024-02-01',
    });
    expect(cn.additionalDocuments).toEqual([]);
    expect(cn.lines[0]).toMatchObject({ id: '1', quantity: '2', unitCode: 'C62' });
  });
});

describe('readUbl: robustness', () => {
  it('reads a root that is neither Invoice nor CreditNote without failing', () => {
    const inv = readUbl(tree('<foo><bar/></foo>'));
    expect(inv.lines).toEqual([]);
    expect(inv.ublDocument).toBe('Invoice');
  });

  const unit = join(import.meta.dirname, '../../../../../shared/conformance/en16931/unit');
  it.runIf(sharedMaterial(unit))('never throws on any official unit fragment', () => {
    let read = 0;
    for (const line of readFileSync(join(unit, 'expected.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { file } = JSON.parse(line) as { file: string };
      const parsed = parseXml(readFileSync(join(unit, file)));
      if (!parsed.ok) continue;
      expect(() => readUbl(parsed.root)).not.toThrow();
      read++;
    }
    expect(read).toBeGreaterThan(1000);
  });
});
