/**
 * UN/CEFACT CII D16B CrossIndustryInvoice → EN 16931 model, following the EN 16931 CII syntax
 * binding.
 *
 * Invariants:
 * - Never throws, whatever the tree: every step goes through `child()`, which tolerates a
 *   missing element, and nothing is indexed without a check.
 * - Values are exactly what the official rules' XPath would see: the text as read (untrimmed),
 *   '' for a present-but-empty element, absent when the element is absent. A term that may
 *   occur once but is repeated is read from its first occurrence, as `ram:X` in a
 *   string context does.
 * - Every group gets `$src` (its element) and `$at[field]` (the element each field came from),
 *   so a finding can point at the exact XML element.
 * - Dates in format 102 that look like YYYYMMDD (the official CII-DT-097 test) become
 *   'YYYY-MM-DD'; anything else is kept as the raw text so rules can report it.
 * - Reading is linear in the size of the tree: each field is one scan of one element's
 *   children; no search over the whole document.
 */
import type {
  AdditionalDocument,
  AllowanceCharge,
  Buyer,
  Contact,
  CreditTransfer,
  Delivery,
  DocumentTotals,
  Identifier,
  Invoice,
  InvoiceLine,
  Item,
  ItemAttribute,
  Located,
  Note,
  Payee,
  PaymentCard,
  PaymentInstructions,
  PaymentMeans,
  Period,
  PostalAddress,
  PrecedingInvoice,
  PriceDetails,
  Seller,
  TaxRepresentative,
  VatBreakdown,
} from '../model/types.js';
import { emptyInvoice, isDefaultMeansLayout } from '../model/types.js';
import { NS } from '../xml/ns.js';
import { attr, child, children } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';

const RAM = NS.ram;
const RSM = NS.rsm;
const UDT = NS.udt;
const QDT = NS.qdt;

type El = XmlElement | undefined;

/** Keys of T whose values are strings (text, codes, Dec). */
type StrKey<T> = {
  [P in keyof T]-?: NonNullable<T[P]> extends string ? P : never;
}[keyof T] &
  string;

function ram(el: El, local: string): El {
  return child(el, RAM, local);
}

function rams(el: El, local: string): XmlElement[] {
  return children(el, RAM, local);
}

/** Records that `field` of `group` was read from `el`. */
function mark(group: Located, field: string, el: XmlElement): void {
  (group.$at ??= {})[field] = el;
}

/** Sets a string field from an element's text, when the element is there. */
function put<T extends Located>(group: T, field: StrKey<T>, el: El): void {
  if (!el) return;
  (group as unknown as Record<string, unknown>)[field] = el.text;
  mark(group, field, el);
}

