/**
 * Code list rules (BR-CL-*) on the semantic model: every coded business term the model carries.
 *
 * For a document read from XML only BT-3, BT-5 and BT-6 are checked here (BR-CL-01, -04, -05:
 * their official context is one header element that the model carries one for one). Every
 * other rule's official context also reaches elements the model does not keep (line invoice
 * periods, extra parties and addresses, price allowances, repeated payment means, tax
 * categories outside the VAT scheme…), so for a read document tree.ts checks it on the XML,
 * each occurrence once, and the model check stands down to avoid a double report. A keyed-in model (no syntax)
 * gets every check below. Where the two syntaxes accept different lists, a keyed-in model is
 * judged by the CII list (it becomes Factur-X, and its flags are the CII ones too), except the
 * VAT point date code, which a form may give in either coding (UNTDID 2005 or 2475).
 *
 * A value that is present but empty ('') is a wrong code, as in the official rules; an absent
 * value (undefined) is not checked.
 */
import type { ModelRuleSet, Reporter } from '../engine.js';
import type {
  AllowanceCharge,
  Identifier,
  Invoice,
  InvoiceLine,
  Located,
  PostalAddress,
} from '../../model/types.js';
import { codeSet, inList, inListUpper, type ListName } from './sets.js';

type Check = (
  id: string,
  list: ListName,
  at: Located | undefined,
  field: string,
  v?: string,
) => void;

/** BR-CL-01 list for the document: UBL splits invoice and credit note type codes. */
function typeCodeList(inv: Invoice): ListName {
  if (inv.syntax !== 'UBL') return 'INVOICE_TYPES_CII';
  const el = inv.$at?.typeCode;
  const creditNote = el ? el.local === 'CreditNoteTypeCode' : inv.ublDocument === 'CreditNote';
  return creditNote ? 'INVOICE_TYPES_UBL_CREDIT_NOTE' : 'INVOICE_TYPES_UBL_INVOICE';
}

export const checkCodeListsModel: ModelRuleSet = (inv, r) => {
  const onlyHeader = inv.syntax !== undefined;
  const check: Check = (id, list, at, field, v) => {
    if (v === undefined || !at) return;
    if (!inList(codeSet(list), v)) r.fire(id, at, field, { code: v });
  };

  check('BR-CL-01', typeCodeList(inv), inv, 'typeCode', inv.typeCode);
  check('BR-CL-04', 'CURRENCIES', inv, 'currencyCode', inv.currencyCode);
  check('BR-CL-05', 'CURRENCIES', inv, 'vatAccountingCurrencyCode', inv.vatAccountingCurrencyCode);
  // A read document gets every other rule on the tree (tree.ts).
  if (onlyHeader) return;
  checkKeyedIn(inv, r, check);
};

