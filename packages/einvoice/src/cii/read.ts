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
  DirectDebit,
  Identifier,
  Invoice,
  InvoiceLine,
  Item,
  Note,
  Payee,
  PaymentMeans,
  Period,
  PostalAddress,
  PriceDetails,
  Seller,
  TaxRepresentative,
  VatBreakdown,
} from '../model/types.js';
import { isDefaultMeansLayout } from '../model/types.js';
import {
  attrText,
  blankAdditionalDocument,
  blankAddress,
  blankAllowanceCharge,
  blankBuyer,
  blankContact,
  blankCreditTransfer,
  blankDelivery,
  blankDirectDebit,
  blankIdentifier,
  blankInvoice,
  blankItem,
  blankItemAttribute,
  blankLine,
  blankNote,
  blankPayee,
  blankPaymentCard,
  blankPaymentInstructions,
  blankPaymentMeans,
  blankPeriod,
  blankPrecedingInvoice,
  blankPrice,
  blankSeller,
  blankTaxRepresentative,
  blankTotals,
  blankVatBreakdown,
  text,
  type Read,
} from '../model/blank.js';
import { NS } from '../xml/ns.js';
import { attr, child, children } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';

const RAM = NS.ram;
const RSM = NS.rsm;
const UDT = NS.udt;
const QDT = NS.qdt;

type El = XmlElement | undefined;

function ram(el: El, local: string): El {
  return child(el, RAM, local);
}

function rams(el: El, local: string): XmlElement[] {
  return children(el, RAM, local);
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

/** The date in a CII date container (see ciiDate), noting where it came from. */
function dateText<K extends string>(
  at: Partial<Record<K, XmlElement>>,
  field: K,
  container: El,
): string | undefined {
  const el = dateString(container);
  if (!el) return undefined;
  at[field] = el;
  return ciiDate(el);
}

/** An identifier with its optional scheme attribute (schemeID, or listID for class codes). */
function identifier(el: XmlElement, schemeAttr = 'schemeID'): Identifier {
  const id = blankIdentifier(el, el.text);
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
  const a = blankAddress(el);
  a.postCode = text(a.$at, 'postCode', ram(el, 'PostcodeCode'));
  a.line1 = text(a.$at, 'line1', ram(el, 'LineOne'));
  a.line2 = text(a.$at, 'line2', ram(el, 'LineTwo'));
  a.line3 = text(a.$at, 'line3', ram(el, 'LineThree'));
  a.city = text(a.$at, 'city', ram(el, 'CityName'));
  a.countryCode = text(a.$at, 'countryCode', ram(el, 'CountryID'));
  a.countrySubdivision = text(a.$at, 'countrySubdivision', ram(el, 'CountrySubDivisionName'));
  return a;
}

function contact(el: El): Contact | undefined {
  if (!el) return undefined;
  const c = blankContact(el);
  c.name = text(c.$at, 'name', ram(el, 'PersonName'));
  c.phone = text(c.$at, 'phone', ram(ram(el, 'TelephoneUniversalCommunication'), 'CompleteNumber'));
  c.email = text(c.$at, 'email', ram(ram(el, 'EmailURIUniversalCommunication'), 'URIID'));
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
  return uri ? identifier(uri) : blankIdentifier(comm, '');
}

function legalRegistration(party: El): Identifier | undefined {
  const id = ram(ram(party, 'SpecifiedLegalOrganization'), 'ID');
  return id ? identifier(id) : undefined;
}

function seller(el: El): Seller | undefined {
  if (!el) return undefined;
  const s = blankSeller(el);
  s.name = text(s.$at, 'name', ram(el, 'Name'));
  // BT-29 repeats: plain IDs (no scheme in CII) then scheme-qualified GlobalIDs.
  for (const c of el.children) {
    if (c.ns === RAM && (c.local === 'ID' || c.local === 'GlobalID'))
      s.identifiers.push(identifier(c));
  }
  s.additionalLegalInfo = text(s.$at, 'additionalLegalInfo', ram(el, 'Description'));
  const org = ram(el, 'SpecifiedLegalOrganization');
  const legal = legalRegistration(el);
  if (legal) s.legalRegistration = legal;
  s.tradingName = text(s.$at, 'tradingName', ram(org, 'TradingBusinessName'));
  const c = contact(ram(el, 'DefinedTradeContact'));
  if (c) s.contact = c;
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) s.address = a;
  const e = electronicAddress(el);
  if (e) s.electronicAddress = e;
  s.vatId = text(s.$at, 'vatId', taxRegistration(el, 'VA'));
  s.taxRegistrationId = text(s.$at, 'taxRegistrationId', taxRegistration(el, 'FC'));
  return s;
}

