/**
 * One negative case per fatal UBL rule: [id, mutation that fires it, near miss that must not].
 * Base: the official PEPPOL "maximum content" invoice (every optional group present: payee,
 * tax representative, delivery, document and line allowances and charges, S and E breakdowns,
 * a tax currency), unless a row names another.
 */
import { add, attr, none, rm, seq, set, type Mut } from './mutate.js';
import { categoryRows, FAMILIES, oRows, type Row } from './categories.js';
import {
  SUP,
  CUS,
  REP,
  LMT,
  L1,
  DA,
  DC,
  LA,
  LC,
  ST1,
  ST2,
  ADR130,
  ATTACH,
  type Spec,
  taxCategory,
  SLOTS,
  toO,
  UBL_MAX,
} from './ubl-base.js';
import { UBL_SYNTAX_SPECS } from './ubl-syntax-specs.js';

const SPECS: Spec[] = [
  ['BR-01', rm('CustomizationID'), set('CustomizationID', 'urn:cen.eu:en16931:2017')],
  ['BR-02', set('ID', '')],
  ['BR-03', rm('IssueDate')],
  ['BR-04', rm('InvoiceTypeCode')],
  ['BR-05', rm('DocumentCurrencyCode')],
  ['BR-06', rm(`${SUP}/PartyLegalEntity/RegistrationName`)],
  ['BR-07', set(`${CUS}/PartyLegalEntity/RegistrationName`, '')],
  ['BR-08', rm(`${SUP}/PostalAddress`)],
  ['BR-09', rm(`${SUP}/PostalAddress/Country`)],
  ['BR-10', rm(`${CUS}/PostalAddress`)],
  ['BR-11', set(`${CUS}/PostalAddress/Country/IdentificationCode`, '')],
  ['BR-12', rm(`${LMT}/LineExtensionAmount`)],
  ['BR-13', rm(`${LMT}/TaxExclusiveAmount`)],
  ['BR-14', rm(`${LMT}/TaxInclusiveAmount`)],
  ['BR-15', rm(`${LMT}/PayableAmount`)],
  ['BR-16', rm('InvoiceLine', true)],
  ['BR-17', set('PayeeParty/PartyName/Name', 'Global Trade Chain')],
  // The payee is the seller again when it carries the seller's identifier.
  [
    'BR-17',
    set('PayeeParty/PartyIdentification/ID', '7350000001204'),
    set('PayeeParty/PartyIdentification/ID', '7350000001205'),
  ],
  ['BR-18', rm(`${REP}/PartyName`)],
  ['BR-19', rm(`${REP}/PostalAddress`)],
  ['BR-20', rm(`${REP}/PostalAddress/Country`)],
  ['BR-21', set(`${L1}/ID`, '')],
  ['BR-22', rm(`${L1}/InvoicedQuantity`)],
  ['BR-23', attr(`${L1}/InvoicedQuantity`, 'unitCode', null)],
  ['BR-24', rm(`${L1}/LineExtensionAmount`)],
  ['BR-25', set(`${L1}/Item/Name`, '')],
  ['BR-26', rm(`${L1}/Price/PriceAmount`)],
  ['BR-27', set(`${L1}/Price/PriceAmount`, '-0.01'), set(`${L1}/Price/PriceAmount`, '0')],
  [
    'BR-28',
    set(`${L1}/Price/AllowanceCharge/BaseAmount`, '-0.01'),
    set(`${L1}/Price/AllowanceCharge/BaseAmount`, '0'),
  ],
  ['BR-29', set('InvoicePeriod/EndDate', '2018-01-31'), set('InvoicePeriod/EndDate', '2018-02-01')],
  [
    'BR-30',
    set(`${L1}/InvoicePeriod/EndDate`, '2018-01-31'),
    set(`${L1}/InvoicePeriod/EndDate`, '2018-02-01'),
  ],
  ['BR-31', rm(`${DA}/Amount`)],
  ['BR-32', rm(`${DA}/TaxCategory`)],
  [
    'BR-33',
    seq(rm(`${DA}/AllowanceChargeReasonCode`), rm(`${DA}/AllowanceChargeReason`)),
    rm(`${DA}/AllowanceChargeReasonCode`),
  ],
  ['BR-36', rm(`${DC}/Amount`)],
  ['BR-37', rm(`${DC}/TaxCategory`)],
  [
    'BR-38',
    seq(rm(`${DC}/AllowanceChargeReasonCode`), rm(`${DC}/AllowanceChargeReason`)),
    rm(`${DC}/AllowanceChargeReason`),
  ],
  ['BR-41', rm(`${LA}/Amount`)],
  [
    'BR-42',
    seq(rm(`${LA}/AllowanceChargeReasonCode`), rm(`${LA}/AllowanceChargeReason`)),
    rm(`${LA}/AllowanceChargeReasonCode`),
  ],
  ['BR-43', rm(`${LC}/Amount`)],
  [
    'BR-44',
    seq(rm(`${LC}/AllowanceChargeReasonCode`), rm(`${LC}/AllowanceChargeReason`)),
    rm(`${LC}/AllowanceChargeReason`),
  ],
  ['BR-45', rm(`${ST1}/TaxableAmount`)],
  ['BR-46', rm(`${ST1}/TaxAmount`)],
  ['BR-47', rm(`${ST1}/TaxCategory/ID`)],
  [
    'BR-48',
    rm(`${ST1}/TaxCategory/Percent`),
    seq(rm(`${ST2}/TaxCategory/Percent`), set(`${ST2}/TaxCategory/ID`, 'O')),
  ],
  ['BR-49', rm('PaymentMeans[1]/PaymentMeansCode')],
  ['BR-50', set('PaymentMeans[1]/PayeeFinancialAccount/ID', '')],
  ['BR-52', set('AdditionalDocumentReference[2]/ID', '')],
  ['BR-53', rm('TaxTotal[2]'), attr('TaxTotal[1]/TaxAmount', 'currencyID', 'SEK')],
  ['BR-54', rm(`${L1}/Item/AdditionalItemProperty[1]/Value`)],
  ['BR-55', rm('BillingReference[1]/InvoiceDocumentReference/ID')],
  ['BR-56', rm(`${REP}/PartyTaxScheme`)],
  ['BR-57', rm('Delivery/DeliveryLocation/Address/Country')],
  [
    'BR-61',
    rm('PaymentMeans/PayeeFinancialAccount', true),
    seq(
      rm('PaymentMeans/PayeeFinancialAccount', true),
      set('PaymentMeans/PaymentMeansCode', '31', true),
    ),
  ],
  [
    'BR-61',
    rm('PaymentMeans[1]/PayeeFinancialAccount'),
    seq(rm('PaymentMeans[1]/PayeeFinancialAccount'), set('PaymentMeans[1]/PaymentMeansCode', '31')),
  ],
  // UBL only asks for the attribute to exist: an empty scheme passes (CII wants a value).
  ['BR-62', attr(`${SUP}/EndpointID`, 'schemeID', null), attr(`${SUP}/EndpointID`, 'schemeID', '')],
  ['BR-63', attr(`${CUS}/EndpointID`, 'schemeID', null)],
  [
    'BR-64',
    attr(`${L1}/Item/StandardItemIdentification/ID`, 'schemeID', null),
    attr(`${L1}/Item/StandardItemIdentification/ID`, 'schemeID', ''),
  ],
  ['BR-65', attr(`${L1}/Item/CommodityClassification[1]/ItemClassificationCode`, 'listID', null)],
  [
    'BR-B-01',
    set('InvoiceLine[2]/Item/ClassifiedTaxCategory/ID', 'B'),
    seq(
      set('InvoiceLine[2]/Item/ClassifiedTaxCategory/ID', 'B'),
      set('//IdentificationCode', 'IT', true),
    ),
  ],
  [
    'BR-B-02',
    set('InvoiceLine[2]/Item/ClassifiedTaxCategory/ID', 'B'),
    seq(
      set('//ClassifiedTaxCategory/ID', 'B', true),
      set('//TaxSubtotal/TaxCategory/ID', 'B', true),
    ),
  ],
  ['BR-CL-01', set('InvoiceTypeCode', '999'), set('InvoiceTypeCode', '384')],
  ['BR-CL-03', attr(`${LMT}/PayableAmount`, 'currencyID', 'QQQ')],
  ['BR-CL-04', set('DocumentCurrencyCode', 'QQQ')],
  ['BR-CL-05', set('TaxCurrencyCode', 'QQQ')],
  [
    'BR-CL-06',
    add('InvoicePeriod', '<cbc:DescriptionCode>99</cbc:DescriptionCode>'),
    add('InvoicePeriod', '<cbc:DescriptionCode>35</cbc:DescriptionCode>'),
  ],
  ['BR-CL-07', attr(`${ADR130}/ID`, 'schemeID', 'QQ1'), attr(`${ADR130}/ID`, 'schemeID', 'ABZ')],
  ['BR-CL-08', set('Note', '#QQQ#Text'), set('Note', '#AAI#Text')],
  ['BR-CL-10', attr(`${SUP}/PartyIdentification[1]/ID`, 'schemeID', '0001')],
  ['BR-CL-11', attr(`${SUP}/PartyLegalEntity/CompanyID`, 'schemeID', '0001')],
  [
    'BR-CL-13',
    attr(`${L1}/Item/CommodityClassification[1]/ItemClassificationCode`, 'listID', 'QQQ'),
  ],
  ['BR-CL-14', set(`${SUP}/PostalAddress/Country/IdentificationCode`, 'XX')],
  ['BR-CL-15', set(`${L1}/Item/OriginCountry/IdentificationCode`, 'XX')],
  [
    'BR-CL-16',
    set('PaymentMeans[1]/PaymentMeansCode', '71'),
    set('PaymentMeans[1]/PaymentMeansCode', '70'),
  ],
  ['BR-CL-17', set(`${ST1}/TaxCategory/ID`, 'X')],
  ['BR-CL-18', set(`${L1}/Item/ClassifiedTaxCategory/ID`, 'X')],
  [
    'BR-CL-19',
    set(`${DA}/AllowanceChargeReasonCode`, '1'),
    set(`${DA}/AllowanceChargeReasonCode`, '100'),
  ],
  [
    'BR-CL-20',
    set(`${DC}/AllowanceChargeReasonCode`, 'QQQ'),
    set(`${DC}/AllowanceChargeReasonCode`, 'ABL'),
  ],
  ['BR-CL-21', attr(`${L1}/Item/StandardItemIdentification/ID`, 'schemeID', '0001')],
  ['BR-CL-22', set(`${ST2}/TaxCategory/TaxExemptionReasonCode`, 'VATEX-EU-999')],
  ['BR-CL-23', attr(`${L1}/InvoicedQuantity`, 'unitCode', 'QQQ')],
  ['BR-CL-24', attr(ATTACH, 'mimeCode', 'text/plain'), attr(ATTACH, 'mimeCode', 'image/png')],
  [
    'BR-CL-25',
    attr(`${SUP}/EndpointID`, 'schemeID', '0001'),
    attr(`${SUP}/EndpointID`, 'schemeID', '0088'),
  ],
  ['BR-CL-26', attr('Delivery/DeliveryLocation/ID', 'schemeID', '0001')],
  [
    'BR-CO-03',
    add('InvoicePeriod', '<cbc:DescriptionCode>35</cbc:DescriptionCode>'),
    seq(add('InvoicePeriod', '<cbc:DescriptionCode>35</cbc:DescriptionCode>'), rm('TaxPointDate')),
  ],
  ['BR-CO-04', rm(`${L1}/Item/ClassifiedTaxCategory`)],
  // Greece's VAT prefix EL is accepted besides the country codes.
  [
    'BR-CO-09',
    set(`${SUP}/PartyTaxScheme[1]/CompanyID`, 'XX123456789001'),
    set(`${SUP}/PartyTaxScheme[1]/CompanyID`, 'EL123456789'),
  ],
  ['BR-CO-10', set(`${LMT}/LineExtensionAmount`, '10000.01')],
  // The sum of the lines is rounded to 2 decimals (half up) before the comparison.
  [
    'BR-CO-10',
    set(`${L1}/LineExtensionAmount`, '10000.005'),
    set(`${L1}/LineExtensionAmount`, '10000.004'),
  ],
  ['BR-CO-11', set(`${LMT}/AllowanceTotalAmount`, '0.01')],
  ['BR-CO-12', set(`${LMT}/ChargeTotalAmount`, '0.01')],
  ['BR-CO-13', set(`${LMT}/TaxExclusiveAmount`, '10000.01')],
  ['BR-CO-14', set('TaxTotal[1]/TaxAmount', '2500.01')],
  ['BR-CO-15', set(`${LMT}/TaxInclusiveAmount`, '12500.01')],
  ['BR-CO-16', set(`${LMT}/PayableAmount`, '12500.01')],
  ['BR-CO-17', set(`${ST1}/TaxAmount`, '2501'), set(`${ST1}/TaxAmount`, '2500.99')],
  // A rate that rounds to 0 wants a tax amount that rounds to 0.
  [
    'BR-CO-17',
    seq(set(`${ST2}/TaxCategory/Percent`, '0.4'), set(`${ST2}/TaxAmount`, '0.6')),
    seq(set(`${ST2}/TaxCategory/Percent`, '0.4'), set(`${ST2}/TaxAmount`, '0.4')),
  ],
  ['BR-CO-18', rm('TaxTotal[1]/TaxSubtotal', true)],
  [
    'BR-CO-19',
    seq(rm('InvoicePeriod/StartDate'), rm('InvoicePeriod/EndDate')),
    rm('InvoicePeriod/StartDate'),
  ],
  [
    'BR-CO-20',
    seq(rm(`${L1}/InvoicePeriod/StartDate`), rm(`${L1}/InvoicePeriod/EndDate`)),
    rm(`${L1}/InvoicePeriod/EndDate`),
  ],
  [
    'BR-CO-21',
    seq(rm(`${DA}/AllowanceChargeReasonCode`), rm(`${DA}/AllowanceChargeReason`)),
    rm(`${DA}/AllowanceChargeReason`),
  ],
  [
    'BR-CO-22',
    seq(rm(`${DC}/AllowanceChargeReasonCode`), rm(`${DC}/AllowanceChargeReason`)),
    rm(`${DC}/AllowanceChargeReasonCode`),
  ],
  [
    'BR-CO-23',
    seq(rm(`${LA}/AllowanceChargeReasonCode`), rm(`${LA}/AllowanceChargeReason`)),
    rm(`${LA}/AllowanceChargeReason`),
  ],
  [
    'BR-CO-24',
    seq(rm(`${LC}/AllowanceChargeReasonCode`), rm(`${LC}/AllowanceChargeReason`)),
    rm(`${LC}/AllowanceChargeReasonCode`),
  ],
  [
    'BR-CO-26',
    seq(
      rm(`${SUP}/PartyTaxScheme`, true),
      rm(`${SUP}/PartyIdentification`, true),
      rm(`${SUP}/PartyLegalEntity/CompanyID`),
    ),
    seq(rm(`${SUP}/PartyTaxScheme`, true), rm(`${SUP}/PartyIdentification`, true)),
  ],
  // A SEPA creditor identifier does not identify the seller.
  [
    'BR-CO-26',
    seq(
      rm(`${SUP}/PartyTaxScheme`, true),
      rm(`${SUP}/PartyLegalEntity/CompanyID`),
      rm(`${SUP}/PartyIdentification[2]`),
      attr(`${SUP}/PartyIdentification[1]/ID`, 'schemeID', 'SEPA'),
    ),
    seq(
      rm(`${SUP}/PartyTaxScheme`, true),
      rm(`${SUP}/PartyLegalEntity/CompanyID`),
      attr(`${SUP}/PartyIdentification[1]/ID`, 'schemeID', 'SEPA'),
    ),
  ],
  ['BR-DEC-01', set(`${DA}/Amount`, '0.001'), set(`${DA}/Amount`, '0.00')],
  ['BR-DEC-02', set(`${DA}/BaseAmount`, '0.001'), set(`${DA}/BaseAmount`, '0.00')],
  ['BR-DEC-05', set(`${DC}/Amount`, '0.001'), set(`${DC}/Amount`, '0.00')],
  ['BR-DEC-06', set(`${DC}/BaseAmount`, '0.001'), set(`${DC}/BaseAmount`, '0.00')],
  [
    'BR-DEC-09',
    set(`${LMT}/LineExtensionAmount`, '10000.000'),
    set(`${LMT}/LineExtensionAmount`, '10000.00'),
  ],
  [
    'BR-DEC-10',
    set(`${LMT}/AllowanceTotalAmount`, '0.000'),
    set(`${LMT}/AllowanceTotalAmount`, '0.00'),
  ],
  ['BR-DEC-11', set(`${LMT}/ChargeTotalAmount`, '0.000'), set(`${LMT}/ChargeTotalAmount`, '0.00')],
  [
    'BR-DEC-12',
    set(`${LMT}/TaxExclusiveAmount`, '10000.000'),
    set(`${LMT}/TaxExclusiveAmount`, '10000.00'),
  ],
  [
    'BR-DEC-14',
    set(`${LMT}/TaxInclusiveAmount`, '12500.000'),
    set(`${LMT}/TaxInclusiveAmount`, '12500.00'),
  ],
  ['BR-DEC-16', set(`${LMT}/PrepaidAmount`, '0.000'), set(`${LMT}/PrepaidAmount`, '0.00')],
  [
    'BR-DEC-17',
    set(`${LMT}/PayableRoundingAmount`, '0.000'),
    set(`${LMT}/PayableRoundingAmount`, '0.00'),
  ],
  ['BR-DEC-18', set(`${LMT}/PayableAmount`, '12500.000'), set(`${LMT}/PayableAmount`, '12500.00')],
  ['BR-DEC-19', set(`${ST1}/TaxableAmount`, '10000.000'), set(`${ST1}/TaxableAmount`, '10000.00')],
  ['BR-DEC-20', set(`${ST1}/TaxAmount`, '2500.000'), set(`${ST1}/TaxAmount`, '2500.00')],
  [
    'BR-DEC-23',
    set(`${L1}/LineExtensionAmount`, '10000.000'),
    set(`${L1}/LineExtensionAmount`, '10000.00'),
  ],
  ['BR-DEC-24', set(`${LA}/Amount`, '0.000'), set(`${LA}/Amount`, '0.00')],
  ['BR-DEC-25', set(`${LA}/BaseAmount`, '0.000'), set(`${LA}/BaseAmount`, '0.00')],
  ['BR-DEC-27', set(`${LC}/Amount`, '0.000'), set(`${LC}/Amount`, '0.00')],
  ['BR-DEC-28', set(`${LC}/BaseAmount`, '0.000'), set(`${LC}/BaseAmount`, '0.00')],
  [
    'BR-IC-11',
    seq(categoryToK(), rm('Delivery/ActualDeliveryDate'), rm('InvoicePeriod')),
    seq(categoryToK(), rm('Delivery/ActualDeliveryDate')),
  ],
  ['BR-IC-12', seq(categoryToK(), rm('Delivery/DeliveryLocation/Address/Country')), categoryToK()],
  [
    'UBL-CR-666',
    add(
      ADR130,
      '<cac:Attachment><cac:ExternalReference><cbc:URI>http://example.com/a</cbc:URI></cac:ExternalReference></cac:Attachment>',
    ),
  ],
  [
    'UBL-CR-673',
    add(ADR130, '<cbc:DocumentDescription>Object</cbc:DocumentDescription>'),
    add(
      'AdditionalDocumentReference[2]',
      '<cbc:DocumentDescription>Object</cbc:DocumentDescription>',
    ),
  ],
  ...UBL_SYNTAX_SPECS,
  // scheme is not VAT fails it even when the seller has a VAT identifier.
  [
    'BR-S-02',
    set(`${L1}/Item/ClassifiedTaxCategory/TaxScheme/ID`, 'GST'),
    set(`${L1}/Item/ClassifiedTaxCategory/TaxScheme/ID`, 'vat'),
  ],
  // A VAT category on a LINE allowance or charge (allowed by the schema, not an EN 16931
  // term) is seen by the official category asserts (-01/-03/-04/-06/-07, BR-O-13/14).
  ['BR-S-06', add(LA, taxCategory('S', '0')), add(LA, taxCategory('S', '25'))],
  ['BR-AE-01', add(LA, taxCategory('AE', '0'))],
];

