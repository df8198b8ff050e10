/**
 * One negative case per fatal CII rule: [id, mutation that fires it, near miss that must not].
 * Base: the official CII_example5 (payee, tax representative, ship-to, document and line
 * allowances and charges, two S breakdowns, a tax currency, attachments, invoice period),
 * unless a row names another.
 */
import { add, attr, dup, none, rm, rmAny, seq, set, type Mut } from './mutate.js';
import { categoryMut, categoryRows, FAMILIES, type Row } from './categories.js';
import {
  T,
  DOC,
  GUIDE,
  DEL,
  SET,
  SUM,
  SELLER,
  BUYER,
  REP,
  ADR1,
  ADR916,
  L1,
  PROD,
  LAGR,
  QTY,
  LSET,
  LADR130,
  LA,
  LC,
  DA,
  DC,
  SUB1,
  SUB2,
  PM1,
  ACCOUNT,
  PERIOD,
  ADDR,
  type Spec,
  SLOTS,
  el,
  reasons,
  CLASS,
  categoryTradeTax,
  CARD,
  CII_BASE,
} from './cii-base.js';
import { CII_SYNTAX_SPECS } from './cii-syntax-specs.js';

const SPECS: Spec[] = [
  ['BR-01', set(`${GUIDE}/ID`, '')],
  ['BR-02', set(`${DOC}/ID`, '')],
  ['BR-03', rm(`${DOC}/IssueDateTime`)],
  ['BR-04', set(`${DOC}/TypeCode`, '')],
  ['BR-05', rm(`${SET}/InvoiceCurrencyCode`)],
  ['BR-06', rm(`${SELLER}/Name`)],
  ['BR-07', set(`${BUYER}/Name`, '')],
  ['BR-08', rm(`${SELLER}/PostalTradeAddress`)],
  ['BR-09', rm(`${SELLER}/PostalTradeAddress/CountryID`)],
  ['BR-10', rm(`${BUYER}/PostalTradeAddress`)],
  ['BR-11', set(`${BUYER}/PostalTradeAddress/CountryID`, '')],
  ['BR-12', rm(`${SUM}/LineTotalAmount`)],
  ['BR-13', rm(`${SUM}/TaxBasisTotalAmount`)],
  ['BR-14', rm(`${SUM}/GrandTotalAmount`)],
  ['BR-15', rm(`${SUM}/DuePayableAmount`)],
  ['BR-16', rm(`${T}/IncludedSupplyChainTradeLineItem`, true)],
  ['BR-17', set(`${SET}/PayeeTradeParty/Name`, 'SellerCompany')],
  ['BR-18', set(`${REP}/Name`, '')],
  ['BR-19', rm(`${REP}/PostalTradeAddress`)],
  ['BR-20', rm(`${REP}/PostalTradeAddress/CountryID`)],
  ['BR-21', set(`${L1}/AssociatedDocumentLineDocument/LineID`, '')],
  ['BR-22', rm(QTY)],
  ['BR-23', attr(QTY, 'unitCode', null)],
  ['BR-24', rm(`${LSET}/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount`)],
  ['BR-25', set(`${PROD}/Name`, '')],
  ['BR-26', rm(`${LAGR}/NetPriceProductTradePrice/ChargeAmount`)],
  [
    'BR-27',
    set(`${LAGR}/NetPriceProductTradePrice/ChargeAmount`, '-0.01'),
    set(`${LAGR}/NetPriceProductTradePrice/ChargeAmount`, '0'),
  ],
  [
    'BR-28',
    set(`${LAGR}/GrossPriceProductTradePrice/ChargeAmount`, '-0.01'),
    set(`${LAGR}/GrossPriceProductTradePrice/ChargeAmount`, '0'),
  ],
  [
    'BR-29',
    set(`${PERIOD}/EndDateTime/DateTimeString`, '20130309'),
    set(`${PERIOD}/EndDateTime/DateTimeString`, '20130310'),
  ],
  // The dates are compared only in format 102: another format leaves nothing to compare.
  ['BR-29', attr(`${PERIOD}/EndDateTime/DateTimeString`, 'format', '610')],
  ['BR-30', set(`${LSET}/BillingSpecifiedPeriod/EndDateTime/DateTimeString`, '20130309')],
  ['BR-31', rm(`${DA}/ActualAmount`)],
  ['BR-32', rm(`${DA}/CategoryTradeTax/CategoryCode`)],
  ['BR-33', reasons(DA), rm(`${DA}/ReasonCode`)],
  ['BR-36', rm(`${DC}/ActualAmount`)],
  ['BR-37', rm(`${DC}/CategoryTradeTax/CategoryCode`)],
  ['BR-38', reasons(DC), rm(`${DC}/Reason`)],
  ['BR-41', rm(`${LA}/ActualAmount`)],
  ['BR-42', reasons(LA), rm(`${LA}/ReasonCode`)],
  ['BR-43', rm(`${LC}/ActualAmount`)],
  ['BR-44', reasons(LC), rm(`${LC}/Reason`)],
  ['BR-45', rm(`${SUB1}/BasisAmount`)],
  ['BR-46', rm(`${SUB1}/CalculatedAmount`)],
  ['BR-47', rm(`${SUB1}/CategoryCode`)],
  [
    'BR-48',
    rm(`${SUB1}/RateApplicablePercent`),
    seq(rm(`${SUB2}/RateApplicablePercent`), set(`${SUB2}/CategoryCode`, 'O')),
  ],
  ['BR-49', rm(`${PM1}/TypeCode`)],
  ['BR-50', set(`${ACCOUNT}/IBANID`, '')],
  [
    'BR-51',
    add(PM1, CARD('12345678901'), 'PayeePartyCreditorFinancialAccount'),
    add(PM1, CARD('1234567890'), 'PayeePartyCreditorFinancialAccount'),
  ],
  ['BR-52', set(`${ADR1}/IssuerAssignedID`, '')],
  [
    'BR-53',
    rm(`${SUM}/TaxTotalAmount[2]`),
    seq(rm(`${SUM}/TaxTotalAmount[2]`), rm(`${SET}/TaxCurrencyCode`)),
  ],
  ['BR-54', rm(`${PROD}/ApplicableProductCharacteristic/Value`)],
  ['BR-55', set(`${SET}/InvoiceReferencedDocument/IssuerAssignedID`, '')],
  ['BR-56', rm(`${REP}/SpecifiedTaxRegistration`)],
  [
    'BR-57',
    rm(`${DEL}/ShipToTradeParty/PostalTradeAddress/CountryID`),
    rm(`${DEL}/ShipToTradeParty/PostalTradeAddress`),
  ],
  [
    'BR-61',
    rm(`${ACCOUNT}/IBANID`),
    seq(rm(`${ACCOUNT}/IBANID`), add(ACCOUNT, el('ProprietaryID', '12345'))),
  ],
  ['BR-62', attr(`${SELLER}/URIUniversalCommunication/URIID`, 'schemeID', null)],
  // CII wants a non-empty scheme (UBL only its presence).
  [
    'BR-62',
    attr(`${SELLER}/URIUniversalCommunication/URIID`, 'schemeID', ' '),
    attr(`${SELLER}/URIUniversalCommunication/URIID`, 'schemeID', 'EM'),
  ],
  ['BR-63', attr(`${BUYER}/URIUniversalCommunication/URIID`, 'schemeID', null)],
  ['BR-64', attr(`${PROD}/GlobalID`, 'schemeID', null)],
  ['BR-64', attr(`${PROD}/GlobalID`, 'schemeID', '')],
  [
    'BR-65',
    add(PROD, CLASS(null), 'OriginTradeCountry'),
    add(PROD, CLASS('HS'), 'OriginTradeCountry'),
  ],
  [
    'BR-B-01',
    set(`${SLOTS.lineCat}/CategoryCode`, 'B'),
    seq(set(`${SLOTS.lineCat}/CategoryCode`, 'B'), set('//CountryID', 'IT', true)),
  ],
  ['BR-B-02', set(`${SLOTS.lineCat}/CategoryCode`, 'B'), set('//CategoryCode', 'B', true)],
  ['BR-CL-01', set(`${DOC}/TypeCode`, '999'), set(`${DOC}/TypeCode`, '381')],
  ['BR-CL-03', attr(`${SUM}/TaxTotalAmount[1]`, 'currencyID', 'QQQ')],
  ['BR-CL-04', set(`${SET}/InvoiceCurrencyCode`, 'QQQ')],
  ['BR-CL-05', set(`${SET}/TaxCurrencyCode`, 'QQQ')],
  ['BR-CL-06', add(SUB1, el('DueDateTypeCode', '1')), add(SUB1, el('DueDateTypeCode', '5'))],
  [
    'BR-CL-07',
    add(LADR130, el('ReferenceTypeCode', 'QQ1')),
    add(LADR130, el('ReferenceTypeCode', 'ABZ')),
  ],
  [
    'BR-CL-08',
    set(`${DOC}/IncludedNote/SubjectCode`, 'QQQ'),
    set(`${DOC}/IncludedNote/SubjectCode`, 'AAA'),
  ],
  [
    'BR-CL-10',
    attr(`${SELLER}/GlobalID`, 'schemeID', '0001'),
    attr(`${SELLER}/GlobalID`, 'schemeID', '0060'),
  ],
  [
    'BR-CL-11',
    attr(`${SELLER}/SpecifiedLegalOrganization/ID`, 'schemeID', '0001'),
    attr(`${SELLER}/SpecifiedLegalOrganization/ID`, 'schemeID', '0002'),
  ],
  [
    'BR-CL-13',
    add(PROD, CLASS('QQQ'), 'OriginTradeCountry'),
    add(PROD, CLASS('HS'), 'OriginTradeCountry'),
  ],
  ['BR-CL-14', set(`${ADDR}/CountryID`, 'XX')],
  ['BR-CL-15', set(`${PROD}/OriginTradeCountry/ID`, 'XX')],
  ['BR-CL-16', set(`${PM1}/TypeCode`, '71'), set(`${PM1}/TypeCode`, '70')],
  ['BR-CL-17', set(`${DA}/CategoryTradeTax/CategoryCode`, 'X')],
  ['BR-CL-18', set(`${SUB1}/CategoryCode`, 'X')],
  ['BR-CL-19', set(`${DA}/ReasonCode`, '1'), set(`${DA}/ReasonCode`, '100')],
  ['BR-CL-20', set(`${DC}/ReasonCode`, 'QQQ'), set(`${DC}/ReasonCode`, 'AAA')],
  [
    'BR-CL-21',
    attr(`${PROD}/GlobalID`, 'schemeID', '0001'),
    attr(`${PROD}/GlobalID`, 'schemeID', '0060'),
  ],
  [
    'BR-CL-22',
    add(SUB2, el('ExemptionReasonCode', 'VATEX-EU-999')),
    add(SUB2, el('ExemptionReasonCode', 'VATEX-EU-132')),
  ],
  ['BR-CL-23', attr(QTY, 'unitCode', 'QQQ')],
  [
    'BR-CL-24',
    attr(`${ADR916}/AttachmentBinaryObject`, 'mimeCode', 'text/plain'),
    attr(`${ADR916}/AttachmentBinaryObject`, 'mimeCode', 'image/png'),
  ],
  [
    'BR-CL-25',
    attr(`${SELLER}/URIUniversalCommunication/URIID`, 'schemeID', '0001'),
    attr(`${SELLER}/URIUniversalCommunication/URIID`, 'schemeID', '0088'),
  ],
  ['BR-CL-26', attr(`${DEL}/ShipToTradeParty/GlobalID`, 'schemeID', '0001')],
  [
    'BR-CO-03',
    add(SUB2, el('DueDateTypeCode', '5')),
    seq(add(SUB2, el('DueDateTypeCode', '5')), rm(`${SUB1}/TaxPointDate`)),
  ],
  ['BR-CO-04', rm(`${LSET}/ApplicableTradeTax/CategoryCode`)],
  ['BR-CO-09', set(`${SELLER}/SpecifiedTaxRegistration[1]/ID`, 'XX16356706')],
  ['BR-CO-10', set(`${SUM}/LineTotalAmount`, '4000.01')],
  [
    'BR-CO-10',
    set(`${LSET}/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount`, '1000.005'),
    set(`${LSET}/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount`, '1000.004'),
  ],
  // Only the first actual amount of an allowance counts.
  [
    'BR-CO-11',
    set(`${SUM}/AllowanceTotalAmount`, '150.01'),
    seq(dup(`${DA}/ActualAmount`), set(`${DA}/ActualAmount[2]`, '99')),
  ],
  ['BR-CO-12', set(`${SUM}/ChargeTotalAmount`, '150.01')],
  ['BR-CO-13', set(`${SUM}/TaxBasisTotalAmount`, '4000.01')],
  ['BR-CO-14', set(`${SUM}/TaxTotalAmount[1]`, '675.01')],
  ['BR-CO-15', set(`${SUM}/GrandTotalAmount`, '4675.01')],
  ['BR-CO-16', set(`${SUM}/DuePayableAmount`, '2337.51')],
  // CII's tolerance is inclusive (UBL's is not): exactly 1 off passes.
  ['BR-CO-17', set(`${SUB1}/CalculatedAmount`, '376.01'), set(`${SUB1}/CalculatedAmount`, '376')],
  ['BR-CO-18', rm(`${SET}/ApplicableTradeTax`, true)],
  [
    'BR-CO-19',
    seq(rm(`${PERIOD}/StartDateTime`), rm(`${PERIOD}/EndDateTime`)),
    rm(`${PERIOD}/StartDateTime`),
  ],
  [
    'BR-CO-20',
    seq(
      rm(`${LSET}/BillingSpecifiedPeriod/StartDateTime`),
      rm(`${LSET}/BillingSpecifiedPeriod/EndDateTime`),
    ),
    rm(`${LSET}/BillingSpecifiedPeriod/EndDateTime`),
  ],
  ['BR-CO-21', reasons(DA), rm(`${DA}/Reason`)],
  ['BR-CO-22', reasons(DC), rm(`${DC}/ReasonCode`)],
  ['BR-CO-23', reasons(LA), rm(`${LA}/Reason`)],
  ['BR-CO-24', reasons(LC), rm(`${LC}/ReasonCode`)],
  [
    'BR-CO-26',
    seq(
      rm(`${SELLER}/GlobalID`),
      rm(`${SELLER}/SpecifiedLegalOrganization`),
      rm(`${SELLER}/SpecifiedTaxRegistration[1]`),
    ),
    seq(rm(`${SELLER}/GlobalID`), rm(`${SELLER}/SpecifiedLegalOrganization`)),
  ],
  ['BR-DEC-01', set(`${DA}/ActualAmount`, '150.001'), set(`${DA}/ActualAmount`, '150.00')],
  ['BR-DEC-02', set(`${DA}/BasisAmount`, '1500.001'), set(`${DA}/BasisAmount`, '1500.00')],
  ['BR-DEC-05', set(`${DC}/ActualAmount`, '150.001'), set(`${DC}/ActualAmount`, '150.00')],
  ['BR-DEC-06', set(`${DC}/BasisAmount`, '1500.001'), set(`${DC}/BasisAmount`, '1500.00')],
  [
    'BR-DEC-09',
    set(`${SUM}/LineTotalAmount`, '4000.000'),
    set(`${SUM}/LineTotalAmount`, '4000.00'),
  ],
  [
    'BR-DEC-10',
    set(`${SUM}/AllowanceTotalAmount`, '150.000'),
    set(`${SUM}/AllowanceTotalAmount`, '150.00'),
  ],
  [
    'BR-DEC-11',
    set(`${SUM}/ChargeTotalAmount`, '150.000'),
    set(`${SUM}/ChargeTotalAmount`, '150.00'),
  ],
  [
    'BR-DEC-12',
    set(`${SUM}/TaxBasisTotalAmount`, '4000.000'),
    set(`${SUM}/TaxBasisTotalAmount`, '4000.00'),
  ],
  [
    'BR-DEC-14',
    set(`${SUM}/GrandTotalAmount`, '4675.000'),
    set(`${SUM}/GrandTotalAmount`, '4675.00'),
  ],
  [
    'BR-DEC-16',
    set(`${SUM}/TotalPrepaidAmount`, '2337.500'),
    set(`${SUM}/TotalPrepaidAmount`, '2337.50'),
  ],
  [
    'BR-DEC-17',
    add(SUM, el('RoundingAmount', '0.000'), 'GrandTotalAmount'),
    add(SUM, el('RoundingAmount', '0.00'), 'GrandTotalAmount'),
  ],
  [
    'BR-DEC-18',
    set(`${SUM}/DuePayableAmount`, '2337.500'),
    set(`${SUM}/DuePayableAmount`, '2337.50'),
  ],
  ['BR-DEC-19', set(`${SUB1}/BasisAmount`, '1500.000'), set(`${SUB1}/BasisAmount`, '1500.00')],
  // With a tax currency, an amount in that currency with 3 decimals fails; without one, the
  // rule passes as soon as any tax total is in another currency (the tax currency one here).
  [
    'BR-DEC-15',
    set(`${SUM}/TaxTotalAmount[2]`, '628.621'),
    set(`${SUM}/TaxTotalAmount[2]`, '628.62'),
  ],
  [
    'BR-DEC-13',
    seq(
      rm(`${SUM}/TaxTotalAmount[2]`),
      rm(`${SET}/TaxCurrencyCode`),
      set(`${SUM}/TaxTotalAmount[1]`, '675.001'),
    ),
    set(`${SUM}/TaxTotalAmount[1]`, '675.001'),
  ],
  [
    'BR-DEC-20',
    set(`${SUB1}/CalculatedAmount`, '375.000'),
    set(`${SUB1}/CalculatedAmount`, '375.00'),
  ],
  [
    'BR-DEC-23',
    set(`${LSET}/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount`, '1000.000'),
    set(`${LSET}/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount`, '1000.00'),
  ],
  ['BR-DEC-24', set(`${LA}/ActualAmount`, '100.000'), set(`${LA}/ActualAmount`, '100.00')],
  ['BR-DEC-25', set(`${LA}/BasisAmount`, '1000.000'), set(`${LA}/BasisAmount`, '1000.00')],
  ['BR-DEC-27', set(`${LC}/ActualAmount`, '100.000'), set(`${LC}/ActualAmount`, '100.00')],
  ['BR-DEC-28', set(`${LC}/BasisAmount`, '1000.000'), set(`${LC}/BasisAmount`, '1000.00')],
  [
    'BR-IC-11',
    seq(toK(), rm(`${DEL}/ActualDeliverySupplyChainEvent`), rm(PERIOD)),
    seq(toK(), rm(`${DEL}/ActualDeliverySupplyChainEvent`)),
  ],
  ['BR-IC-12', seq(toK(), rm(`${DEL}/ShipToTradeParty/PostalTradeAddress/CountryID`)), toK()],
  [
    'BR-O-11',
    toO(SUB2),
    seq(
      set('//ApplicableTradeTax/CategoryCode', 'O', true),
      rmAny('//ApplicableTradeTax/RateApplicablePercent'),
    ),
  ],
  [
    'BR-O-12',
    toO(SUB2),
    seq(
      set('//ApplicableTradeTax/CategoryCode', 'O', true),
      rmAny('//ApplicableTradeTax/RateApplicablePercent'),
    ),
  ],
  [
    'BR-O-13',
    toO(SUB2),
    seq(
      toO(SUB2),
      set('//CategoryTradeTax/CategoryCode', 'O', true),
      rmAny('//CategoryTradeTax/RateApplicablePercent'),
    ),
  ],
  [
    'BR-O-14',
    toO(SUB2),
    seq(
      toO(SUB2),
      set('//CategoryTradeTax/CategoryCode', 'O', true),
      rmAny('//CategoryTradeTax/RateApplicablePercent'),
    ),
  ],
  // The official asserts select the VAT breakdown, the line VAT and the allowance/charge VAT
  // by TypeCode = VAT (upper-cased): a missing TypeCode or GST leaves BR-32/37 (allowance/
  // charge), BR-47/48 (breakdown) and BR-CO-04 (line) without a VAT category.
  ['BR-32', rm(`${DA}/CategoryTradeTax/TypeCode`), set(`${DA}/CategoryTradeTax/TypeCode`, 'vat')],
  ['BR-37', set(`${DC}/CategoryTradeTax/TypeCode`, 'GST')],
  ['BR-47', set(`${SUB1}/TypeCode`, 'GST')],
  ['BR-48', set(`${SUB1}/TypeCode`, 'GST')],
  ['BR-CO-04', set(`${LSET}/ApplicableTradeTax/TypeCode`, 'GST')],
  // A VAT category on a LINE allowance or charge (allowed by the schema, not an EN 16931
  // term) is seen by the official category asserts (-01/-03/-04/-06/-07, BR-O-13/14).
  ['BR-S-06', add(LA, categoryTradeTax('S', '0')), add(LA, categoryTradeTax('S', '25'))],
  ['BR-AE-01', add(LA, categoryTradeTax('AE', '0'))],
  ...CII_SYNTAX_SPECS,
];