function buyer(el: El): Buyer | undefined {
  if (!el) return undefined;
  const b = blankBuyer(el);
  const id = partyId(el);
  if (id) b.identifier = id;
  b.name = text(b.$at, 'name', ram(el, 'Name'));
  const legal = legalRegistration(el);
  if (legal) b.legalRegistration = legal;
  b.tradingName = text(
    b.$at,
    'tradingName',
    ram(ram(el, 'SpecifiedLegalOrganization'), 'TradingBusinessName'),
  );
  const c = contact(ram(el, 'DefinedTradeContact'));
  if (c) b.contact = c;
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) b.address = a;
  const e = electronicAddress(el);
  if (e) b.electronicAddress = e;
  b.vatId = text(b.$at, 'vatId', taxRegistration(el, 'VA'));
  return b;
}

function payee(el: El): Payee | undefined {
  if (!el) return undefined;
  const p = blankPayee(el);
  const id = partyId(el);
  if (id) p.identifier = id;
  p.name = text(p.$at, 'name', ram(el, 'Name'));
  const legal = legalRegistration(el);
  if (legal) p.legalRegistration = legal;
  return p;
}

function taxRepresentative(el: El): TaxRepresentative | undefined {
  if (!el) return undefined;
  const t = blankTaxRepresentative(el);
  t.name = text(t.$at, 'name', ram(el, 'Name'));
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) t.address = a;
  t.vatId = text(t.$at, 'vatId', taxRegistration(el, 'VA'));
  return t;
}

function period(el: El): Period | undefined {
  if (!el) return undefined;
  const p = blankPeriod(el);
  p.startDate = dateText(p.$at, 'startDate', ram(el, 'StartDateTime'));
  p.endDate = dateText(p.$at, 'endDate', ram(el, 'EndDateTime'));
  return p;
}

/**
 * A document- or line-level SpecifiedTradeAllowanceCharge, with its VAT category at either
 * level (EN 16931 has none on lines, the official category rules see it).
 */
function allowanceCharge(el: XmlElement): AllowanceCharge {
  const ac = blankAllowanceCharge(el);
  ac.percentage = text(ac.$at, 'percentage', ram(el, 'CalculationPercent'));
  ac.baseAmount = text(ac.$at, 'baseAmount', ram(el, 'BasisAmount'));
  ac.amount = text(ac.$at, 'amount', ram(el, 'ActualAmount'));
  ac.reasonCode = text(ac.$at, 'reasonCode', ram(el, 'ReasonCode'));
  ac.reason = text(ac.$at, 'reason', ram(el, 'Reason'));
  const tax = ram(el, 'CategoryTradeTax');
  ac.vatCategoryCode = text(ac.$at, 'vatCategoryCode', ram(tax, 'CategoryCode'));
  ac.vatRate = text(ac.$at, 'vatRate', ram(tax, 'RateApplicablePercent'));
  if (tax) putTypeCode(ac, tax);
  return ac;
}

/**
 * The TypeCode of a trade tax element when it is not exactly 'VAT' (the default the model
 * leaves implicit), null when it has none (see VatBreakdown.taxScheme).
 */
