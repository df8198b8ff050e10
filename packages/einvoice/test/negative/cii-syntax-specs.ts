/** Negative cases of the fatal CII syntax rules (CII-DT, CII-SR). */
import { add, attr, dup, none, rm, seq, set } from './mutate.js';
import {
  DOC,
  GUIDE,
  SET,
  SUM,
  SELLER,
  BUYER,
  CONTRACT,
  ADR1,
  ADR916,
  PROD,
  LAGR,
  QTY,
  LADR130,
  DA,
  SUB1,
  SUB2,
  PM1,
  PM2,
  PERIOD,
  ADDR,
  type Spec,
  el,
  indicator,
  dateTime,
} from './cii-base.js';

/** "Shall not be present" rules on a referenced document: [id, child XML]. */
const REFERENCED_DOC_CHILDREN: [string, string][] = [
  ['CII-DT-016', el('StatusCode', '1')],
  ['CII-DT-017', indicator('CopyIndicator')],
  ['CII-DT-019', el('GlobalID')],
  ['CII-DT-020', el('RevisionID')],
  ['CII-DT-023', el('Information')],
  ['CII-DT-025', el('SectionName')],
  ['CII-DT-026', el('PreviousRevisionID')],
  [
    'CII-DT-028',
    `<ram:EffectiveSpecifiedPeriod>${dateTime('StartDateTime', '20130101')}</ram:EffectiveSpecifiedPeriod>`,
  ],
  ['CII-DT-029', `<ram:IssuerTradeParty>${el('Name')}</ram:IssuerTradeParty>`],
  ['CII-DT-030', `<ram:AttachedSpecifiedBinaryFile>${el('ID')}</ram:AttachedSpecifiedBinaryFile>`],
];

/** "Shall not be present" rules on the invoicing period: [id, child XML]. */
const PERIOD_CHILDREN: [string, string][] = [
  ['CII-DT-069', el('DurationMeasure', '1')],
  ['CII-DT-070', indicator('InclusiveIndicator')],
  ['CII-DT-071', el('Description')],
  ['CII-DT-073', dateTime('CompleteDateTime', '20130410')],
  ['CII-DT-074', indicator('OpenIndicator')],
  ['CII-DT-075', el('SeasonCode', '1')],
  ['CII-DT-076', el('ID')],
  ['CII-DT-077', el('Name')],
  ['CII-DT-078', el('SequenceNumeric', '1')],
  ['CII-DT-079', el('StartDateFlexibilityCode', '1')],
  ['CII-DT-080', indicator('ContinuousIndicator')],
  ['CII-DT-081', el('PurposeCode', '1')],
];

/** "Shall not be present" rules on a postal address: [id, child name]. */
const ADDRESS_CHILDREN: [string, string][] = [
  ['CII-DT-082', 'ID'],
  ['CII-DT-083', 'PostOfficeBox'],
  ['CII-DT-084', 'BuildingName'],
  ['CII-DT-086', 'LineFour'],
  ['CII-DT-087', 'LineFive'],
  ['CII-DT-088', 'StreetName'],
  ['CII-DT-089', 'CitySubDivisionName'],
  ['CII-DT-090', 'CountryName'],
  ['CII-DT-091', 'CountrySubDivisionID'],
  ['CII-DT-092', 'AttentionOf'],
  ['CII-DT-093', 'CareOf'],
  ['CII-DT-094', 'BuildingNumber'],
  ['CII-DT-095', 'DepartmentName'],
  ['CII-DT-096', 'AdditionalStreetName'],
];

/** At most one of each monetary total: [id, element, present in the base]. */
const SUMMATION_ONCE: [string, string, boolean][] = [
  ['CII-SR-477', 'LineTotalAmount', true],
  ['CII-SR-478', 'ChargeTotalAmount', true],
  ['CII-SR-479', 'AllowanceTotalAmount', true],
  ['CII-SR-480', 'TaxBasisTotalAmount', true],
  ['CII-SR-481', 'RoundingAmount', false],
  ['CII-SR-482', 'GrandTotalAmount', true],
  ['CII-SR-483', 'InformationAmount', false],
  ['CII-SR-484', 'TotalPrepaidAmount', true],
  ['CII-SR-485', 'TotalDiscountAmount', false],
  ['CII-SR-486', 'TotalAllowanceChargeAmount', false],
  ['CII-SR-487', 'DuePayableAmount', true],
  ['CII-SR-488', 'RetailValueExcludingTaxInformationAmount', false],
  ['CII-SR-489', 'TotalDepositFeeInformationAmount', false],
  ['CII-SR-490', 'ProductValueExcludingTobaccoTaxInformationAmount', false],
  ['CII-SR-491', 'TotalRetailValueInformationAmount', false],
  ['CII-SR-492', 'GrossLineTotalAmount', false],
  ['CII-SR-493', 'NetLineTotalAmount', false],
  ['CII-SR-494', 'NetIncludingTaxesLineTotalAmount', false],
];