/** Sets a string field from an attribute of `el`, when there is one (located at `el`). */
function putAttr<T extends Located>(group: T, field: StrKey<T>, el: El, name: string): void {
  const v = attr(el, name);
  if (v === undefined || !el) return;
  (group as unknown as Record<string, unknown>)[field] = v;
  mark(group, field, el);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A format-102 date as 'YYYY-MM-DD' when its text passes the official shape test (YYYYMMDD,
 * month 01-12, day 01-31, surrounding whitespace allowed); otherwise the raw text.
 */
export function ciiDate(el: XmlElement): string {
  const raw = el.text;
  if (attr(el, 'format') !== '102') return raw;
  const t = raw.trim();
  if (t.length !== 8) return raw;
  for (let i = 0; i < 8; i++) if (!isDigit(t.charCodeAt(i))) return raw;
  const month = Number(t.slice(4, 6));
  const day = Number(t.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return raw;
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}

/** The date string inside a CII date container (udt/qdt DateTimeString, udt DateString). */
function dateString(container: El): El {
  if (!container) return undefined;
  for (const c of container.children) {
    if (
      (c.local === 'DateTimeString' && (c.ns === UDT || c.ns === QDT)) ||
      (c.local === 'DateString' && (c.ns === UDT || c.ns === QDT))
    )
      return c;
  }
  return undefined;
}

function putDate<T extends Located>(group: T, field: StrKey<T>, container: El): void {
  const el = dateString(container);
  if (!el) return;
  (group as unknown as Record<string, unknown>)[field] = ciiDate(el);
  mark(group, field, el);
}

/** An identifier with its optional scheme attribute (schemeID, or listID for class codes). */
function identifier(el: XmlElement, schemeAttr = 'schemeID'): Identifier {
  const id: Identifier = { $src: el, value: el.text };
  const scheme = attr(el, schemeAttr);
  if (scheme !== undefined) id.scheme = scheme;
  return id;
}

/** First ram:ID, else first ram:GlobalID (the scheme-qualified form) of a party. */
function partyId(party: El): Identifier | undefined {
  const id = ram(party, 'ID') ?? ram(party, 'GlobalID');
  return id ? identifier(id) : undefined;
}

/** First SpecifiedTaxRegistration/ID whose schemeID is `scheme` ('VA' or 'FC'). */
function taxRegistration(party: El, scheme: string): El {
  if (!party) return undefined;
  for (const reg of party.children) {
    if (reg.local !== 'SpecifiedTaxRegistration' || reg.ns !== RAM) continue;
    for (const id of reg.children)
      if (id.local === 'ID' && id.ns === RAM && attr(id, 'schemeID') === scheme) return id;
  }
  return undefined;
}

/**
 * The ChargeIndicator as a boolean (true = charge), or undefined when it is missing or not an
 * xs:boolean. Whitespace around the value is tolerated as xs:boolean's facet does.
 */
function indicatorOf(ac: XmlElement): boolean | undefined {
  const el = child(ram(ac, 'ChargeIndicator'), UDT, 'Indicator');
  if (!el) return undefined;
  const t = el.text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

function address(el: El): PostalAddress | undefined {
  if (!el) return undefined;
  const a: PostalAddress = { $src: el };
  put(a, 'postCode', ram(el, 'PostcodeCode'));
  put(a, 'line1', ram(el, 'LineOne'));
  put(a, 'line2', ram(el, 'LineTwo'));
  put(a, 'line3', ram(el, 'LineThree'));
  put(a, 'city', ram(el, 'CityName'));
  put(a, 'countryCode', ram(el, 'CountryID'));
  put(a, 'countrySubdivision', ram(el, 'CountrySubDivisionName'));
  return a;
}

function contact(el: El): Contact | undefined {
  if (!el) return undefined;
  const c: Contact = { $src: el };
  put(c, 'name', ram(el, 'PersonName'));
  put(c, 'phone', ram(ram(el, 'TelephoneUniversalCommunication'), 'CompleteNumber'));
  put(c, 'email', ram(ram(el, 'EmailURIUniversalCommunication'), 'URIID'));
  return c;
}

/**
 * BT-34 / BT-49 from the first URIUniversalCommunication (the one BR-62/BR-63 look at). A
 * container without URIID still gives an identifier with value '' so that its missing scheme
 * is seen.
 */
function electronicAddress(party: El): Identifier | undefined {
  const comm = ram(party, 'URIUniversalCommunication');
  if (!comm) return undefined;
  const uri = ram(comm, 'URIID');
  return uri ? identifier(uri) : { $src: comm, value: '' };
}

function legalRegistration(party: El): Identifier | undefined {
  const id = ram(ram(party, 'SpecifiedLegalOrganization'), 'ID');
  return id ? identifier(id) : undefined;
}

function seller(el: El): Seller | undefined {
  if (!el) return undefined;
  const s: Seller = { $src: el, identifiers: [] };
  put(s, 'name', ram(el, 'Name'));
  // BT-29 repeats: plain IDs (no scheme in CII) then scheme-qualified GlobalIDs.
  for (const c of el.children) {
    if (c.ns === RAM && (c.local === 'ID' || c.local === 'GlobalID'))
      s.identifiers.push(identifier(c));
  }
  put(s, 'additionalLegalInfo', ram(el, 'Description'));
  const org = ram(el, 'SpecifiedLegalOrganization');
  const legal = legalRegistration(el);
  if (legal) s.legalRegistration = legal;
  put(s, 'tradingName', ram(org, 'TradingBusinessName'));
  const c = contact(ram(el, 'DefinedTradeContact'));
  if (c) s.contact = c;
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) s.address = a;
  const e = electronicAddress(el);
  if (e) s.electronicAddress = e;
  put(s, 'vatId', taxRegistration(el, 'VA'));
  put(s, 'taxRegistrationId', taxRegistration(el, 'FC'));
  return s;
}

function buyer(el: El): Buyer | undefined {
  if (!el) return undefined;
  const b: Buyer = { $src: el };
  const id = partyId(el);
  if (id) b.identifier = id;
  put(b, 'name', ram(el, 'Name'));
  const legal = legalRegistration(el);
  if (legal) b.legalRegistration = legal;
  put(b, 'tradingName', ram(ram(el, 'SpecifiedLegalOrganization'), 'TradingBusinessName'));
  const c = contact(ram(el, 'DefinedTradeContact'));
  if (c) b.contact = c;
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) b.address = a;
  const e = electronicAddress(el);
  if (e) b.electronicAddress = e;
  put(b, 'vatId', taxRegistration(el, 'VA'));
  return b;
}

function payee(el: El): Payee | undefined {
  if (!el) return undefined;
  const p: Payee = { $src: el };
  const id = partyId(el);
  if (id) p.identifier = id;
  put(p, 'name', ram(el, 'Name'));
  const legal = legalRegistration(el);
  if (legal) p.legalRegistration = legal;
  return p;
}

function taxRepresentative(el: El): TaxRepresentative | undefined {
  if (!el) return undefined;
  const t: TaxRepresentative = { $src: el };
  put(t, 'name', ram(el, 'Name'));
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) t.address = a;
  put(t, 'vatId', taxRegistration(el, 'VA'));
  return t;
}