function putTypeCode(
  target: { taxScheme?: string | null; $at: Partial<Record<'taxScheme', XmlElement>> },
  tax: XmlElement,
): void {
  const code = ram(tax, 'TypeCode');
  if (!code) target.taxScheme = null;
  else if (code.text !== 'VAT') target.taxScheme = text(target.$at, 'taxScheme', code);
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
  const it = blankItem(el);
  const gid = ram(el, 'GlobalID');
  if (gid) it.standardId = identifier(gid);
  it.sellerId = text(it.$at, 'sellerId', ram(el, 'SellerAssignedID'));
  it.buyerId = text(it.$at, 'buyerId', ram(el, 'BuyerAssignedID'));
  it.name = text(it.$at, 'name', ram(el, 'Name'));
  it.description = text(it.$at, 'description', ram(el, 'Description'));
  for (const ch of rams(el, 'ApplicableProductCharacteristic')) {
    // BG-32 terms are mandatory strings in the model; an absent element reads as '' and
    // leaves no $at entry, which is how a rule tells "absent" (BR-54) from "empty".
    const a = blankItemAttribute(ch);
    a.name = text(a.$at, 'name', ram(ch, 'Description')) ?? '';
    a.value = text(a.$at, 'value', ram(ch, 'Value')) ?? '';
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
  it.originCountry = text(it.$at, 'originCountry', ram(ram(el, 'OriginTradeCountry'), 'ID'));
  return it;
}

function price(agreement: El): PriceDetails | undefined {
  const gross = ram(agreement, 'GrossPriceProductTradePrice');
  const net = ram(agreement, 'NetPriceProductTradePrice');
  if (!gross && !net) return undefined;
  const p = blankPrice((net ?? gross)!);
  p.netPrice = text(p.$at, 'netPrice', ram(net, 'ChargeAmount'));
  p.grossPrice = text(p.$at, 'grossPrice', ram(gross, 'ChargeAmount'));
  p.discount = text(
    p.$at,
    'discount',
    ram(ram(gross, 'AppliedTradeAllowanceCharge'), 'ActualAmount'),
  );
  // BT-149 belongs to the net price; a base quantity given only on the gross price is the
  // same term for an invoice that states no net base quantity.
  const basis = ram(net, 'BasisQuantity') ?? ram(gross, 'BasisQuantity');
  p.baseQuantity = text(p.$at, 'baseQuantity', basis);
  p.baseQuantityUnitCode = attrText(p.$at, 'baseQuantityUnitCode', basis, 'unitCode');
  return p;
}

/** The first line-level ApplicableTradeTax (BT-151, BT-152). */
function line(el: XmlElement): InvoiceLine {
  const l = blankLine(el);
  const doc = ram(el, 'AssociatedDocumentLineDocument');
  l.id = text(l.$at, 'id', ram(doc, 'LineID'));
  l.note = text(l.$at, 'note', ram(ram(doc, 'IncludedNote'), 'Content'));
  const it = item(ram(el, 'SpecifiedTradeProduct'));
  if (it) l.item = it;
  const agreement = ram(el, 'SpecifiedLineTradeAgreement');
  l.orderLineRef = text(
    l.$at,
    'orderLineRef',
    ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'LineID'),
  );
  const p = price(agreement);
  if (p) l.price = p;
  const qty = ram(ram(el, 'SpecifiedLineTradeDelivery'), 'BilledQuantity');
  l.quantity = text(l.$at, 'quantity', qty);
  l.unitCode = attrText(l.$at, 'unitCode', qty, 'unitCode');
  const settlement = ram(el, 'SpecifiedLineTradeSettlement');
  const tax = ram(settlement, 'ApplicableTradeTax');
  l.vatCategoryCode = text(l.$at, 'vatCategoryCode', ram(tax, 'CategoryCode'));
  l.vatRate = text(l.$at, 'vatRate', ram(tax, 'RateApplicablePercent'));
  if (tax) putTypeCode(l, tax);
  const per = period(ram(settlement, 'BillingSpecifiedPeriod'));
  if (per) l.period = per;
  allowancesCharges(settlement, l.allowances, l.charges);
  l.netAmount = text(
    l.$at,
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
    l.$at.objectId = id;
    break;
  }
  l.buyerAccountingRef = text(
    l.$at,
    'buyerAccountingRef',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
  return l;
}

function note(el: XmlElement): Note {
  const n = blankNote(el, '');
  n.text = text(n.$at, 'text', ram(el, 'Content')) ?? '';
  n.subjectCode = text(n.$at, 'subjectCode', ram(el, 'SubjectCode'));
  return n;
}

function additionalDocument(el: XmlElement): AdditionalDocument {
  const d = blankAdditionalDocument(el);
  d.id = text(d.$at, 'id', ram(el, 'IssuerAssignedID')) ?? '';
  d.externalUri = text(d.$at, 'externalUri', ram(el, 'URIID'));
  d.typeCode = text(d.$at, 'typeCode', ram(el, 'TypeCode'));
  d.description = text(d.$at, 'description', ram(el, 'Name'));
  const bin = ram(el, 'AttachmentBinaryObject');
  if (bin) {
    d.attachment = {
      content: bin.text,
      mimeCode: attr(bin, 'mimeCode'),
      filename: attr(bin, 'filename'),
    };
    d.$at.attachment = bin;
  }
  return d;
}

function agreementTerms(inv: Read<Invoice>, agreement: El): void {
  inv.buyerReference = text(inv.$at, 'buyerReference', ram(agreement, 'BuyerReference'));
  const s = seller(ram(agreement, 'SellerTradeParty'));
  if (s) inv.seller = s;
  const b = buyer(ram(agreement, 'BuyerTradeParty'));
  if (b) inv.buyer = b;
  const rep = taxRepresentative(ram(agreement, 'SellerTaxRepresentativeTradeParty'));
  if (rep) inv.taxRepresentative = rep;
  inv.salesOrderReference = text(
    inv.$at,
    'salesOrderReference',
    ram(ram(agreement, 'SellerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.purchaseOrderReference = text(
    inv.$at,
    'purchaseOrderReference',
    ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.contractReference = text(
    inv.$at,
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
      if (inv.tenderOrLotReference === undefined)
        inv.tenderOrLotReference = text(inv.$at, 'tenderOrLotReference', idEl);
    } else if (type === '130') {
      if (inv.invoicedObjectId === undefined && idEl) {
        const obj = identifier(idEl);
        const scheme = ram(ref, 'ReferenceTypeCode');
        if (scheme) obj.scheme = scheme.text;
        inv.invoicedObjectId = obj;
        inv.$at.invoicedObjectId = idEl;
      }
    } else inv.additionalDocuments.push(additionalDocument(ref));
  }
  inv.projectReference = text(
    inv.$at,
    'projectReference',
    ram(ram(agreement, 'SpecifiedProcuringProject'), 'ID'),
  );
}

function deliveryTerms(inv: Read<Invoice>, delivery: El): void {
  const shipTo = ram(delivery, 'ShipToTradeParty');
  const event = ram(delivery, 'ActualDeliverySupplyChainEvent');
  if (delivery && (shipTo || event)) {
    const d = blankDelivery(shipTo ?? delivery);
    const loc = partyId(shipTo);
    if (loc) d.locationId = loc;
    d.partyName = text(d.$at, 'partyName', ram(shipTo, 'Name'));
    const a = address(ram(shipTo, 'PostalTradeAddress'));
    if (a) d.address = a;
    d.actualDate = dateText(d.$at, 'actualDate', ram(event, 'OccurrenceDateTime'));
    inv.delivery = d;
  }
  inv.despatchAdviceReference = text(
    inv.$at,
    'despatchAdviceReference',
    ram(ram(delivery, 'DespatchAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.receivingAdviceReference = text(
    inv.$at,
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
function paymentInstructions(inv: Read<Invoice>, settlement: El): void {
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
  const pi = blankPaymentInstructions(first ?? settlement);
  pi.meansCode = text(pi.$at, 'meansCode', ram(first, 'TypeCode'));
  pi.meansText = text(pi.$at, 'meansText', ram(first, 'Information'));
  pi.remittanceInformation = text(pi.$at, 'remittanceInformation', reference);
  const entries: PaymentMeans[] = [];
  let debit: Read<DirectDebit> | undefined;
  for (const means of meansEls) {
    const entry = blankPaymentMeans(means);
    entry.code = text(entry.$at, 'code', ram(means, 'TypeCode'));
    entries.push(entry);
    const bic = ram(ram(means, 'PayeeSpecifiedCreditorFinancialInstitution'), 'BICID');
    for (const acc of rams(means, 'PayeePartyCreditorFinancialAccount')) {
      const ct = blankCreditTransfer(acc);
      // BT-84 is the IBAN or, failing a non-blank one, the proprietary id (BR-50 accepts either).
      const iban = ram(acc, 'IBANID');
      const prop = ram(acc, 'ProprietaryID');
      ct.accountId = text(
        ct.$at,
        'accountId',
        iban && (iban.text.trim() !== '' || !prop) ? iban : prop,
      );
      ct.accountName = text(ct.$at, 'accountName', ram(acc, 'AccountName'));
      ct.serviceProviderId = text(ct.$at, 'serviceProviderId', bic);
      pi.creditTransfers.push(ct);
      entry.creditTransfers.push(ct);
    }
    const cardEl = ram(means, 'ApplicableTradeSettlementFinancialCard');
    if (cardEl && !pi.card) {
      const card = blankPaymentCard(cardEl);
      card.primaryAccountNumber = text(card.$at, 'primaryAccountNumber', ram(cardEl, 'ID'));
      card.holderName = text(card.$at, 'holderName', ram(cardEl, 'CardholderName'));
      pi.card = card;
    }
    const debtor = ram(means, 'PayerPartyDebtorFinancialAccount');
    if (debtor && !debit) {
      debit = blankDirectDebit(debtor);
      debit.debitedAccountId = text(debit.$at, 'debitedAccountId', ram(debtor, 'IBANID'));
    }
  }
  if (mandate || creditorId) {
    debit ??= blankDirectDebit((mandate ?? creditorId)!);
    debit.mandateReference = text(debit.$at, 'mandateReference', mandate);
    debit.creditorId = text(debit.$at, 'creditorId', creditorId);
  }
  if (debit) pi.directDebit = debit;
  // Kept only when it says more than BG-16 does (see PaymentInstructions.means).
  if (entries.length > 0 && !isDefaultMeansLayout(pi, entries)) pi.means = entries;
  inv.paymentInstructions = pi;
}

function vatBreakdown(el: XmlElement): VatBreakdown {
  const v = blankVatBreakdown(el);
  v.taxAmount = text(v.$at, 'taxAmount', ram(el, 'CalculatedAmount'));
  v.exemptionReason = text(v.$at, 'exemptionReason', ram(el, 'ExemptionReason'));
  v.taxableAmount = text(v.$at, 'taxableAmount', ram(el, 'BasisAmount'));
  v.categoryCode = text(v.$at, 'categoryCode', ram(el, 'CategoryCode'));
  v.exemptionReasonCode = text(v.$at, 'exemptionReasonCode', ram(el, 'ExemptionReasonCode'));
  v.rate = text(v.$at, 'rate', ram(el, 'RateApplicablePercent'));
  if (el) putTypeCode(v, el);
  return v;
}

function totals(inv: Read<Invoice>, el: El): void {
  if (!el) return;
  const t = blankTotals(el);
  t.lineNetTotal = text(t.$at, 'lineNetTotal', ram(el, 'LineTotalAmount'));
  t.chargeTotal = text(t.$at, 'chargeTotal', ram(el, 'ChargeTotalAmount'));
  t.allowanceTotal = text(t.$at, 'allowanceTotal', ram(el, 'AllowanceTotalAmount'));
  t.taxExclusiveAmount = text(t.$at, 'taxExclusiveAmount', ram(el, 'TaxBasisTotalAmount'));
  // BT-110 and BT-111 are told apart by currencyID, as the official rules do: the amount in
  // the invoice currency, and the amount in the VAT accounting currency. One without
  // currencyID is neither.
  const invoiceCurrency = inv.currencyCode;
  const taxCurrency = inv.vatAccountingCurrencyCode;
  for (const amount of rams(el, 'TaxTotalAmount')) {
    const cur = attr(amount, 'currencyID');
    if (cur === undefined) continue;
    if (cur === invoiceCurrency && t.vatTotal === undefined)
      t.vatTotal = text(t.$at, 'vatTotal', amount);
    else if (cur === taxCurrency && t.vatTotalInAccountingCurrency === undefined)
      t.vatTotalInAccountingCurrency = text(t.$at, 'vatTotalInAccountingCurrency', amount);
  }
  t.roundingAmount = text(t.$at, 'roundingAmount', ram(el, 'RoundingAmount'));
  t.taxInclusiveAmount = text(t.$at, 'taxInclusiveAmount', ram(el, 'GrandTotalAmount'));
  t.prepaidAmount = text(t.$at, 'prepaidAmount', ram(el, 'TotalPrepaidAmount'));
  t.payableAmount = text(t.$at, 'payableAmount', ram(el, 'DuePayableAmount'));
  inv.totals = t;
}

function settlementTerms(inv: Read<Invoice>, settlement: El): void {
  inv.vatAccountingCurrencyCode = text(
    inv.$at,
    'vatAccountingCurrencyCode',
    ram(settlement, 'TaxCurrencyCode'),
  );
  inv.currencyCode = text(inv.$at, 'currencyCode', ram(settlement, 'InvoiceCurrencyCode'));
  const p = payee(ram(settlement, 'PayeeTradeParty'));
  if (p) inv.payee = p;
  paymentInstructions(inv, settlement);
  for (const tax of rams(settlement, 'ApplicableTradeTax')) {
    inv.vatBreakdowns.push(vatBreakdown(tax));
    if (inv.taxPointDate === undefined)
      inv.taxPointDate = dateText(inv.$at, 'taxPointDate', ram(tax, 'TaxPointDate'));
    if (inv.vatPointDateCode === undefined)
      inv.vatPointDateCode = text(inv.$at, 'vatPointDateCode', ram(tax, 'DueDateTypeCode'));
  }
  const per = period(ram(settlement, 'BillingSpecifiedPeriod'));
  if (per) inv.invoicingPeriod = per;
  allowancesCharges(settlement, inv.allowances, inv.charges);
  for (const terms of rams(settlement, 'SpecifiedTradePaymentTerms')) {
    if (inv.paymentTerms === undefined)
      inv.paymentTerms = text(inv.$at, 'paymentTerms', ram(terms, 'Description'));
    if (inv.dueDate === undefined)
      inv.dueDate = dateText(inv.$at, 'dueDate', ram(terms, 'DueDateDateTime'));
  }
  totals(inv, ram(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation'));
  for (const ref of rams(settlement, 'InvoiceReferencedDocument')) {
    const pre = blankPrecedingInvoice(ref);
    pre.id = text(pre.$at, 'id', ram(ref, 'IssuerAssignedID')) ?? '';
    pre.issueDate = dateText(pre.$at, 'issueDate', ram(ref, 'FormattedIssueDateTime'));
    inv.precedingInvoices.push(pre);
  }
  inv.buyerAccountingReference = text(
    inv.$at,
    'buyerAccountingReference',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
}

/** CII D16B CrossIndustryInvoice → model. Never throws. */
export function readCii(root: XmlElement): Invoice {
  const inv = blankInvoice(root);
  inv.syntax = 'CII';
  const context = child(root, RSM, 'ExchangedDocumentContext');
  inv.businessProcessType = text(
    inv.$at,
    'businessProcessType',
    ram(ram(context, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID'),
  );
  inv.specificationId = text(
    inv.$at,
    'specificationId',
    ram(ram(context, 'GuidelineSpecifiedDocumentContextParameter'), 'ID'),
  );

  const doc = child(root, RSM, 'ExchangedDocument');
  inv.id = text(inv.$at, 'id', ram(doc, 'ID'));
  inv.typeCode = text(inv.$at, 'typeCode', ram(doc, 'TypeCode'));
  inv.issueDate = dateText(inv.$at, 'issueDate', ram(doc, 'IssueDateTime'));
  for (const n of rams(doc, 'IncludedNote')) inv.notes.push(note(n));

  const tx = child(root, RSM, 'SupplyChainTradeTransaction');
  for (const li of rams(tx, 'IncludedSupplyChainTradeLineItem')) inv.lines.push(line(li));
  agreementTerms(inv, ram(tx, 'ApplicableHeaderTradeAgreement'));
  deliveryTerms(inv, ram(tx, 'ApplicableHeaderTradeDelivery'));
  settlementTerms(inv, ram(tx, 'ApplicableHeaderTradeSettlement'));
  return inv;
}
