/**
 * Core business rules of EN 16931 on the semantic model: BR-01 … BR-65 (mandatory terms,
 * conditional presence, periods, payment, references) and BR-B-01/BR-B-02 (Italian split
 * payment).
 *
 * Each check mirrors the official assert of the syntax the invoice was read from: where UBL
 * and CII differ in a way the model can see (an element that merely has to exist in one
 * syntax but has to hold non-blank text in the other, a context that is the group in one and
 * the whole document in the other), the check branches on `invoice.syntax`. A model without a
 * syntax (keyed in) takes the CII reading, as the catalogue does for flags; where the official
 * assert only runs inside a group that the XML schema makes mandatory (BG-22), a keyed-in
 * model without that group is checked as if the group were empty, since no schema stands
 * behind it.
 *
 * "Blank" below is what normalize-space() makes empty: absent, empty or XML whitespace only.
 * One pass over the lines, no allocation per line beyond what fire() needs.
 */
import type { ModelRuleSet, Reporter } from '../engine.js';
import type {
  AllowanceCharge,
  Identifier,
  Invoice,
  InvoiceLine,
  Located,
  Period,
  PostalAddress,
} from '../../model/types.js';
import { isDec } from '../../model/decimal.js';
import { paymentMeansOf, type Syntax } from '../../model/types.js';
import { ciiCategoryRuleTakes, underVat } from './vat-source.js';
import { ramAnywhere } from './cii-anywhere.js';
import { ublAnywhere } from './ubl-anywhere.js';
import { xsDouble } from './xs-double.js';
import type { XmlElement } from '../../xml/types.js';
import { xmlTrim } from '../codelists/sets.js';
import { NS } from '../../xml/ns.js';
import { child } from '../../xml/query.js';

/** XML whitespace (the only characters normalize-space() removes). */
function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** normalize-space(s) = '': absent, empty or whitespace only. */
export function blank(s: string | undefined): boolean {
  if (s === undefined) return true;
  for (let i = 0; i < s.length; i++) if (!isXmlSpace(s.charCodeAt(i))) return false;
  return true;
}

/** string-length(normalize-space(s)): characters (code points) once runs of spaces collapse. */
export function normalizedLength(s: string): number {
  let n = 0;
  let pendingSpace = false;
  for (const ch of s) {
    if (isXmlSpace(ch.charCodeAt(0))) {
      pendingSpace = n > 0;
    } else {
      if (pendingSpace) n++;
      pendingSpace = false;
      n++;
    }
  }
  return n;
}

/** A valid ISO date as the readers give one ('YYYY-MM-DD'); only these are compared. */
function isIsoDate(s: string | undefined): s is string {
  return s !== undefined && s.length === 10 && s[4] === '-' && s[7] === '-';
}

/**
 * A CII date as the official CII asserts see it: only a DateTimeString with format="102"
 * counts, by its text as written. Null when the element read has another format (or none);
 * a keyed-in model has no location and its value is taken as is.
 */
function cii102(group: Located, field: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const el = group.$at?.[field];
  if (!el) return value;
  // The official paths name `udt:DateTimeString`: a qdt one (which the reader takes, as
  // preceding invoices' dates are written so) is no date for these rules.
  if (el.ns !== NS.udt || el.local !== 'DateTimeString') return null;
  for (const a of el.attributes) {
    if (a.local === 'format' && a.ns === '') return a.value === '102' ? el.text : null;
  }
  return null;
}

/**
 * BR-29/BR-30: a period with both dates must not end before it starts.
 * UBL casts both to xs:date; dates that are not valid there are left to the date format
 * rules (the official cast cannot compare them either), so only ISO dates are compared.
 * CII compares the format-102 texts as strings and fails when either date is not in
 * format 102.
 */