function period(el: El): Period | undefined {
  if (!el) return undefined;
  const p: Period = { $src: el };
  putDate(p, 'startDate', ram(el, 'StartDateTime'));
  putDate(p, 'endDate', ram(el, 'EndDateTime'));
  return p;
}

/**
 * A document- or line-level SpecifiedTradeAllowanceCharge, with its VAT category at either
 * level (EN 16931 has none on lines, the official category rules see it).
 */
function allowanceCharge(el: XmlElement): AllowanceCharge {
  const ac: AllowanceCharge = { $src: el };
  put(ac, 'percentage', ram(el, 'CalculationPercent'));
  put(ac, 'baseAmount', ram(el, 'BasisAmount'));
  put(ac, 'amount', ram(el, 'ActualAmount'));
  put(ac, 'reasonCode', ram(el, 'ReasonCode'));
  put(ac, 'reason', ram(el, 'Reason'));
  const tax = ram(el, 'CategoryTradeTax');
  put(ac, 'vatCategoryCode', ram(tax, 'CategoryCode'));
  put(ac, 'vatRate', ram(tax, 'RateApplicablePercent'));
  if (tax) putTypeCode(ac, tax);
  return ac;
}

/**
 * The TypeCode of a trade tax element when it is not exactly 'VAT' (the default the model
 * leaves implicit), null when it has none (see VatBreakdown.taxScheme).
 */
function putTypeCode(target: { taxScheme?: string | null } & Located, tax: XmlElement): void {
  const code = ram(tax, 'TypeCode');
  if (!code) target.taxScheme = null;
  else if (code.text !== 'VAT') {
    target.taxScheme = code.text;
    mark(target, 'taxScheme', code);
  }
}

/** Splits allowance/charge elements by their indicator; others (no valid indicator) are dropped. */
function allowancesCharges(
  parent: El,
  allowances: AllowanceCharge[],
  charges: AllowanceCharge[],
): void {
  for (const el of rams(parent, 'SpecifiedTradeAllowanceCharge')) {
    const isCharge = indicatorOf(el);
    if (isCharge === undefined) continue;
    (isCharge ? charges : allowances).push(allowanceCharge(el));
  }
}

