import { describe, expect, it } from 'vitest';
import { readCii } from '../../src/cii/read.js';
import { ciiDate } from '../../src/cii/read-common.js';
import type { Invoice } from '../../src/model/types.js';
import { pathOf } from '../../src/xml/query.js';
import { CONFORMANCE, content, parse, parseFile, xmlFiles } from './helpers.js';
import { FULL, cii, withSettlement } from './fixtures.js';

function read(xml: string): Invoice {
  return readCii(parse(xml));
}

describe('readCii on a document using every CII term', () => {
  const inv = read(FULL);

  it('reads the document level (BG-2, BT-1..3, BG-1)', () => {
    expect(inv.syntax).toBe('CII');
    expect(inv.businessProcessType).toBe('P1');
    expect(inv.specificationId).toBe('urn:cen.eu:en16931:2017');
    expect(inv.id).toBe(' INV-1 '); // untrimmed
    expect(inv.typeCode).toBe('380');
    expect(inv.issueDate).toBe('2024-01-31');
    expect(content(inv.notes)).toEqual([
      { text: 'Note A', subjectCode: 'AAI' },
      { text: 'Note B' },
    ]);
  });

  it('reads the header references', () => {
    expect(inv.buyerReference).toBe('BR-REF');
    expect(inv.salesOrderReference).toBe('SO-1');
    expect(inv.purchaseOrderReference).toBe('PO-1');
    expect(inv.contractReference).toBe('CT-1');
    expect(inv.projectReference).toBe('PRJ-1');
    expect(inv.despatchAdviceReference).toBe('DA-1');
    expect(inv.receivingAdviceReference).toBe('RA-1');
    expect(inv.buyerAccountingReference).toBe('ACC-H');
    expect(inv.currencyCode).toBe('EUR');
    expect(inv.vatAccountingCurrencyCode).toBe('USD');
    expect(inv.vatPointDateCode).toBe('5');
    expect(inv.taxPointDate).toBeUndefined();
    expect(inv.dueDate).toBe('2024-03-01');
    expect(inv.paymentTerms).toBe('30 days');
  });

  it('splits AdditionalReferencedDocument by TypeCode: 50 = BT-17, 130 = BT-18, others BG-24', () => {
    expect(inv.tenderOrLotReference).toBe('LOT-1');
    expect(content(inv.invoicedObjectId)).toEqual({ value: 'OBJ-1', scheme: 'AUN' });
    expect(content(inv.additionalDocuments)).toEqual([
      {
        id: 'DOC-1',
        externalUri: 'https://example.com/doc',
        typeCode: '916',
        description: 'Timesheet',
        attachment: { content: 'QUJD', mimeCode: 'application/pdf', filename: 't.pdf' },
      },
    ]);
  });

  it('reads the seller (BG-4): ID vs GlobalID, legal org, VA vs FC, electronic address', () => {
    expect(content(inv.seller)).toEqual({
      name: 'Seller Ltd',
      identifiers: [{ value: 'S-ID-1' }, { value: '5790000435975', scheme: '0088' }],
      additionalLegalInfo: 'Share capital 10 000 EUR',
      legalRegistration: { value: '123456789', scheme: '0002' },
      tradingName: 'Seller Trading',
      contact: { name: 'Sam', phone: '+33 1', email: 'sam@seller.example' },
      address: {
        postCode: '75001',
        line1: '1 rue A',
        line2: 'Bât B',
        line3: '3e',
        city: 'Paris',
        countryCode: 'FR',
        countrySubdivision: 'IDF',
      },
      electronicAddress: { value: 'inv@seller.example', scheme: 'EM' },
      vatId: 'FR12345678901',
      taxRegistrationId: 'FC-123',
    });
  });

  it('reads the buyer, payee, tax representative and delivery', () => {
    expect(content(inv.buyer)).toEqual({
      identifier: { value: '1234567890123', scheme: '0088' },
      name: 'Buyer SA',
      legalRegistration: { value: 'B-LEGAL' },
      tradingName: 'Buyer Trading',
      contact: { name: 'Bob' },
      address: { city: 'Lyon', countryCode: 'FR' },
      electronicAddress: { value: 'B-EAS', scheme: '0225' },
      vatId: 'FR98765432109',
    });
    expect(content(inv.payee)).toEqual({
      identifier: { value: 'PAYEE-1' },
      name: 'Payee',
      legalRegistration: { value: 'PL-1', scheme: '0002' },
    });
    expect(content(inv.taxRepresentative)).toEqual({
      name: 'Rep',
      address: { countryCode: 'BE' },
      vatId: 'BE0123456789',
    });
    expect(content(inv.delivery)).toEqual({
      locationId: { value: 'LOC-1', scheme: '0088' },
      partyName: 'Warehouse',
      address: { city: 'Lille', countryCode: 'FR' },
      actualDate: '2024-01-20',
    });
  });

  it('reads payment instructions from every payment means', () => {
    expect(content(inv.paymentInstructions)).toEqual({
      meansCode: '58',
      meansText: 'SEPA',
      remittanceInformation: 'PAYREF',
      creditTransfers: [
        {
          accountId: 'FR7630006000011234567890189',
          accountName: 'Seller account',
          serviceProviderId: 'AGRIFRPP',
        },
        { accountId: 'LOCAL-42' },
      ],
      card: { primaryAccountNumber: '1234', holderName: 'Holder' },
      directDebit: {
        debitedAccountId: 'DE02120300000000202051',
        mandateReference: 'MANDATE-1',
        creditorId: 'CRED-1',
      },
    });
  });

  it('reads VAT breakdowns, allowances, charges, totals (BT-110/BT-111 by currencyID)', () => {
    expect(content(inv.vatBreakdowns)).toEqual([
      { taxAmount: '6.00', taxableAmount: '30.00', categoryCode: 'S', rate: '20' },
      {
        taxAmount: '0',
        taxableAmount: '0',
        categoryCode: 'E',
        rate: '0',
        exemptionReason: 'Exempt',
        exemptionReasonCode: 'VATEX-EU-132',
      },
    ]);
    expect(content(inv.allowances)).toEqual([
      { amount: '1.00', reason: 'Loyalty', vatCategoryCode: 'S', vatRate: '20' },
    ]);
    expect(content(inv.charges)).toEqual([
      { amount: '1.00', reasonCode: 'FC', vatCategoryCode: 'S', vatRate: '20' },
    ]);
    expect(content(inv.totals)).toEqual({
      lineNetTotal: '30.00',
      chargeTotal: '1.00',
      allowanceTotal: '1.00',
      taxExclusiveAmount: '30.00',
      vatTotal: '6.00',
      vatTotalInAccountingCurrency: '6.60',
      roundingAmount: '0.00',
      taxInclusiveAmount: '36.00',
      prepaidAmount: '5.00',
      payableAmount: '31.00',
    });
    expect(content(inv.invoicingPeriod)).toEqual({
      startDate: '2024-01-01',
      endDate: '2024-01-31',
    });
    expect(content(inv.precedingInvoices)).toEqual([{ id: 'PREV-1', issueDate: '2023-12-31' }]);
  });

  it('reads the line (BG-25) with price, period, allowances, item', () => {
    expect(content(inv.lines)).toEqual([
      {
        id: '1',
        note: 'Line note',
        objectId: { value: 'OBJ-L', scheme: 'AAB' },
        quantity: '3',
        unitCode: 'C62',
        netAmount: '30.00',
        orderLineRef: '7',
        buyerAccountingRef: 'ACC-L',
        period: { startDate: '2024-01-01', endDate: '2024-01-15' },
        allowances: [
          {
            amount: '3',
            baseAmount: '30',
            percentage: '10',
            reason: 'Discount',
            reasonCode: '95',
          },
        ],
        charges: [{ amount: '3', reasonCode: 'FC' }],
        price: {
          netPrice: '10',
          grossPrice: '12',
          discount: '2',
          baseQuantity: '1',
          baseQuantityUnitCode: 'C62',
        },
        vatCategoryCode: 'S',
        vatRate: '20',
        item: {
          name: 'Widget',
          description: 'A widget',
          sellerId: 'S-1',
          buyerId: 'B-1',
          standardId: { value: '4012345000009', scheme: '0160' },
          classifications: [{ value: '123', scheme: 'STI', schemeVersion: 'v2' }],
          originCountry: 'DE',
          attributes: [
            { name: 'Colour', value: 'Red' },
            { name: '', value: 'Orphan' },
          ],
        },
      },
    ]);
    // An absent characteristic Description leaves no location: BR-54 tells absent from empty.
    const orphan = inv.lines[0]!.item!.attributes[1]!;
    expect(orphan.$at?.name).toBeUndefined();
    expect(orphan.$at?.value?.local).toBe('Value');
  });

  it('locates every group and field at the element read', () => {
    expect(inv.$src?.local).toBe('CrossIndustryInvoice');
    expect(pathOf(inv.$at!.id!)).toBe('/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID');
    expect(inv.$at!.issueDate!.local).toBe('DateTimeString');
    expect(inv.seller!.$src!.local).toBe('SellerTradeParty');
    expect(inv.seller!.$at!.vatId!.text).toBe('FR12345678901');
    expect(inv.totals!.$at!.vatTotal!.text).toBe('6.00');
    expect(inv.totals!.$at!.vatTotalInAccountingCurrency!.text).toBe('6.60');
    expect(inv.lines[0]!.$src!.local).toBe('IncludedSupplyChainTradeLineItem');
    expect(inv.lines[0]!.$at!.netAmount!.local).toBe('LineTotalAmount');
    expect(inv.lines[0]!.$at!.unitCode!.local).toBe('BilledQuantity');
    expect(inv.allowances[0]!.$src!.local).toBe('SpecifiedTradeAllowanceCharge');
    expect(inv.vatBreakdowns[1]!.$at!.exemptionReasonCode!.local).toBe('ExemptionReasonCode');
    expect(inv.paymentInstructions!.creditTransfers[1]!.$at!.accountId!.local).toBe(
      'ProprietaryID',
    );
  });
});