function toK(): Mut {
  return seq(set(`${SLOTS.lineCat}/CategoryCode`, 'K'), set(`${SUB2}/CategoryCode`, 'K'));
}

function toO(sub: string): Mut {
  return seq(set(`${sub}/CategoryCode`, 'O'), rm(`${sub}/RateApplicablePercent`));
}

/** BR-S-01: no S breakdown at all while the lines stay S. */
const S01: Row = {
  id: 'BR-S-01',
  base: CII_BASE,
  // CII counts S uses and S breakdowns together and wants at least two: one S charge and no
  // S breakdown fails, one S charge and one S breakdown passes.
  fire: seq(
    set(`${SUB1}/CategoryCode`, 'Z'),
    set(`${SUB2}/CategoryCode`, 'Z'),
    set(`${DC}/CategoryTradeTax/CategoryCode`, 'Z'),
  ),
  near: seq(set(`${SUB1}/CategoryCode`, 'Z'), set(`${DC}/CategoryTradeTax/CategoryCode`, 'Z')),
};

/** Fatal CII rules whose official assert can never fail, with the reason read in the assert. */
export const CII_UNREACHABLE: Record<string, string> = {
  'BR-CO-05':
    'assert test is true() (document allowance reason code/reason consistency is not checked)',
  'BR-CO-06':
    'assert test is true() (document charge reason code/reason consistency is not checked)',
  'BR-CO-07':
    'assert test is true() (line allowance reason code/reason consistency is not checked)',
  'BR-CO-08': 'assert test is true() (line charge reason code/reason consistency is not checked)',
  'CII-DT-010':
    'its context (the document type code) is already matched by the //ram:TypeCode rule of CII-DT-008/009 earlier in the same pattern, so it is never evaluated',
  'CII-DT-011':
    'its context (the document type code) is already matched by the //ram:TypeCode rule of CII-DT-008/009 earlier in the same pattern, so it is never evaluated',
  'CII-DT-012':
    'its context (the document type code) is already matched by the //ram:TypeCode rule of CII-DT-008/009 earlier in the same pattern, so it is never evaluated',
  'BR-AF-08':
    'its rate is read as ../RateApplicablePercent from the breakdown, i.e. on the settlement, where it never is: "every $rate in ()" is always true',
  'BR-AG-08':
    'its rate is read as ../RateApplicablePercent from the breakdown, i.e. on the settlement, where it never is: "every $rate in ()" is always true',
  'BR-AF-09': 'assert test is true()',
  'BR-AG-09': 'assert test is true()',
};

