/**
 * The base of the negative CII cases, the official CII_example5 (payee, tax representative,
 * ship-to, document and line allowances and charges, two S breakdowns, a tax currency,
 * attachments, invoice period): paths into it, its category slot, and the small XML builders
 * and mutations the case tables share.
 */
import { rm, seq, type Mut } from './mutate.js';
import { type Slots } from './categories.js';

export const CII_BASE = 'cii/examples/CII_example5.xml';

export const T = 'SupplyChainTradeTransaction';
export const DOC = 'ExchangedDocument';
export const GUIDE = 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter';
const AGR = `${T}/ApplicableHeaderTradeAgreement`;
export const DEL = `${T}/ApplicableHeaderTradeDelivery`;
export const SET = `${T}/ApplicableHeaderTradeSettlement`;
export const SUM = `${SET}/SpecifiedTradeSettlementHeaderMonetarySummation`;
export const SELLER = `${AGR}/SellerTradeParty`;
export const BUYER = `${AGR}/BuyerTradeParty`;
export const REP = `${AGR}/SellerTaxRepresentativeTradeParty`;
export const CONTRACT = `${AGR}/ContractReferencedDocument`;
export const ADR1 = `${AGR}/AdditionalReferencedDocument[1]`;
export const ADR916 = `${AGR}/AdditionalReferencedDocument[3]`;
const LINE = (n: number): string => `${T}/IncludedSupplyChainTradeLineItem[${n}]`;
export const L1 = LINE(1);
export const PROD = `${L1}/SpecifiedTradeProduct`;
export const LAGR = `${L1}/SpecifiedLineTradeAgreement`;
export const QTY = `${L1}/SpecifiedLineTradeDelivery/BilledQuantity`;
export const LSET = `${L1}/SpecifiedLineTradeSettlement`;
export const LADR130 = `${LSET}/AdditionalReferencedDocument`;
export const LA = `${LSET}/SpecifiedTradeAllowanceCharge[ChargeIndicator=false]`;
export const LC = `${LSET}/SpecifiedTradeAllowanceCharge[ChargeIndicator=true]`;
export const DA = `${SET}/SpecifiedTradeAllowanceCharge[ChargeIndicator=false]`;
export const DC = `${SET}/SpecifiedTradeAllowanceCharge[ChargeIndicator=true]`;
export const SUB1 = `${SET}/ApplicableTradeTax[1]`;
export const SUB2 = `${SET}/ApplicableTradeTax[2]`;
export const PM1 = `${SET}/SpecifiedTradeSettlementPaymentMeans[1]`;
export const PM2 = `${SET}/SpecifiedTradeSettlementPaymentMeans[2]`;
export const ACCOUNT = `${PM1}/PayeePartyCreditorFinancialAccount`;
export const PERIOD = `${SET}/BillingSpecifiedPeriod`;
export const ADDR = `${SELLER}/PostalTradeAddress`;

/** [id, firing mutation, near miss (default: the base), gap: what the official assert says
 * when our rule does not fire — such a case runs as `it.fails`]. */
export type Spec = [id: string, fire: Mut, near?: Mut, gap?: string];

const rmSellerVat = seq(
  rm(`${SELLER}/SpecifiedTaxRegistration`, true),
  rm(`${REP}/SpecifiedTaxRegistration`),
);
const rmAllVat = seq(rmSellerVat, rm(`${BUYER}/SpecifiedTaxRegistration`));

/** Line 3 (S 12 %, 2500) and the 12 % breakdown (2500, tax 300) are the category slot. */
export const SLOTS: Slots = {
  base: CII_BASE,
  lineCat: `${LINE(3)}/SpecifiedLineTradeSettlement/ApplicableTradeTax`,
  subCat: SUB2,
  sub: SUB2,
  subTaxable: `${SUB2}/BasisAmount`,
  subTax: `${SUB2}/CalculatedAmount`,
  taxable: '2500',
  rateTax: '300',
  rate: '12',
  allowCat: `${DA}/CategoryTradeTax`,
  chargeCat: `${DC}/CategoryTradeTax`,
  code: 'CategoryCode',
  pct: 'RateApplicablePercent',
  reasonCode: 'ExemptionReasonCode',
  reason: 'ExemptionReason',
  pctXml: '<ram:RateApplicablePercent>0</ram:RateApplicablePercent>',
  reasonXml: '<ram:ExemptionReason>Exempt</ram:ExemptionReason>',
  rmSellerVat,
  rmAllVat,
  tolerant08: new Set(['Z', 'E', 'AE', 'K', 'G']),
};

export const el = (name: string, text = 'x'): string => `<ram:${name}>${text}</ram:${name}>`;
export const indicator = (name: string): string =>
  `<ram:${name}><udt:Indicator>true</udt:Indicator></ram:${name}>`;
export const dateTime = (name: string, d: string): string =>
  `<ram:${name}><udt:DateTimeString format="102">${d}</udt:DateTimeString></ram:${name}>`;
export const reasons = (ac: string): Mut => seq(rm(`${ac}/ReasonCode`), rm(`${ac}/Reason`));
export const CLASS = (listID: string | null): string =>
  `<ram:DesignatedProductClassification><ram:ClassCode${listID === null ? '' : ` listID="${listID}"`}>12345</ram:ClassCode></ram:DesignatedProductClassification>`;
export const categoryTradeTax = (code: string, rate: string): string =>
  `<ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${code}</ram:CategoryCode><ram:RateApplicablePercent>${rate}</ram:RateApplicablePercent></ram:CategoryTradeTax>`;
export const CARD = (id: string): string =>
  `<ram:ApplicableTradeSettlementFinancialCard><ram:ID>${id}</ram:ID></ram:ApplicableTradeSettlementFinancialCard>`;
