/**
 * The base of the negative UBL cases, the official PEPPOL "maximum content" invoice (every
 * optional group present: payee, tax representative, delivery, document and line allowances
 * and charges, S and E breakdowns, a tax currency): paths into it, its category slot, and the
 * small XML builders and mutations the case tables share.
 */
import { rm, rmAny, seq, set, type Mut } from './mutate.js';
import { type Slots } from './categories.js';

export const UBL_MAX = 'test/testfiles/Invoice-Max_content.xml';

export const SUP = 'AccountingSupplierParty/Party';
export const CUS = 'AccountingCustomerParty/Party';
export const REP = 'TaxRepresentativeParty';
export const LMT = 'LegalMonetaryTotal';
export const L1 = 'InvoiceLine[1]';
export const DA = 'AllowanceCharge[ChargeIndicator=false]';
export const DC = 'AllowanceCharge[ChargeIndicator=true]';
export const LA = `${L1}/AllowanceCharge[ChargeIndicator=false]`;
export const LC = `${L1}/AllowanceCharge[ChargeIndicator=true]`;
export const ST1 = 'TaxTotal[1]/TaxSubtotal[1]';
export const ST2 = 'TaxTotal[1]/TaxSubtotal[2]';
export const ADR130 = 'AdditionalDocumentReference[1]';
export const ATTACH = 'AdditionalDocumentReference[3]/Attachment/EmbeddedDocumentBinaryObject';

/** [id, firing mutation, near miss (default: the base), gap: what the official assert says
 * when our rule does not fire — such a case runs as `it.fails`]. */
export type Spec = [id: string, fire: Mut, near?: Mut, gap?: string];

export const CARD =
  '<cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount>';

export const taxCategory = (id: string, percent: string): string =>
  `<cac:TaxCategory><cbc:ID>${id}</cbc:ID><cbc:Percent>${percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>`;
const rmSellerVat = seq(rm(`${SUP}/PartyTaxScheme`, true), rm(`${REP}/PartyTaxScheme`));
const rmAllVat = seq(rmSellerVat, rm(`${CUS}/PartyTaxScheme`));

/** Line 2 (E, 0 %, amount 0) and the E breakdown are the slot turned into each category. */
export const SLOTS: Slots = {
  base: UBL_MAX,
  lineCat: 'InvoiceLine[2]/Item/ClassifiedTaxCategory',
  subCat: `${ST2}/TaxCategory`,
  sub: ST2,
  subTaxable: `${ST2}/TaxableAmount`,
  subTax: `${ST2}/TaxAmount`,
  taxable: '0',
  rateTax: '0',
  rate: '10',
  allowCat: `${DA}/TaxCategory`,
  chargeCat: `${DC}/TaxCategory`,
  code: 'ID',
  pct: 'Percent',
  reasonCode: 'TaxExemptionReasonCode',
  reason: 'TaxExemptionReason',
  pctXml: '<cbc:Percent>0</cbc:Percent>',
  reasonXml: '<cbc:TaxExemptionReason>Exempt</cbc:TaxExemptionReason>',
  rmSellerVat,
  rmAllVat,
  tolerant08: new Set(['S', 'L', 'M']),
};

export const toO = (cat: string): Mut => seq(set(`${cat}/ID`, 'O'), rmAny(`${cat}/Percent`));