function endsBeforeStart(p: Period, ubl: boolean): boolean {
  if (!ubl && p.$src) {
    // CII tests `not(ram:EndDateTime) or not(ram:StartDateTime)`: the elements, not their
    // dates. One present without a DateTimeString compares nothing, which fails.
    const start = child(p.$src, NS.ram, 'StartDateTime');
    const end = child(p.$src, NS.ram, 'EndDateTime');
    if (!start || !end) return false;
    if (p.startDate === undefined || p.endDate === undefined) return true;
  }
  if (p.startDate === undefined || p.endDate === undefined) return false;
  if (ubl) return isIsoDate(p.startDate) && isIsoDate(p.endDate) && p.endDate < p.startDate;
  const start = cii102(p, 'startDate', p.startDate);
  const end = cii102(p, 'endDate', p.endDate);
  return start === null || end === null || end < start;
}

/**
 * `(x) >= 0` fails, as XPath reads it: absent, not a number, or below zero. Decided on the
 * lexical form (a sign check) rather than with big.js: it runs on every line. A negative
 * zero ('-0.00') is zero.
 */
function notNonNegative(v: string | undefined): boolean {
  if (v === undefined) return true;
  // The official test compares the untyped text with 0, which casts it to xs:double: an
  // exponent ('1E3') or INF passes where xs:decimal would not; NaN fails.
  if (!isDec(v)) return !((xsDouble(v) ?? NaN) >= 0);
  const t = v.trim();
  if (t.charCodeAt(0) !== 0x2d) return false;
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 0x30 && c !== 0x2e) return true;
  }
  return false;
}

/**
 * Absence of a term the model types as a required string (BT-25, BT-160, BT-161): the readers
 * give '' for an absent element and record no `$at` location for it, whereas an element
 * present but empty is '' with a location. A keyed-in model has no locations: '' is absent.
 */
function absent(group: Located, field: string, value: string | undefined): boolean {
  if (value === undefined) return true;
  return value === '' && group.$at?.[field] === undefined;
}

function sameValue(a: Identifier | undefined, values: readonly (Identifier | undefined)[]) {
  if (a === undefined) return false;
  for (const b of values) if (b !== undefined && b.value === a.value) return true;
  return false;
}

/**
 * BR-09/11/20: country code of an address. UBL's context is the address (nothing to check
 * without one); CII's is the document or the party, so an absent address also lacks it.
 */
function checkCountry(
  id: string,
  ubl: boolean,
  address: PostalAddress | undefined,
  holder: object | undefined,
  r: Reporter,
): void {
  if (address) {
    if (blank(address.countryCode)) r.fire(id, address, 'countryCode');
  } else if (!ubl) {
    r.fire(id, holder, 'address');
  }
}

/** BR-31…BR-38 (document level) and BR-41…BR-44 (line level). */
function checkAllowanceCharges(
  list: readonly AllowanceCharge[],
  amountRule: string,
  categoryRule: string | null,
  reasonRule: string,
  r: Reporter,
  syntax?: Syntax,
): void {
  for (const ac of list) {
    if (ac.amount === undefined) r.fire(amountRule, ac, 'amount');
    // CII: only a category of type VAT counts.
    if (categoryRule && (ac.vatCategoryCode === undefined || !underVat(ac, syntax)))
      r.fire(categoryRule, ac, 'vatCategoryCode');
    if (ac.reason === undefined && ac.reasonCode === undefined) r.fire(reasonRule, ac, 'reason');
  }
}

/**
 * Line rules. `top` is false for sub-lines: the UBL asserts name cac:InvoiceLine (or
 * cac:CreditNoteLine) as the parent, which a cac:SubInvoiceLine is not, except BR-29 (any
 * cac:InvoicePeriod) and BR-54 (any item property); CII's `//` contexts reach every line.
 */