describe('readCii edge cases', () => {
  it('never throws on odd trees', () => {
    const docs = [
      '<x/>',
      cii(''),
      cii('<rsm:ExchangedDocument/>'),
      cii(
        '<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem/></rsm:SupplyChainTradeTransaction>',
      ),
      withSettlement(
        '<ram:SpecifiedTradeAllowanceCharge/><ram:SpecifiedTradeSettlementPaymentMeans/><ram:ApplicableTradeTax/><ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:TaxTotalAmount/></ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:InvoiceReferencedDocument/>',
        '<ram:SellerTradeParty><ram:URIUniversalCommunication/><ram:SpecifiedTaxRegistration/></ram:SellerTradeParty><ram:AdditionalReferencedDocument/>',
      ),
    ];
    for (const d of docs) expect(() => read(d)).not.toThrow();
    const empty = read(cii(''));
    expect(content(empty)).toEqual({
      notes: [],
      precedingInvoices: [],
      allowances: [],
      charges: [],
      vatBreakdowns: [],
      additionalDocuments: [],
      lines: [],
    });
  });

  it("gives '' for empty elements and keeps whitespace", () => {
    const inv = read(
      cii(
        '<rsm:ExchangedDocument><ram:ID/><ram:TypeCode> 380 </ram:TypeCode></rsm:ExchangedDocument>',
      ),
    );
    expect(inv.id).toBe('');
    expect(inv.typeCode).toBe(' 380 ');
  });

  it('converts format-102 dates and keeps anything else raw', () => {
    const el = (text: string, format = '102') =>
      parse(
        `<udt:DateTimeString xmlns:udt="urn:x" format="${format}">${text}</udt:DateTimeString>`,
      );
    expect(ciiDate(el('20240229'))).toBe('2024-02-29');
    expect(ciiDate(el(' 20240229\n'))).toBe('2024-02-29');
    expect(ciiDate(el('2024-02-29'))).toBe('2024-02-29');
    expect(ciiDate(el('20241301'))).toBe('20241301');
    expect(ciiDate(el('20240100'))).toBe('20240100');
    expect(ciiDate(el('2024011'))).toBe('2024011');
    expect(ciiDate(el('20240101', '610'))).toBe('20240101');
    expect(ciiDate(el(''))).toBe('');
  });

  it('reads BT-7 from the first header TaxPointDate (udt:DateString)', () => {
    const inv = read(
      withSettlement(
        '<ram:ApplicableTradeTax><ram:CategoryCode>S</ram:CategoryCode></ram:ApplicableTradeTax>' +
          '<ram:ApplicableTradeTax><ram:TaxPointDate><udt:DateString format="102">20240115</udt:DateString></ram:TaxPointDate></ram:ApplicableTradeTax>',
      ),
    );
    expect(inv.taxPointDate).toBe('2024-01-15');
    expect(inv.vatBreakdowns).toHaveLength(2);
  });

  it('tells BT-110 from BT-111 by currencyID only', () => {
    const totals = (amounts: string, currencies: string) =>
      read(
        withSettlement(
          `${currencies}<ram:SpecifiedTradeSettlementHeaderMonetarySummation>${amounts}</ram:SpecifiedTradeSettlementHeaderMonetarySummation>`,
        ),
      ).totals;
    const eur = '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>';
    expect(totals('<ram:TaxTotalAmount>5</ram:TaxTotalAmount>', eur)?.vatTotal).toBeUndefined();
    expect(
      totals('<ram:TaxTotalAmount currencyID="USD">5</ram:TaxTotalAmount>', eur)?.vatTotal,
    ).toBeUndefined();
    const two = totals(
      '<ram:TaxTotalAmount currencyID="EUR">1</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="EUR">2</ram:TaxTotalAmount>',
      eur,
    );
    expect(two?.vatTotal).toBe('1');
    expect(two?.vatTotalInAccountingCurrency).toBeUndefined();
  });

  it('sorts allowances and charges by indicator and drops those without a boolean', () => {
    const ac = (indicator: string) =>
      `<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>${indicator}</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>${indicator}</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>`;
    const inv = read(withSettlement(ac('true') + ac('false') + ac('1') + ac(' 0 ') + ac('yes')));
    expect(inv.charges.map((c) => c.amount)).toEqual(['true', '1']);
    expect(inv.allowances.map((c) => c.amount)).toEqual(['false', ' 0 ']);
  });

  it('keeps an electronic address container without URIID visible (BR-62)', () => {
    const inv = read(
      withSettlement(
        '',
        '<ram:SellerTradeParty><ram:URIUniversalCommunication><ram:CompleteNumber>1</ram:CompleteNumber></ram:URIUniversalCommunication></ram:SellerTradeParty>',
      ),
    );
    expect(content(inv.seller?.electronicAddress)).toEqual({ value: '' });
  });

  it('ignores tax registrations without the VA/FC scheme', () => {
    const inv = read(
      withSettlement(
        '',
        '<ram:SellerTradeParty><ram:SpecifiedTaxRegistration><ram:ID>X</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>',
      ),
    );
    expect(inv.seller?.vatId).toBeUndefined();
    expect(inv.seller?.taxRegistrationId).toBeUndefined();
  });

  it('takes BT-84 from a non-blank IBANID, else from ProprietaryID', () => {
    const acct = (inner: string) =>
      read(
        withSettlement(
          `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount>${inner}</ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>`,
        ),
      ).paymentInstructions?.creditTransfers[0]?.accountId;
    expect(acct('<ram:IBANID>A</ram:IBANID><ram:ProprietaryID>B</ram:ProprietaryID>')).toBe('A');
    expect(acct('<ram:IBANID> </ram:IBANID><ram:ProprietaryID>B</ram:ProprietaryID>')).toBe('B');
    expect(acct('<ram:IBANID> </ram:IBANID>')).toBe(' ');
    expect(acct('')).toBeUndefined();
  });
});

describe('readCii on the official CII examples', () => {
  const files = xmlFiles(`${CONFORMANCE}en16931/examples/cii`);
  it('finds the examples', () => expect(files.length).toBeGreaterThanOrEqual(15));
  it.each(files.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))(
    '%s reads with the mandatory terms',
    (_name, file) => {
      const inv = readCii(parseFile(file));
      expect(inv.id).toBeTruthy();
      expect(inv.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(inv.currencyCode).toMatch(/^[A-Z]{3}$/);
      expect(inv.seller?.name).toBeTruthy();
      expect(inv.buyer?.name).toBeTruthy();
      expect(inv.lines.length).toBeGreaterThan(0);
      for (const l of inv.lines) expect(l.netAmount).toBeDefined();
      expect(inv.totals?.payableAmount).toBeDefined();
      expect(inv.vatBreakdowns.length).toBeGreaterThan(0);
    },
  );
});