function categoryToK(): Mut {
  return seq(set(`${SLOTS.lineCat}/ID`, 'K'), set(`${SLOTS.subCat}/ID`, 'K'));
}

/** BR-S-01 needs no S breakdown at all while lines stay S. */
const S01: Row = {
  id: 'BR-S-01',
  base: UBL_MAX,
  fire: set(`${ST1}/TaxCategory/ID`, 'Z'),
  near: none,
};

const O_EXTRA = oRows(SLOTS, {
  otherSubsToO: rm(ST1),
  otherLineToO: toO(`${L1}/Item/ClassifiedTaxCategory`),
  allowToO: toO(`${DA}/TaxCategory`),
  chargeToO: toO(`${DC}/TaxCategory`),
});

const INVOICE_ROWS: Row[] = [
  ...SPECS.map(([id, fire, near, gap]) => ({
    id,
    base: UBL_MAX,
    fire,
    near: near ?? none,
    ...(gap ? { gap } : {}),
  })),
  ...FAMILIES.flatMap(([prefix, code]) =>
    categoryRows(SLOTS, code, prefix).map((r) => (r.id === 'BR-S-01' ? S01 : r)),
  ),
  ...O_EXTRA,
];

/**
 * The rules whose official assert has a credit note branch of its own (CreditNoteLine,
 * CreditedQuantity, CreditNoteTypeCode) run again on the "maximum content" credit note,
 * through the same paths (see mutate.ts), with the VAT category rules on lines (-05) and
 * the breakdown sums over lines (-08).
 */