/** Every other coded term, for a keyed-in model. */
function checkKeyedIn(inv: Invoice, r: Reporter, check: Check): void {
  const v8 = inv.vatPointDateCode;
  if (
    v8 !== undefined &&
    !inList(codeSet('VAT_POINT_UBL'), v8) &&
    !inList(codeSet('VAT_POINT_CII'), v8)
  ) {
    r.fire('BR-CL-06', inv, 'vatPointDateCode', { code: v8 });
  }

  const scheme = (id: string, list: ListName, x: Identifier | undefined): void =>
    check(id, list, x, 'scheme', x?.scheme);
  const country = (a: PostalAddress | undefined): void =>
    check('BR-CL-14', 'COUNTRIES_CII', a, 'countryCode', a?.countryCode);
  /** BR-CL-10 also accepts 'SEPA' for the seller's and the payee's identifiers. */
  const partyId = (x: Identifier, sepaAllowed: boolean): void => {
    if (x.scheme === undefined) return;
    if (sepaAllowed && inList(SEPA, x.scheme)) return;
    scheme('BR-CL-10', 'ICD', x);
  };

  scheme('BR-CL-07', 'REFERENCE_QUALIFIERS', inv.invoicedObjectId);
  for (const n of inv.notes)
    check('BR-CL-08', 'NOTE_SUBJECTS_CII', n, 'subjectCode', n.subjectCode);

  const { seller, buyer, payee, delivery } = inv;
  if (seller) {
    for (const x of seller.identifiers) partyId(x, true);
    scheme('BR-CL-11', 'ICD', seller.legalRegistration);
    scheme('BR-CL-25', 'EAS', seller.electronicAddress);
    country(seller.address);
  }
  if (buyer) {
    if (buyer.identifier) partyId(buyer.identifier, false);
    scheme('BR-CL-11', 'ICD', buyer.legalRegistration);
    scheme('BR-CL-25', 'EAS', buyer.electronicAddress);
    country(buyer.address);
  }
  if (payee) {
    if (payee.identifier) partyId(payee.identifier, true);
    scheme('BR-CL-11', 'ICD', payee.legalRegistration);
  }
  country(inv.taxRepresentative?.address);
  if (delivery) {
    country(delivery.address);
    scheme('BR-CL-26', 'ICD', delivery.locationId);
  }

  const pi = inv.paymentInstructions;
  check('BR-CL-16', 'PAYMENT_MEANS', pi, 'meansCode', pi?.meansCode);

  const allowanceCharges = (list: AllowanceCharge[], charge: boolean, withVat: boolean): void => {
    for (const ac of list) {
      if (withVat) check('BR-CL-17', 'VAT_CATEGORIES', ac, 'vatCategoryCode', ac.vatCategoryCode);
      if (charge) check('BR-CL-20', 'CHARGE_REASONS', ac, 'reasonCode', ac.reasonCode);
      else check('BR-CL-19', 'ALLOWANCE_REASONS', ac, 'reasonCode', ac.reasonCode);
    }
  };
  allowanceCharges(inv.allowances, false, true);
  allowanceCharges(inv.charges, true, true);

  for (const b of inv.vatBreakdowns) {
    check('BR-CL-17', 'VAT_CATEGORIES', b, 'categoryCode', b.categoryCode);
    const code = b.exemptionReasonCode;
    if (code !== undefined && !inListUpper(codeSet('VATEX'), code)) {
      r.fire('BR-CL-22', b, 'exemptionReasonCode', { code });
    }
  }

  for (const d of inv.additionalDocuments) {
    const mime = d.attachment?.mimeCode;
    // Compared exactly as written, like the official rule (no trimming).
    if (mime !== undefined && !codeSet('MIME_CODES').has(mime)) {
      r.fire('BR-CL-24', d, 'mimeCode', { code: mime });
    }
  }

  // Lines, then their sub-lines, in document order.
  const line = (l: InvoiceLine): void => {
    scheme('BR-CL-07', 'REFERENCE_QUALIFIERS', l.objectId);
    check('BR-CL-23', 'UNITS', l, 'unitCode', l.unitCode);
    check('BR-CL-23', 'UNITS', l.price, 'baseQuantityUnitCode', l.price?.baseQuantityUnitCode);
    check('BR-CL-18', 'VAT_CATEGORIES', l, 'vatCategoryCode', l.vatCategoryCode);
    allowanceCharges(l.allowances, false, false);
    allowanceCharges(l.charges, true, false);
    const item = l.item;
    if (item) {
      scheme('BR-CL-21', 'ICD', item.standardId);
      for (const c of item.classifications) scheme('BR-CL-13', 'ITEM_CLASSIFICATIONS', c);
      check('BR-CL-15', 'COUNTRIES_CII', item, 'originCountry', item.originCountry);
    }
    if (l.subLines) for (const s of l.subLines) line(s);
  };
  for (const l of inv.lines) line(l);
}

const SEPA: ReadonlySet<string> = new Set(['SEPA']);