export const CII_SYNTAX_SPECS: Spec[] = [
  ['CII-DT-001', attr(`${DOC}/ID`, 'schemeName', 'x')],
  ['CII-DT-002', attr(`${DOC}/ID`, 'schemeAgencyName', 'x')],
  ['CII-DT-003', attr(`${DOC}/ID`, 'schemeDataURI', 'x')],
  ['CII-DT-004', attr(`${DOC}/ID`, 'schemeURI', 'x')],
  ['CII-DT-005', attr(`${DOC}/ID`, 'schemeID', 'x')],
  ['CII-DT-006', attr(`${DOC}/ID`, 'schemeAgencyID', 'x')],
  ['CII-DT-007', attr(`${DOC}/ID`, 'schemeVersionID', 'x')],
  ['CII-DT-008', attr(`${DOC}/TypeCode`, 'name', 'Invoice')],
  ['CII-DT-009', attr(`${DOC}/TypeCode`, 'listURI', 'x')],
  ['CII-DT-013', attr('', 'languageID', 'en')],
  ['CII-DT-014', attr('', 'languageLocaleID', 'en')],
  // The attachment (916) may carry a URI, a name and a binary object; no other reference may.
  [
    'CII-DT-015',
    add(CONTRACT, el('URIID', 'http://example.com/c')),
    add(ADR916, el('URIID', 'http://example.com/c'), 'Name'),
  ],
  ['CII-DT-018', add(CONTRACT, el('TypeCode', '130')), add(ADR1, el('TypeCode', '50'))],
  ['CII-DT-021', add(CONTRACT, el('Name'))],
  [
    'CII-DT-022',
    add(
      CONTRACT,
      '<ram:AttachmentBinaryObject mimeCode="application/pdf" filename="a.pdf">AA==</ram:AttachmentBinaryObject>',
    ),
  ],
  [
    'CII-DT-024',
    add(CONTRACT, el('ReferenceTypeCode', 'ABZ')),
    add(LADR130, el('ReferenceTypeCode', 'ABZ')),
  ],
  [
    'CII-DT-027',
    add(
      CONTRACT,
      `<ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20130101</qdt:DateTimeString></ram:FormattedIssueDateTime>`,
    ),
  ],
  ...REFERENCED_DOC_CHILDREN.map(([id, xml]): Spec => [id, add(CONTRACT, xml)]),
  ['CII-DT-031', attr(`${SUM}/GrandTotalAmount`, 'currencyID', 'DKK'), none],
  ['CII-DT-032', attr(`${SUM}/GrandTotalAmount`, 'currencyCodeListVersionID', '1')],
  ['CII-DT-033', attr('//BilledQuantity', 'unitCode', null, true), attr(QTY, 'unitCode', null)],
  ['CII-DT-034', attr(QTY, 'unitCodeListID', 'x')],
  ['CII-DT-035', attr(QTY, 'unitCodeListAgencyID', 'x')],
  ['CII-DT-036', attr(QTY, 'unitCodeListAgencyName', 'x')],
  ['CII-DT-037', set(`${SUB1}/TypeCode`, 'GST')],
  [
    'CII-DT-068',
    add(`${PERIOD}/StartDateTime`, '<udt:DateTime>2013-03-10T00:00:00</udt:DateTime>'),
  ],
  ['CII-DT-072', add(`${PERIOD}/EndDateTime`, '<udt:DateTime>2013-04-10T00:00:00</udt:DateTime>')],
  ...PERIOD_CHILDREN.map(([id, xml]): Spec => [id, add(PERIOD, xml)]),
  ...ADDRESS_CHILDREN.map(([id, name]): Spec => [id, add(ADDR, el(name, '1'))]),
  [
    'CII-DT-097',
    set(`${DOC}/IssueDateTime/DateTimeString`, '20131310'),
    set(`${DOC}/IssueDateTime/DateTimeString`, '20131231'),
  ],
  ['CII-DT-101', attr(`${SELLER}/GlobalID`, 'schemeName', 'x')],
  ['CII-DT-102', attr(`${SELLER}/GlobalID`, 'schemeAgencyName', 'x')],
  ['CII-DT-103', attr(`${SELLER}/GlobalID`, 'schemeDataURI', 'x')],
  ['CII-DT-104', attr(`${SELLER}/GlobalID`, 'schemeURI', 'x')],
  ['CII-SR-009', dup(GUIDE)],
  ['CII-SR-010', add(GUIDE, el('ID', 'urn:cen.eu:en16931:2017'))],
  ['CII-SR-014', dup(`${DOC}/TypeCode`)],
  // An empty scheme is still a scheme here (BR-64 is the rule that wants a value).
  [
    'CII-SR-046',
    attr(`${PROD}/GlobalID`, 'schemeID', null),
    attr(`${PROD}/GlobalID`, 'schemeID', ''),
  ],
  ['CII-SR-069', dup(`${PROD}/ApplicableProductCharacteristic/Description`)],
  ['CII-SR-072', dup(`${PROD}/ApplicableProductCharacteristic/Value`)],
  ['CII-SR-090', dup(`${PROD}/OriginTradeCountry/ID`)],
  ['CII-SR-439', rm(`${LAGR}/NetPriceProductTradePrice/ChargeAmount`)],
  [
    'CII-SR-440',
    dup(`${LAGR}/GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ActualAmount`),
  ],
  ['CII-SR-441', dup(`${LAGR}/NetPriceProductTradePrice/ChargeAmount`)],
  ['CII-SR-455', dup(`${SELLER}/DefinedTradeContact`)],
  ['CII-SR-456', dup(`${BUYER}/DefinedTradeContact`)],
  ['CII-SR-459', dup(`${SELLER}/URIUniversalCommunication`)],
  ['CII-SR-460', dup(`${BUYER}/URIUniversalCommunication`)],
  [
    'CII-SR-461',
    add(
      SUB2,
      '<ram:TaxPointDate><udt:DateString format="102">20130410</udt:DateString></ram:TaxPointDate>',
      'RateApplicablePercent',
    ),
  ],
  [
    'CII-SR-462',
    seq(
      add(SUB1, el('DueDateTypeCode', '5'), 'RateApplicablePercent'),
      add(SUB2, el('DueDateTypeCode', '29'), 'RateApplicablePercent'),
    ),
    seq(
      add(SUB1, el('DueDateTypeCode', '5'), 'RateApplicablePercent'),
      add(SUB2, el('DueDateTypeCode', '5'), 'RateApplicablePercent'),
    ),
  ],
  ['CII-SR-463', rm(`${DA}/ChargeIndicator`)],
  ['CII-SR-467', set(`${PM2}/TypeCode`, '30'), set(`${PM2}/TypeCode`, '58')],
  [
    'CII-SR-468',
    add(PM2, el('Information', 'Other'), 'PayeePartyCreditorFinancialAccount'),
    add(PM2, el('Information', 'Half prepaid'), 'PayeePartyCreditorFinancialAccount'),
  ],
  ['CII-SR-469', dup(`${SET}/PaymentReference`)],
  ['CII-SR-470', rm(`${PM1}/PayeePartyCreditorFinancialAccount`)],
  [
    'CII-SR-471',
    add(
      DA,
      el('RateApplicablePercent', '1') + el('RateApplicablePercent', '1'),
      'CategoryTradeTax',
    ),
    add(DA, el('RateApplicablePercent', '1'), 'CategoryTradeTax'),
  ],
  ['CII-SR-472', dup(`${DA}/CategoryTradeTax`)],
  ['CII-SR-473', dup(`${DA}/ActualAmount`)],
  ...SUMMATION_ONCE.map(([id, name, present]): Spec =>
    present
      ? [id, dup(`${SUM}/${name}`)]
      : [id, add(SUM, el(name, '0') + el(name, '0')), add(SUM, el(name, '0'))],
  ),
];