export const CII_UNREACHABLE_PROBES: [id: string, mut: Mut, gap?: string][] = [
  ['BR-CO-05', set(`${DA}/ReasonCode`, '41')],
  ['BR-CO-06', set(`${DC}/ReasonCode`, 'AA')],
  ['BR-CO-07', set(`${LA}/ReasonCode`, '41')],
  ['BR-CO-08', set(`${LC}/ReasonCode`, 'AA')],
  ['CII-DT-010', attr(`${DOC}/TypeCode`, 'listID', 'UNCL1001')],
  ['CII-DT-011', attr(`${DOC}/TypeCode`, 'listAgencyID', '6')],
  ['CII-DT-012', attr(`${DOC}/TypeCode`, 'listVersionID', 'D16B')],
  ['BR-AF-08', seq(categoryMut(SLOTS, 'L'), set(`${SUB2}/BasisAmount`, '2600'))],
  ['BR-AG-08', seq(categoryMut(SLOTS, 'M'), set(`${SUB2}/BasisAmount`, '2600'))],
  ['BR-AF-09', seq(categoryMut(SLOTS, 'L'), set(`${SUB2}/CalculatedAmount`, '999'))],
  ['BR-AG-09', seq(categoryMut(SLOTS, 'M'), set(`${SUB2}/CalculatedAmount`, '999'))],
];

/** A line whose tax is not VAT is outside BR-S-05's context. */
const S05_NOT_VAT: Row = {
  id: 'BR-S-05',
  base: CII_BASE,
  fire: set(`${LSET}/ApplicableTradeTax/RateApplicablePercent`, '0'),
  near: seq(
    set(`${LSET}/ApplicableTradeTax/TypeCode`, 'GST'),
    set(`${LSET}/ApplicableTradeTax/RateApplicablePercent`, '0'),
  ),
};

export const CII_ROWS: Row[] = [
  ...SPECS.map(([id, fire, near, gap]) => ({
    id,
    base: CII_BASE,
    fire,
    near: near ?? none,
    ...(gap ? { gap } : {}),
  })),
  ...FAMILIES.flatMap(([prefix, code]) =>
    categoryRows(SLOTS, code, prefix)
      .filter((r) => !(r.id in CII_UNREACHABLE))
      .map((r) => (r.id === 'BR-S-01' ? S01 : r)),
  ),
  S05_NOT_VAT,
];