export const UBL_CREDIT_NOTE = 'test/testfiles/CreditNote-Max_content.xml';
const CREDIT_NOTE_IDS = new Set([
  'BR-16',
  'BR-21',
  'BR-22',
  'BR-23',
  'BR-24',
  'BR-25',
  'BR-26',
  'BR-27',
  'BR-28',
  'BR-30',
  'BR-41',
  'BR-42',
  'BR-43',
  'BR-44',
  'BR-54',
  'BR-64',
  'BR-65',
  'BR-CO-04',
  'BR-CO-10',
  'BR-CO-20',
  'BR-CO-23',
  'BR-CO-24',
  'BR-CL-18',
  'BR-CL-23',
  'BR-DEC-23',
  'BR-DEC-24',
  'BR-DEC-25',
  'BR-DEC-27',
  'BR-DEC-28',
  'BR-O-12',
  'UBL-DT-01',
  'UBL-SR-34',
  'UBL-SR-35',
  'UBL-SR-36',
  'UBL-SR-37',
  'UBL-SR-48',
  'UBL-SR-50',
  'UBL-SR-52',
]);
const CREDIT_NOTE_ROWS: Row[] = [
  ...INVOICE_ROWS.filter(
    (r) => r.gap === undefined && (CREDIT_NOTE_IDS.has(r.id) || /^BR-[A-Z]+-0[58]$/.test(r.id)),
  ).map((r) => ({ ...r, base: UBL_CREDIT_NOTE })),
  // A credit note (only) may reference a document of type 50 (with or without a scheme):
  // the mutation that fires on the invoice must pass here.
  {
    id: 'UBL-SR-43',
    base: UBL_CREDIT_NOTE,
    fire: set('AdditionalDocumentReference[2]/DocumentTypeCode', '51'),
    near: attr('AdditionalDocumentReference[2]/ID', 'schemeID', 'ABZ'),
  },
  // An invoice type code is no credit note type code.
  {
    id: 'BR-CL-01',
    base: UBL_CREDIT_NOTE,
    fire: set('InvoiceTypeCode', '380'),
    near: set('InvoiceTypeCode', '396'),
  },
];