function item(el: El): Item | undefined {
  if (!el) return undefined;
  const it: Item = { $src: el, classifications: [], attributes: [] };
  const gid = ram(el, 'GlobalID');
  if (gid) it.standardId = identifier(gid);
  put(it, 'sellerId', ram(el, 'SellerAssignedID'));
  put(it, 'buyerId', ram(el, 'BuyerAssignedID'));
  put(it, 'name', ram(el, 'Name'));
  put(it, 'description', ram(el, 'Description'));
  for (const ch of rams(el, 'ApplicableProductCharacteristic')) {
    // BG-32 terms are mandatory strings in the model; an absent element reads as '' and
    // leaves no $at entry, which is how a rule tells "absent" (BR-54) from "empty".
    const a: ItemAttribute = { $src: ch, name: '', value: '' };
    put(a, 'name', ram(ch, 'Description'));
    put(a, 'value', ram(ch, 'Value'));
    it.attributes.push(a);
  }
  for (const cls of rams(el, 'DesignatedProductClassification')) {
    const code = ram(cls, 'ClassCode');
    if (!code) continue;
    const id = identifier(code, 'listID');
    const version = attr(code, 'listVersionID');
    if (version !== undefined) id.schemeVersion = version;
    it.classifications.push(id);
  }
  put(it, 'originCountry', ram(ram(el, 'OriginTradeCountry'), 'ID'));
  return it;
}

function price(agreement: El): PriceDetails | undefined {
  const gross = ram(agreement, 'GrossPriceProductTradePrice');
  const net = ram(agreement, 'NetPriceProductTradePrice');
  if (!gross && !net) return undefined;
  const p: PriceDetails = { $src: net ?? gross };
  put(p, 'netPrice', ram(net, 'ChargeAmount'));
  put(p, 'grossPrice', ram(gross, 'ChargeAmount'));
  put(p, 'discount', ram(ram(gross, 'AppliedTradeAllowanceCharge'), 'ActualAmount'));
  // BT-149 belongs to the net price; a base quantity given only on the gross price is the
  // same term for an invoice that states no net base quantity.
  const basis = ram(net, 'BasisQuantity') ?? ram(gross, 'BasisQuantity');
  put(p, 'baseQuantity', basis);
  putAttr(p, 'baseQuantityUnitCode', basis, 'unitCode');
  return p;
}

/** The first line-level ApplicableTradeTax (BT-151, BT-152). */
function line(el: XmlElement): InvoiceLine {
  const l: InvoiceLine = { $src: el, allowances: [], charges: [] };
  const doc = ram(el, 'AssociatedDocumentLineDocument');
  put(l, 'id', ram(doc, 'LineID'));
  put(l, 'note', ram(ram(doc, 'IncludedNote'), 'Content'));
  const it = item(ram(el, 'SpecifiedTradeProduct'));
  if (it) l.item = it;
  const agreement = ram(el, 'SpecifiedLineTradeAgreement');
  put(l, 'orderLineRef', ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'LineID'));
  const p = price(agreement);
  if (p) l.price = p;
  const qty = ram(ram(el, 'SpecifiedLineTradeDelivery'), 'BilledQuantity');
  put(l, 'quantity', qty);
  putAttr(l, 'unitCode', qty, 'unitCode');
  const settlement = ram(el, 'SpecifiedLineTradeSettlement');
  const tax = ram(settlement, 'ApplicableTradeTax');
  put(l, 'vatCategoryCode', ram(tax, 'CategoryCode'));
  put(l, 'vatRate', ram(tax, 'RateApplicablePercent'));
  if (tax) putTypeCode(l, tax);
  const per = period(ram(settlement, 'BillingSpecifiedPeriod'));
  if (per) l.period = per;
  allowancesCharges(settlement, l.allowances, l.charges);
  put(
    l,
    'netAmount',
    ram(ram(settlement, 'SpecifiedTradeSettlementLineMonetarySummation'), 'LineTotalAmount'),
  );
  for (const ref of rams(settlement, 'AdditionalReferencedDocument')) {
    if (ram(ref, 'TypeCode')?.text.trim() !== '130') continue;
    const id = ram(ref, 'IssuerAssignedID');
    if (!id) continue;
    const obj = identifier(id);
    const scheme = ram(ref, 'ReferenceTypeCode');
    if (scheme) obj.scheme = scheme.text;
    l.objectId = obj;
    mark(l, 'objectId', id);
    break;
  }
  put(
    l,
    'buyerAccountingRef',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
  return l;
}

function note(el: XmlElement): Note {
  const n: Note = { $src: el, text: '' };
  put(n, 'text', ram(el, 'Content'));
  put(n, 'subjectCode', ram(el, 'SubjectCode'));
  return n;
}