function checkLine(line: InvoiceLine, top: boolean, ubl: boolean, r: Reporter): void {
  const full = top || !ubl;
  if (full) {
    if (blank(line.id)) r.fire('BR-21', line, 'id');
    if (line.quantity === undefined) r.fire('BR-22', line, 'quantity');
    if (line.unitCode === undefined) r.fire('BR-23', line, 'unitCode');
    if (line.netAmount === undefined) r.fire('BR-24', line, 'netAmount');
    if (blank(line.item?.name)) r.fire('BR-25', line.item ?? line, 'name');
    const price = line.price;
    if (price?.netPrice === undefined) r.fire('BR-26', price ?? line, 'netPrice');
    if (notNonNegative(price?.netPrice)) r.fire('BR-27', price ?? line, 'netPrice');
    if (price?.grossPrice !== undefined && notNonNegative(price.grossPrice))
      r.fire('BR-28', price, 'grossPrice');
    checkAllowanceCharges(line.allowances, 'BR-41', null, 'BR-42', r);
    checkAllowanceCharges(line.charges, 'BR-43', null, 'BR-44', r);
  }
  const period = line.period;
  if (period && endsBeforeStart(period, ubl)) {
    // UBL's BR-29 context (any cac:InvoicePeriod) matches a sub-line's period; a line's is
    // taken by BR-30's context, first in the same Schematron pattern (one rule per node).
    if (ubl && !top) r.fire('BR-29', period, 'endDate');
    if (full) r.fire('BR-30', period, 'endDate');
  }
  const item = line.item;
  if (item) {
    for (const attr of item.attributes) {
      if (absent(attr, 'name', attr.name)) r.fire('BR-54', attr, 'name');
      else if (absent(attr, 'value', attr.value)) r.fire('BR-54', attr, 'value');
    }
    if (full) {
      const std = item.standardId;
      if (std && (ubl ? std.scheme === undefined : blank(std.scheme)))
        r.fire('BR-64', std, 'scheme');
      for (const c of item.classifications) {
        if (ubl ? c.scheme === undefined : blank(c.scheme)) r.fire('BR-65', c, 'scheme');
      }
    }
  }
  if (line.subLines) for (const sub of line.subLines) checkLine(sub, false, ubl, r);
}

/** VAT category codes used anywhere, for BR-B-01/BR-B-02 (exact comparison, as official). */
function scanCategories(lines: readonly InvoiceLine[], acc: { b: boolean; s: boolean }): void {
  for (const line of lines) {
    if (line.vatCategoryCode === 'B') acc.b = true;
    else if (line.vatCategoryCode === 'S') acc.s = true;
    if (line.subLines) scanCategories(line.subLines, acc);
  }
}

/** Any origin country (UBL cbc:IdentificationCode under an item) other than 'IT'. */
function nonItalianOrigin(lines: readonly InvoiceLine[]): boolean {
  for (const line of lines) {
    const c = line.item?.originCountry;
    if (c !== undefined && c !== 'IT') return true;
    if (line.subLines && nonItalianOrigin(line.subLines)) return true;
  }
  return false;
}

/** BR-B-01/BR-B-02: split payment (category B) is Italian only and excludes category S. */
function checkSplitPayment(invoice: Invoice, ubl: boolean, r: Reporter): void {
  const acc = { b: false, s: false };
  for (const v of invoice.vatBreakdowns) {
    if (v.categoryCode === 'B') acc.b = true;
    else if (v.categoryCode === 'S') acc.s = true;
  }
  for (const list of [invoice.allowances, invoice.charges]) {
    for (const ac of list) {
      if (ac.vatCategoryCode === 'B') acc.b = true;
      else if (ac.vatCategoryCode === 'S') acc.s = true;
    }
  }
  scanCategories(invoice.lines, acc);
  if (!acc.b) return;
  // Every country code of the document must be 'IT': the addresses, and in UBL (where an
  // item's origin country is also a cbc:IdentificationCode) the origin countries too.
  const addresses = [
    invoice.seller?.address,
    invoice.buyer?.address,
    invoice.taxRepresentative?.address,
    invoice.delivery?.address,
  ];
  let foreign = addresses.some((a) => a?.countryCode !== undefined && a.countryCode !== 'IT');
  if (!foreign && ubl) foreign = nonItalianOrigin(invoice.lines);
  if (foreign) r.fire('BR-B-01', invoice, 'vatBreakdowns');
  if (acc.s) r.fire('BR-B-02', invoice, 'vatBreakdowns');
}

