/** Fatal CII syntax rules outside the "should not be present" table: one case each. */
import {
  ram,
  setAttr,
  removeChildren,
  at,
  all,
  type Case,
  paymentMeans,
  headerTax,
  characteristic,
  allowance,
  grossPriceCharge,
  OWN_ID_ATTRS,
  TOTALS,
  totals,
} from './cii-syntax-support.js';

export const FATAL_CASES: Case[] = [
  {
    id: 'CII-SR-009',
    fire: (b) => removeChildren(b.docctx, 'GuidelineSpecifiedDocumentContextParameter'),
  },
  {
    id: 'CII-SR-010',
    fire: (b) => ram(at(b.docctx, 'GuidelineSpecifiedDocumentContextParameter'), 'ID', 'x'),
  },
  { id: 'CII-SR-014', fire: (b) => removeChildren(b.doc, 'TypeCode') },
  {
    id: 'CII-SR-046',
    fire: (b) => ram(b.product, 'GlobalID', '05410000000000'),
    pass: (b) => ram(b.product, 'GlobalID', '05410000000000', { schemeID: '0160' }),
  },
  { id: 'CII-SR-069', fire: (b) => characteristic(b, 0, 1), pass: (b) => characteristic(b, 1, 1) },
  { id: 'CII-SR-072', fire: (b) => characteristic(b, 1, 0), pass: (b) => characteristic(b, 1, 1) },
  {
    id: 'CII-SR-090',
    fire: (b) => ram(b.product, 'OriginTradeCountry'),
    pass: (b) => ram(ram(b.product, 'OriginTradeCountry'), 'ID', 'NL'),
  },
  {
    id: 'CII-SR-439',
    fire: (b) => removeChildren(at(b.lagr, 'NetPriceProductTradePrice'), 'ChargeAmount'),
  },
  {
    id: 'CII-SR-440',
    fire: (b) => grossPriceCharge(b, 'false', 2),
    pass: (b) => grossPriceCharge(b, 'false', 1),
  },
  {
    id: 'CII-SR-441',
    fire: (b) => ram(at(b.lagr, 'NetPriceProductTradePrice'), 'ChargeAmount', '1'),
  },
  {
    id: 'CII-SR-455',
    fire: (b) => {
      ram(ram(b.seller, 'DefinedTradeContact'), 'PersonName', 'A');
      ram(ram(b.seller, 'DefinedTradeContact'), 'PersonName', 'B');
    },
    pass: (b) => ram(ram(b.seller, 'DefinedTradeContact'), 'PersonName', 'A'),
  },
  { id: 'CII-SR-456', fire: (b) => ram(ram(b.buyer, 'DefinedTradeContact'), 'PersonName', 'B') },
  {
    id: 'CII-SR-459',
    fire: (b) => {
      ram(ram(b.seller, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' });
      ram(ram(b.seller, 'URIUniversalCommunication'), 'URIID', 'd@b.c', { schemeID: 'EM' });
    },
    pass: (b) =>
      ram(ram(b.seller, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' }),
  },
  {
    id: 'CII-SR-460',
    fire: (b) => {
      ram(ram(b.buyer, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' });
      ram(ram(b.buyer, 'URIUniversalCommunication'), 'URIID', 'd@b.c', { schemeID: 'EM' });
    },
    pass: (b) =>
      ram(ram(b.buyer, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' }),
  },
  {
    id: 'CII-SR-461',
    fire: (b) => {
      ram(ram(headerTax(b, 0), 'TaxPointDate'), 'DateString', '20150109');
      ram(ram(headerTax(b, 1), 'TaxPointDate'), 'DateString', '20150109');
    },
    pass: (b) => ram(ram(headerTax(b, 0), 'TaxPointDate'), 'DateString', '20150109'),
  },
  {
    id: 'CII-SR-462',
    fire: (b) => {
      ram(headerTax(b, 0), 'DueDateTypeCode', '5');
      ram(headerTax(b, 1), 'DueDateTypeCode', '29');
    },
    pass: (b) => {
      ram(headerTax(b, 0), 'DueDateTypeCode', '5');
      ram(headerTax(b, 1), 'DueDateTypeCode', '5');
    },
  },
  {
    id: 'CII-SR-463',
    fire: (b) => ram(ram(b.hset, 'SpecifiedTradeAllowanceCharge'), 'ActualAmount', '1'),
    pass: (b) => allowance(b.hset, false, (ac) => ram(ac, 'ActualAmount', '1')),
  },
  {
    id: 'CII-SR-467',
    fire: (b) => (at(paymentMeans(b, 1), 'TypeCode').text = '58'),
    pass: (b) => (at(paymentMeans(b, 1), 'TypeCode').text = ' 30 '),
  },
  {
    id: 'CII-SR-468',
    fire: (b) => {
      ram(paymentMeans(b, 0), 'Information', 'Bank transfer');
      ram(paymentMeans(b, 1), 'Information', 'Cheque');
    },
    pass: (b) => {
      ram(paymentMeans(b, 0), 'Information', 'Bank  transfer');
      ram(paymentMeans(b, 1), 'Information', ' Bank transfer\n');
    },
  },
  { id: 'CII-SR-469', fire: (b) => ram(b.hset, 'PaymentReference', 'again') },
  {
    id: 'CII-SR-470',
    fire: (b) => removeChildren(paymentMeans(b, 1), 'PayeePartyCreditorFinancialAccount'),
    pass: (b) => {
      const means = paymentMeans(b, 1);
      removeChildren(means, 'PayeePartyCreditorFinancialAccount');
      ram(ram(means, 'PayeePartyCreditorFinancialAccount'), 'ProprietaryID', '123456');
    },
  },
  {
    id: 'CII-SR-471',
    fire: (b) =>
      allowance(b.hset, false, (ac) => {
        ram(ac, 'RateApplicablePercent', '1');
        ram(ac, 'RateApplicablePercent', '2');
      }),
    pass: (b) => allowance(b.hset, false, (ac) => ram(ac, 'RateApplicablePercent', '1')),
  },
  {
    id: 'CII-SR-472',
    fire: (b) =>
      allowance(b.hset, true, (ac) => {
        ram(ram(ac, 'CategoryTradeTax'), 'TypeCode', 'VAT');
        ram(ram(ac, 'CategoryTradeTax'), 'TypeCode', 'VAT');
      }),
    pass: (b) =>
      allowance(b.hset, true, (ac) => ram(ram(ac, 'CategoryTradeTax'), 'TypeCode', 'VAT')),
  },
  {
    id: 'CII-SR-473',
    fire: (b) =>
      allowance(b.lset, true, (ac) => {
        ram(ac, 'ActualAmount', '1');
        ram(ac, 'ActualAmount', '2');
      }),
    pass: (b) => allowance(b.lset, true, (ac) => ram(ac, 'ActualAmount', '1')),
  },
  ...TOTALS.map((local, i): Case => ({
    id: `CII-SR-${477 + i}`,
    fire: (b) => totals(b, local, 2),
    pass: (b) => totals(b, local, 1),
  })),
  ...OWN_ID_ATTRS.map((attr, i): Case => ({
    id: `CII-DT-00${i + 1}`,
    fire: (b) => setAttr(at(b.doc, 'ID'), attr, 'x'),
    // Any other identifier is judged by the generic rule (CII-DT-101..104), never this one.
    pass: (b) => setAttr(at(b.seller, 'SpecifiedLegalOrganization', 'ID'), attr, 'x'),
  })),
  ...['name', 'listURI'].map((attr, i): Case => ({
    id: `CII-DT-00${8 + i}`,
    fire: (b) => setAttr(at(b.lset, 'ApplicableTradeTax', 'TypeCode'), attr, 'x'),
    pass: (b) => setAttr(at(b.lset, 'ApplicableTradeTax', 'TypeCode'), 'listID', 'x'),
  })),
  ...['languageID', 'languageLocaleID'].map((attr, i): Case => ({
    id: `CII-DT-01${3 + i}`,
    fire: (b) => setAttr(b.root, attr, 'nl'),
  })),
  ...['currencyID', 'currencyCodeListVersionID'].map((attr, i): Case => ({
    id: `CII-DT-03${1 + i}`,
    fire: (b) => setAttr(at(b.summ, 'LineTotalAmount'), attr, 'EUR'),
    pass: (b) => setAttr(at(b.summ, 'TaxTotalAmount'), attr, 'EUR'),
  })),
  {
    id: 'CII-DT-033',
    fire: (b) => {
      for (const q of all(b.root, 'BilledQuantity')) q.attributes = [];
      ram(at(b.lagr, 'NetPriceProductTradePrice'), 'BasisQuantity', '1', { unitCode: 'H87' });
    },
    // A unit on any invoiced quantity lifts the rule for every quantity.
    pass: (b) =>
      ram(at(b.lagr, 'NetPriceProductTradePrice'), 'BasisQuantity', '1', { unitCode: 'H87' }),
  },
  ...['unitCodeListID', 'unitCodeListAgencyID', 'unitCodeListAgencyName'].map((attr, i): Case => ({
    id: `CII-DT-03${4 + i}`,
    fire: (b) => setAttr(at(b.ldel, 'BilledQuantity'), attr, 'x'),
  })),
  {
    id: 'CII-DT-037',
    fire: (b) => (at(b.lset, 'ApplicableTradeTax', 'TypeCode').text = ' VAT'),
    pass: (b) => ram(at(b.lset, 'ApplicableTradeTax'), 'TypeCode', 'GST'),
  },
  {
    id: 'CII-DT-097',
    fire: (b) => (at(b.doc, 'IssueDateTime', 'DateTimeString').text = '2015-01-09'),
    pass: (b) => {
      at(b.doc, 'IssueDateTime', 'DateTimeString').text = '\n 20150109 ';
      const due = at(b.hset, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString');
      due.text = '2015-01-09';
      due.attributes = [{ ns: '', local: 'format', qname: 'format', value: '610' }];
    },
  },
  ...['schemeName', 'schemeAgencyName', 'schemeDataURI', 'schemeURI'].map((attr, i): Case => ({
    id: `CII-DT-10${1 + i}`,
    fire: (b) => setAttr(at(b.seller, 'SpecifiedLegalOrganization', 'ID'), attr, 'x'),
    // The invoice number has a rule of its own (CII-DT-001..007).
    pass: (b) => setAttr(at(b.doc, 'ID'), attr, 'x'),
  })),
];