function additionalDocument(el: XmlElement): AdditionalDocument {
  const d: AdditionalDocument = { $src: el, id: '' };
  put(d, 'id', ram(el, 'IssuerAssignedID'));
  put(d, 'externalUri', ram(el, 'URIID'));
  put(d, 'typeCode', ram(el, 'TypeCode'));
  put(d, 'description', ram(el, 'Name'));
  const bin = ram(el, 'AttachmentBinaryObject');
  if (bin) {
    d.attachment = { content: bin.text };
    const mime = attr(bin, 'mimeCode');
    if (mime !== undefined) d.attachment.mimeCode = mime;
    const file = attr(bin, 'filename');
    if (file !== undefined) d.attachment.filename = file;
    mark(d, 'attachment', bin);
  }
  return d;
}

function agreementTerms(inv: Invoice, agreement: El): void {
  put(inv, 'buyerReference', ram(agreement, 'BuyerReference'));
  const s = seller(ram(agreement, 'SellerTradeParty'));
  if (s) inv.seller = s;
  const b = buyer(ram(agreement, 'BuyerTradeParty'));
  if (b) inv.buyer = b;
  const rep = taxRepresentative(ram(agreement, 'SellerTaxRepresentativeTradeParty'));
  if (rep) inv.taxRepresentative = rep;
  put(
    inv,
    'salesOrderReference',
    ram(ram(agreement, 'SellerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  put(
    inv,
    'purchaseOrderReference',
    ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  put(
    inv,
    'contractReference',
    ram(ram(agreement, 'ContractReferencedDocument'), 'IssuerAssignedID'),
  );
  // TypeCode 50 is BT-17 and 130 is BT-18 (first of each, the CII-SR rules report a repeat);
  // every other AdditionalReferencedDocument is a BG-24 supporting document. Type codes are
  // compared trimmed: CII-DT-018 and the binding treat ' 130 ' as 130.
  for (const ref of rams(agreement, 'AdditionalReferencedDocument')) {
    const type = ram(ref, 'TypeCode')?.text.trim();
    const idEl = ram(ref, 'IssuerAssignedID');
    if (type === '50') {
      if (inv.tenderOrLotReference === undefined) put(inv, 'tenderOrLotReference', idEl);
    } else if (type === '130') {
      if (inv.invoicedObjectId === undefined && idEl) {
        const obj = identifier(idEl);
        const scheme = ram(ref, 'ReferenceTypeCode');
        if (scheme) obj.scheme = scheme.text;
        inv.invoicedObjectId = obj;
        mark(inv, 'invoicedObjectId', idEl);
      }
    } else inv.additionalDocuments.push(additionalDocument(ref));
  }
  put(inv, 'projectReference', ram(ram(agreement, 'SpecifiedProcuringProject'), 'ID'));
}

function deliveryTerms(inv: Invoice, delivery: El): void {
  const shipTo = ram(delivery, 'ShipToTradeParty');
  const event = ram(delivery, 'ActualDeliverySupplyChainEvent');
  if (delivery && (shipTo || event)) {
    const d: Delivery = { $src: shipTo ?? delivery };
    const loc = partyId(shipTo);
    if (loc) d.locationId = loc;
    put(d, 'partyName', ram(shipTo, 'Name'));
    const a = address(ram(shipTo, 'PostalTradeAddress'));
    if (a) d.address = a;
    putDate(d, 'actualDate', ram(event, 'OccurrenceDateTime'));
    inv.delivery = d;
  }
  put(
    inv,
    'despatchAdviceReference',
    ram(ram(delivery, 'DespatchAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
  put(
    inv,
    'receivingAdviceReference',
    ram(ram(delivery, 'ReceivingAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
}

/**
 * BG-16 from every SpecifiedTradeSettlementPaymentMeans: code and text from the first, a
 * credit transfer (BG-17) per creditor account, card and debited account from the first
 * that has one. BT-89 (mandate) comes from the payment terms and BT-90 from the settlement.
 * Each means with its own code and accounts goes to `means` unless they follow the default
 * layout (see PaymentInstructions.means).
 */
function paymentInstructions(inv: Invoice, settlement: El): void {
  const meansEls = rams(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const creditorId = ram(settlement, 'CreditorReferenceID');
  const reference = ram(settlement, 'PaymentReference');
  let mandate: El;
  for (const terms of rams(settlement, 'SpecifiedTradePaymentTerms')) {
    mandate = ram(terms, 'DirectDebitMandateID');
    if (mandate) break;
  }
  if (meansEls.length === 0 && !creditorId && !reference && !mandate) return;
  const first = meansEls[0];
  const pi: PaymentInstructions = { $src: first ?? settlement, creditTransfers: [] };
  put(pi, 'meansCode', ram(first, 'TypeCode'));
  put(pi, 'meansText', ram(first, 'Information'));
  put(pi, 'remittanceInformation', reference);
  const entries: PaymentMeans[] = [];
  for (const means of meansEls) {
    const entry: PaymentMeans = { $src: means, creditTransfers: [] };
    put(entry, 'code', ram(means, 'TypeCode'));
    entries.push(entry);
    const bic = ram(ram(means, 'PayeeSpecifiedCreditorFinancialInstitution'), 'BICID');
    for (const acc of rams(means, 'PayeePartyCreditorFinancialAccount')) {
      const ct: CreditTransfer = { $src: acc };
      // BT-84 is the IBAN or, failing a non-blank one, the proprietary id (BR-50 accepts either).
      const iban = ram(acc, 'IBANID');
      const prop = ram(acc, 'ProprietaryID');
      put(ct, 'accountId', iban && (iban.text.trim() !== '' || !prop) ? iban : prop);
      put(ct, 'accountName', ram(acc, 'AccountName'));
      put(ct, 'serviceProviderId', bic);
      pi.creditTransfers.push(ct);
      entry.creditTransfers.push(ct);
    }
    const cardEl = ram(means, 'ApplicableTradeSettlementFinancialCard');
    if (cardEl && !pi.card) {
      const card: PaymentCard = { $src: cardEl };
      put(card, 'primaryAccountNumber', ram(cardEl, 'ID'));
      put(card, 'holderName', ram(cardEl, 'CardholderName'));
      pi.card = card;
    }
    const debtor = ram(means, 'PayerPartyDebtorFinancialAccount');
    if (debtor && !pi.directDebit) {
      pi.directDebit = { $src: debtor };
      put(pi.directDebit, 'debitedAccountId', ram(debtor, 'IBANID'));
    }
  }
  if (mandate || creditorId) {
    const dd = (pi.directDebit ??= { $src: (mandate ?? creditorId) as XmlElement });
    put(dd, 'mandateReference', mandate);
    put(dd, 'creditorId', creditorId);
  }
  // Kept only when it says more than BG-16 does (see PaymentInstructions.means).
  if (entries.length > 0 && !isDefaultMeansLayout(pi, entries)) pi.means = entries;
  inv.paymentInstructions = pi;
}

function vatBreakdown(el: XmlElement): VatBreakdown {
  const v: VatBreakdown = { $src: el };
  put(v, 'taxAmount', ram(el, 'CalculatedAmount'));
  put(v, 'exemptionReason', ram(el, 'ExemptionReason'));
  put(v, 'taxableAmount', ram(el, 'BasisAmount'));
  put(v, 'categoryCode', ram(el, 'CategoryCode'));
  put(v, 'exemptionReasonCode', ram(el, 'ExemptionReasonCode'));
  put(v, 'rate', ram(el, 'RateApplicablePercent'));
  if (el) putTypeCode(v, el);
  return v;
}

function totals(inv: Invoice, el: El): void {
  if (!el) return;
  const t: DocumentTotals = { $src: el };
  put(t, 'lineNetTotal', ram(el, 'LineTotalAmount'));
  put(t, 'chargeTotal', ram(el, 'ChargeTotalAmount'));
  put(t, 'allowanceTotal', ram(el, 'AllowanceTotalAmount'));
  put(t, 'taxExclusiveAmount', ram(el, 'TaxBasisTotalAmount'));
  // BT-110 and BT-111 are told apart by currencyID, as the official rules do: the amount in
  // the invoice currency, and the amount in the VAT accounting currency. One without
  // currencyID is neither.
  const invoiceCurrency = inv.currencyCode;
  const taxCurrency = inv.vatAccountingCurrencyCode;
  for (const amount of rams(el, 'TaxTotalAmount')) {
    const cur = attr(amount, 'currencyID');
    if (cur === undefined) continue;
    if (cur === invoiceCurrency && t.vatTotal === undefined) put(t, 'vatTotal', amount);
    else if (cur === taxCurrency && t.vatTotalInAccountingCurrency === undefined)
      put(t, 'vatTotalInAccountingCurrency', amount);
  }
  put(t, 'roundingAmount', ram(el, 'RoundingAmount'));
  put(t, 'taxInclusiveAmount', ram(el, 'GrandTotalAmount'));
  put(t, 'prepaidAmount', ram(el, 'TotalPrepaidAmount'));
  put(t, 'payableAmount', ram(el, 'DuePayableAmount'));
  inv.totals = t;
}

function settlementTerms(inv: Invoice, settlement: El): void {
  put(inv, 'vatAccountingCurrencyCode', ram(settlement, 'TaxCurrencyCode'));
  put(inv, 'currencyCode', ram(settlement, 'InvoiceCurrencyCode'));
  const p = payee(ram(settlement, 'PayeeTradeParty'));
  if (p) inv.payee = p;
  paymentInstructions(inv, settlement);
  for (const tax of rams(settlement, 'ApplicableTradeTax')) {
    inv.vatBreakdowns.push(vatBreakdown(tax));
    if (inv.taxPointDate === undefined) putDate(inv, 'taxPointDate', ram(tax, 'TaxPointDate'));
    if (inv.vatPointDateCode === undefined)
      put(inv, 'vatPointDateCode', ram(tax, 'DueDateTypeCode'));
  }
  const per = period(ram(settlement, 'BillingSpecifiedPeriod'));
  if (per) inv.invoicingPeriod = per;
  allowancesCharges(settlement, inv.allowances, inv.charges);
  for (const terms of rams(settlement, 'SpecifiedTradePaymentTerms')) {
    if (inv.paymentTerms === undefined) put(inv, 'paymentTerms', ram(terms, 'Description'));
    if (inv.dueDate === undefined) putDate(inv, 'dueDate', ram(terms, 'DueDateDateTime'));
  }
  totals(inv, ram(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation'));
  for (const ref of rams(settlement, 'InvoiceReferencedDocument')) {
    const pre: PrecedingInvoice = { $src: ref, id: '' };
    put(pre, 'id', ram(ref, 'IssuerAssignedID'));
    putDate(pre, 'issueDate', ram(ref, 'FormattedIssueDateTime'));
    inv.precedingInvoices.push(pre);
  }
  put(
    inv,
    'buyerAccountingReference',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
}

/** CII D16B CrossIndustryInvoice → model. Never throws. */
export function readCii(root: XmlElement): Invoice {
  const inv: Invoice = emptyInvoice();
  inv.syntax = 'CII';
  inv.$src = root;
  const context = child(root, RSM, 'ExchangedDocumentContext');
  put(
    inv,
    'businessProcessType',
    ram(ram(context, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID'),
  );
  put(
    inv,
    'specificationId',
    ram(ram(context, 'GuidelineSpecifiedDocumentContextParameter'), 'ID'),
  );

  const doc = child(root, RSM, 'ExchangedDocument');
  put(inv, 'id', ram(doc, 'ID'));
  put(inv, 'typeCode', ram(doc, 'TypeCode'));
  putDate(inv, 'issueDate', ram(doc, 'IssueDateTime'));
  for (const n of rams(doc, 'IncludedNote')) inv.notes.push(note(n));

  const tx = child(root, RSM, 'SupplyChainTradeTransaction');
  for (const li of rams(tx, 'IncludedSupplyChainTradeLineItem')) inv.lines.push(line(li));
  agreementTerms(inv, ram(tx, 'ApplicableHeaderTradeAgreement'));
  deliveryTerms(inv, ram(tx, 'ApplicableHeaderTradeDelivery'));
  settlementTerms(inv, ram(tx, 'ApplicableHeaderTradeSettlement'));
  return inv;
}