export const UBL_ROWS: Row[] = [...INVOICE_ROWS, ...CREDIT_NOTE_ROWS];

/** Fatal UBL rules whose official assert can never fail, with the reason read in the assert. */
export const UBL_UNREACHABLE: Record<string, string> = {
  'BR-CO-05':
    'assert test is true() (document allowance reason code/reason consistency is not checked)',
  'BR-CO-06':
    'assert test is true() (document charge reason code/reason consistency is not checked)',
  'BR-CO-07':
    'assert test is true() (line allowance reason code/reason consistency is not checked)',
  'BR-CO-08': 'assert test is true() (line charge reason code/reason consistency is not checked)',
  'BR-DEC-13':
    'its predicate compares @currencyID with cbc:DocumentCurrencyCode read as a child of cbc:TaxAmount, which never exists, so the test is always true',
  'BR-DEC-15':
    'its predicate compares @currencyID with cbc:TaxCurrencyCode read as a child of cbc:TaxAmount, which never exists, so the test is always true',
};

export const UBL_UNREACHABLE_PROBES: [id: string, mut: Mut, gap?: string][] = [
  // The most blatant breach each rule could be meant to catch: it must stay silent.
  ['BR-CO-05', set(`${DA}/AllowanceChargeReasonCode`, '41')],
  ['BR-CO-06', set(`${DC}/AllowanceChargeReasonCode`, 'AA')],
  ['BR-CO-07', set(`${LA}/AllowanceChargeReasonCode`, '41')],
  ['BR-CO-08', set(`${LC}/AllowanceChargeReasonCode`, 'AA')],
  ['BR-DEC-13', set('TaxTotal[1]/TaxAmount', '2500.001')],
  ['BR-DEC-15', set('TaxTotal[2]/TaxAmount', '249.001')],
];