export const checkCore: ModelRuleSet = (invoice, r) => {
  const ubl = invoice.syntax === 'UBL';
  const keyedIn = invoice.syntax === undefined;

  // BR-01…BR-07: mandatory document terms, non-blank in both syntaxes.
  if (blank(invoice.specificationId)) r.fire('BR-01', invoice, 'specificationId');
  if (blank(invoice.id)) r.fire('BR-02', invoice, 'id');
  // CII only counts an issue date written in format 102.
  if (ubl ? blank(invoice.issueDate) : blank(cii102(invoice, 'issueDate', invoice.issueDate) ?? ''))
    r.fire('BR-03', invoice, 'issueDate');
  if (blank(invoice.typeCode)) r.fire('BR-04', invoice, 'typeCode');
  if (blank(invoice.currencyCode)) r.fire('BR-05', invoice, 'currencyCode');
  const seller = invoice.seller;
  const buyer = invoice.buyer;
  if (blank(seller?.name)) r.fire('BR-06', seller ?? invoice, 'name');
  if (blank(buyer?.name)) r.fire('BR-07', buyer ?? invoice, 'name');

  // BR-08…BR-11: postal addresses and their country.
  if (!seller?.address) r.fire('BR-08', seller ?? invoice, 'address');
  checkCountry('BR-09', ubl, seller?.address, seller ?? invoice, r);
  if (!buyer?.address) r.fire('BR-10', buyer ?? invoice, 'address');
  checkCountry('BR-11', ubl, buyer?.address, buyer ?? invoice, r);

  // BR-12…BR-15: totals that must exist (any text) within BG-22. In UBL the group is
  // cac:LegalMonetaryTotal; the reader also builds BG-22 (without a source element) when
  // only a VAT total was found, and then the official asserts have nothing to run on.
  const totals = invoice.totals ?? (keyedIn ? {} : undefined);
  const noMonetaryTotal = ubl && invoice.$src !== undefined && totals?.$src === undefined;
  if (totals && !noMonetaryTotal) {
    const at = invoice.totals ?? invoice;
    if (totals.lineNetTotal === undefined) r.fire('BR-12', at, 'lineNetTotal');
    if (totals.taxExclusiveAmount === undefined) r.fire('BR-13', at, 'taxExclusiveAmount');
    if (totals.taxInclusiveAmount === undefined) r.fire('BR-14', at, 'taxInclusiveAmount');
    if (totals.payableAmount === undefined) r.fire('BR-15', at, 'payableAmount');
  }

  // BR-16: at least one line. CII asks `//ram:IncludedSupplyChainTradeLineItem`: a line under
  // a transaction written in another namespace counts, though no line rule sees it.
  const anyLine = ramAnywhere(invoice, 'IncludedSupplyChainTradeLineItem');
  if ((anyLine ?? invoice.lines).length === 0) r.fire('BR-16', invoice, 'lines');

  // BR-17: a payee has a name and is not the seller. UBL compares the payee's name with the
  // seller's trading name (both cac:PartyName/cbc:Name) and the party identifiers; CII
  // compares with the seller's name, identifiers and legal registration identifier.
  const payee = invoice.payee;
  if (payee) {
    let bad = payee.name === undefined;
    if (!bad) {
      const sellerName = ubl ? seller?.tradingName : seller?.name;
      bad =
        (sellerName !== undefined && payee.name === sellerName) ||
        sameValue(payee.identifier, seller?.identifiers ?? []) ||
        (!ubl && sameValue(payee.legalRegistration, [seller?.legalRegistration]));
    }
    if (bad) r.fire('BR-17', payee, 'name');
  }

  // BR-18…BR-20, BR-56: seller's tax representative.
  const rep = invoice.taxRepresentative;
  if (rep) {
    if (blank(rep.name)) r.fire('BR-18', rep, 'name');
    if (!rep.address) r.fire('BR-19', rep, 'address');
    checkCountry('BR-20', ubl, rep.address, rep, r);
    if (ubl ? rep.vatId === undefined : blank(rep.vatId)) r.fire('BR-56', rep, 'vatId');
  }

  // BR-21…BR-30 (line part), BR-41…BR-44, BR-54, BR-64, BR-65: lines.
  for (const line of invoice.lines) checkLine(line, true, ubl, r);

  // BR-29: invoicing period.
  const period = invoice.invoicingPeriod;
  if (period && endsBeforeStart(period, ubl)) r.fire('BR-29', period, 'endDate');

  // BR-31…BR-38: document allowances and charges.
  checkAllowanceCharges(invoice.allowances, 'BR-31', 'BR-32', 'BR-33', r, invoice.syntax);
  checkAllowanceCharges(invoice.charges, 'BR-36', 'BR-37', 'BR-38', r, invoice.syntax);

  // BR-45…BR-48: VAT breakdown. 'O' (not subject to VAT) needs no rate; UBL trims the code.
  // CII: a breakdown whose TypeCode is not VAT has no VAT category nor rate.
  for (const v of invoice.vatBreakdowns) {
    if (ciiCategoryRuleTakes(v, invoice.syntax)) continue;
    if (v.taxableAmount === undefined) r.fire('BR-45', v, 'taxableAmount');
    if (v.taxAmount === undefined) r.fire('BR-46', v, 'taxAmount');
    const vat = underVat(v, invoice.syntax);
    if (v.categoryCode === undefined || !vat) r.fire('BR-47', v, 'categoryCode');
    const code = ubl && v.categoryCode !== undefined ? xmlTrim(v.categoryCode) : v.categoryCode;
    if (!vat || (v.rate === undefined && code !== 'O')) r.fire('BR-48', v, 'rate');
  }

  // BR-49…BR-51, BR-61: payment instructions, judged per payment means element (each with
  // its own code and accounts) as the official contexts are.
  const pay = invoice.paymentInstructions;
  if (pay) {
    // Without the means as read, BT-81 on BG-16 stands for the (first) one. BR-49's context
    // is a payment means element: BG-16 read from a document without one (only a remittance
    // reference, BT-83, or a direct debit's mandate) has nothing for it to judge.
    const meansRead = invoice.$src === undefined || /PaymentMeans$/.test(pay.$src?.local ?? '');
    if (!pay.means && pay.meansCode === undefined && meansRead) r.fire('BR-49', pay, 'meansCode');
    for (const m of paymentMeansOf(pay)) {
      if (pay.means && m.code === undefined) r.fire('BR-49', m, 'code');
      // BR-50 (and BR-61 in CII) select on the exact code; BR-61 in UBL trims it.
      if (m.code === '30' || m.code === '58') {
        for (const ct of m.creditTransfers) {
          if (blank(ct.accountId)) r.fire('BR-50', ct, 'accountId');
          // CII: an account element holding neither an IBAN nor a proprietary identifier.
          if (!ubl && ct.accountId === undefined) r.fire('BR-61', ct, 'accountId');
        }
      }
      const trimmed = m.code === undefined ? undefined : xmlTrim(m.code);
      if (ubl && (trimmed === '30' || trimmed === '58')) {
        // UBL: the means' own account (at most one) must have an identifier.
        if (!m.creditTransfers.some((ct) => ct.accountId !== undefined)) {
          const account = m.creditTransfers[0];
          if (pay.means) r.fire('BR-61', m, 'code');
          else if (account) r.fire('BR-61', account, 'accountId');
          else r.fire('BR-61', pay, 'meansCode');
        }
      }
    }
    const pan = pay.card?.primaryAccountNumber;
    if (pan !== undefined && normalizedLength(pan) > 10)
      r.fire('BR-51', pay.card, 'primaryAccountNumber');
  }

  // BR-52: every additional document reference has an identifier. Besides BG-24, the
  // invoiced object (BT-18) is such a reference in both syntaxes; in CII the tender or lot
  // (BT-17) and the line's object identifier (BT-128) are too.
  for (const d of invoice.additionalDocuments) if (blank(d.id)) r.fire('BR-52', d, 'id');
  const obj = invoice.invoicedObjectId;
  if (obj && blank(obj.value)) r.fire('BR-52', obj, 'value');
  if (ubl) {
    // The official context is every cac:AdditionalDocumentReference: one the model holds no
    // reference for (a 130 without ID or repeated, a CreditNote's 50 beside a project
    // reference, one under an element in another namespace) is judged from the tree.
    const tree = ublAnywhere(invoice);
    if (tree && tree.documentReferences.length > invoice.additionalDocuments.length) {
      const held = new Set<XmlElement | undefined>();
      for (const d of invoice.additionalDocuments) held.add(d.$src);
      held.add(obj?.$src?.parent ?? undefined);
      for (const el of tree.documentReferences) {
        if (held.has(el)) continue;
        if (blank(child(el, NS.cbc, 'ID')?.text)) r.fire('BR-52', el);
      }
    }
  } else {
    if (invoice.tenderOrLotReference !== undefined && blank(invoice.tenderOrLotReference))
      r.fire('BR-52', invoice, 'tenderOrLotReference');
    for (const line of invoice.lines) {
      if (line.objectId && blank(line.objectId.value)) r.fire('BR-52', line.objectId, 'value');
    }
    // The official context is every `//ram:AdditionalReferencedDocument`: one the model holds
    // no reference for (no IssuerAssignedID, a repeated 50 or 130, a line's other than 130, one
    // under a container in another namespace) is judged here.
    const held = new Set<XmlElement | undefined>();
    for (const d of invoice.additionalDocuments) held.add(d.$src);
    held.add(invoice.$at?.invoicedObjectId?.parent ?? undefined);
    held.add(invoice.$at?.tenderOrLotReference?.parent ?? undefined);
    for (const line of invoice.lines) held.add(line.$at?.objectId?.parent ?? undefined);
    for (const el of ramAnywhere(invoice, 'AdditionalReferencedDocument') ?? []) {
      if (held.has(el)) continue;
      if (blank(child(el, NS.ram, 'IssuerAssignedID')?.text)) r.fire('BR-52', el);
    }
  }

  // BR-53: VAT total in the VAT accounting currency when that currency is given. UBL only
  // needs a VAT total in that currency (the invoice's own when both codes are the same);
  // CII (context BG-22) needs BT-111 and a currency different from the invoice's.
  const taxCurrency = invoice.vatAccountingCurrencyCode;
  if (taxCurrency !== undefined) {
    const t = invoice.totals;
    if (ubl) {
      const found =
        t?.vatTotalInAccountingCurrency !== undefined ||
        (taxCurrency === invoice.currencyCode && t?.vatTotal !== undefined);
      if (!found) r.fire('BR-53', invoice, 'vatAccountingCurrencyCode');
    } else if (t || keyedIn) {
      if (t?.vatTotalInAccountingCurrency === undefined || taxCurrency === invoice.currencyCode)
        r.fire('BR-53', t ?? invoice, 'vatTotalInAccountingCurrency');
    }
  }

  // BR-55: every preceding invoice reference has an identifier (UBL: exists; CII: non-blank).
  for (const p of invoice.precedingInvoices) {
    if (ubl ? absent(p, 'id', p.id) : blank(p.id)) r.fire('BR-55', p, 'id');
  }

  // BR-57: a deliver-to address has a country code (UBL: exists; CII: non-blank).
  const da = invoice.delivery?.address;
  if (da && (ubl ? da.countryCode === undefined : blank(da.countryCode)))
    r.fire('BR-57', da, 'countryCode');

  // BR-62/BR-63: electronic addresses carry a scheme (UBL: exists; CII: non-blank).
  const se = seller?.electronicAddress;
  if (se && (ubl ? se.scheme === undefined : blank(se.scheme))) r.fire('BR-62', se, 'scheme');
  const be = buyer?.electronicAddress;
  if (be && (ubl ? be.scheme === undefined : blank(be.scheme))) r.fire('BR-63', be, 'scheme');

  checkSplitPayment(invoice, ubl, r);
};
