/**
 * UBL 2.1 Invoice / CreditNote → EN 16931 model, following the EN 16931-3-2 syntax binding.
 *
 * Invariants (see model/types.ts):
 * - Never throws, whatever the tree: fragments of the official unit tests are often
 *   incomplete, and the rules must still run on what is there.
 * - Text is kept as read (untrimmed); an empty element gives ''. Dates are kept as read too:
 *   rules judge their validity.
 * - A term that may occur once but is repeated is read from its first occurrence (the UBL-SR
 *   tree rules report the repetition).
 * - Every group gets `$src` (its element) and `$at[field]` (the element each value came from;
 *   for a value held in an attribute, the element carrying the attribute).
 * - Where several official rules read a term through a filter, the model follows the filter of
 *   the EN 16931 binding: VAT categories come from the TaxCategory / ClassifiedTaxCategory whose
 *   TaxScheme/ID is 'VAT' (trimmed, case-insensitive), BT-31/BT-48/BT-63 from the PartyTaxScheme
 *   whose TaxScheme/ID is 'VAT', BT-32 from the first other PartyTaxScheme.
 * - Required strings of the model (PrecedingInvoice.id, AdditionalDocument.id, ItemAttribute
 *   name/value) read as '' when their element is absent; their `$at` entry is then missing,
 *   which is how a rule tells "absent" (exists() fails) from "empty".
 * - Groups the UBL spreads over several elements: BG-16 gathers every cac:PaymentMeans (its
 *   code, text and remittance from the first, one BG-17 per PayeeFinancialAccount, each
 *   PaymentMeans with its own code and account in `means` unless they follow the default
 *   layout), plus BT-90
 *   from a 'SEPA' party identifier (BG-16 then exists, without `$src`, even with no
 *   PaymentMeans); BG-22 holds LegalMonetaryTotal and BT-110/BT-111 from the TaxTotals, so it
 *   exists without `$src` when only a TaxTotal amount does; BG-23 comes from the subtotals of
 *   every TaxTotal.
 * - BG-14 exists when cac:InvoicePeriod has a start or end date, or is empty (BR-CO-19 must
 *   see it); one holding only BT-8 (DescriptionCode) gives BT-8 alone.
 * - BT-21 is read from the binding's '#CODE#text' note prefix.
 * - One pass over the children of the root and of each line (switch on the local name), so
 *   reading stays linear in the number of lines.
 */
import type {
  AdditionalDocument,
  AllowanceCharge,
  Buyer,
  Contact,
  Delivery,
  DirectDebit,
  Identifier,
  Invoice,
  InvoiceLine,
  Item,
  Note,
  Payee,
  PaymentCard,
  PaymentInstructions,
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

const CBC = NS.cbc;
const CAC = NS.cac;

/**
 * First element reached by the path in document order, trying every match at each step (the
 * XPath `a/b/c` semantics), where `descend` only follows the first `a`.
 */
function find(
  el: XmlElement | undefined,
  ...steps: [ns: string, local: string][]
): XmlElement | undefined {
  if (!el) return undefined;
  return findFrom(el, steps, 0);
}

function findFrom(
  el: XmlElement,
  steps: [ns: string, local: string][],
  i: number,
): XmlElement | undefined {
  const step = steps[i];
  if (!step) return el;
  const [ns, local] = step;
  for (const c of el.children) {
    if (c.local !== local || c.ns !== ns) continue;
    const found = findFrom(c, steps, i + 1);
    if (found) return found;
  }
  return undefined;
}

/** An identifier element with its scheme attributes. */
function identifier(el: XmlElement, schemeAttr = 'schemeID', versionAttr?: string): Identifier {
  const id = blankIdentifier(el, el.text);
  const scheme = attr(el, schemeAttr);
  if (scheme !== undefined) id.scheme = scheme;
  if (versionAttr) {
    const version = attr(el, versionAttr);
    if (version !== undefined) id.schemeVersion = version;
  }
  return id;
}

/** True when the element's cac:TaxScheme/cbc:ID is 'VAT' (trimmed, any case). */
function isVatScheme(el: XmlElement): boolean {
  const id = find(el, [CAC, 'TaxScheme'], [CBC, 'ID']);
  return id !== undefined && id.text.trim().toUpperCase() === 'VAT';
}

/** The first child (TaxCategory, ClassifiedTaxCategory, PartyTaxScheme) under the VAT scheme. */
function firstVat(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && c.ns === CAC && isVatScheme(c)) return c;
  return undefined;
}

/** xs:boolean value of a ChargeIndicator ('true'/'1', 'false'/'0', surrounding spaces allowed). */
function chargeIndicator(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const t = el.text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

function readAddress(el: XmlElement): PostalAddress {
  const a = blankAddress(el);
  for (const c of el.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'StreetName':
          a.line1 ??= text(a.$at, 'line1', c);
          break;
        case 'AdditionalStreetName':
          a.line2 ??= text(a.$at, 'line2', c);
          break;
        case 'CityName':
          a.city ??= text(a.$at, 'city', c);
          break;
        case 'PostalZone':
          a.postCode ??= text(a.$at, 'postCode', c);
          break;
        case 'CountrySubentity':
          a.countrySubdivision ??= text(a.$at, 'countrySubdivision', c);
          break;
      }
    } else if (c.ns === CAC) {
      if (c.local === 'AddressLine') a.line3 ??= text(a.$at, 'line3', child(c, CBC, 'Line'));
      else if (c.local === 'Country')
        a.countryCode ??= text(a.$at, 'countryCode', child(c, CBC, 'IdentificationCode'));
    }
  }
  return a;
}

function readContact(el: XmlElement): Contact {
  const c = blankContact(el);
  c.name = text(c.$at, 'name', child(el, CBC, 'Name'));
  c.phone = text(c.$at, 'phone', child(el, CBC, 'Telephone'));
  c.email = text(c.$at, 'email', child(el, CBC, 'ElectronicMail'));
  return c;
}

/** Parts common to the seller and buyer parties. */
interface PartyParts {
  endpoint?: XmlElement;
  /** Every PartyIdentification/cbc:ID, in document order. */
  ids: XmlElement[];
  partyName?: XmlElement;
  registrationName?: XmlElement;
  companyId?: XmlElement;
  legalForm?: XmlElement;
  vatCompanyId?: XmlElement;
  otherTaxCompanyId?: XmlElement;
  address?: XmlElement;
  contact?: XmlElement;
}

function partyParts(party: XmlElement): PartyParts {
  // Every field from the start: one hidden class for all parties (see model/blank.ts).
  const p: PartyParts = {
    endpoint: undefined,
    ids: [],
    partyName: undefined,
    registrationName: undefined,
    companyId: undefined,
    legalForm: undefined,
    vatCompanyId: undefined,
    otherTaxCompanyId: undefined,
    address: undefined,
    contact: undefined,
  };
  for (const c of party.children) {
    if (c.ns === CBC) {
      if (c.local === 'EndpointID') p.endpoint ??= c;
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'PartyIdentification':
        for (const id of c.children) if (id.local === 'ID' && id.ns === CBC) p.ids.push(id);
        break;
      case 'PartyName':
        p.partyName ??= child(c, CBC, 'Name');
        break;
      case 'PostalAddress':
        p.address ??= c;
        break;
      case 'PartyTaxScheme': {
        const companyId = child(c, CBC, 'CompanyID');
        if (!companyId) break;
        if (isVatScheme(c)) p.vatCompanyId ??= companyId;
        else p.otherTaxCompanyId ??= companyId;
        break;
      }
      case 'PartyLegalEntity':
        p.registrationName ??= child(c, CBC, 'RegistrationName');
        p.companyId ??= child(c, CBC, 'CompanyID');
        p.legalForm ??= child(c, CBC, 'CompanyLegalForm');
        break;
      case 'Contact':
        p.contact ??= c;
        break;
    }
  }
  return p;
}

/** BG-4. SEPA-scheme party identifiers are BT-90 (pushed to `sepa`), not BT-29. */
function readSeller(supplierParty: XmlElement, sepa: XmlElement[]): Seller {
  const s = blankSeller(supplierParty);
  const party = child(supplierParty, CAC, 'Party');
  if (!party) return s;
  const p = partyParts(party);
  s.name = text(s.$at, 'name', p.registrationName);
  s.tradingName = text(s.$at, 'tradingName', p.partyName);
  for (const id of p.ids) {
    // BR-CO-26 excludes exactly @schemeID = 'SEPA' from the seller identifiers.
    if (attr(id, 'schemeID') === 'SEPA') sepa.push(id);
    else s.identifiers.push(identifier(id));
  }
  if (p.companyId) s.legalRegistration = identifier(p.companyId);
  s.vatId = text(s.$at, 'vatId', p.vatCompanyId);
  s.taxRegistrationId = text(s.$at, 'taxRegistrationId', p.otherTaxCompanyId);
  s.additionalLegalInfo = text(s.$at, 'additionalLegalInfo', p.legalForm);
  if (p.endpoint) s.electronicAddress = identifier(p.endpoint);
  if (p.address) s.address = readAddress(p.address);
  if (p.contact) s.contact = readContact(p.contact);
  return s;
}

/** BG-7 */
function readBuyer(customerParty: XmlElement): Buyer {
  const b = blankBuyer(customerParty);
  const party = child(customerParty, CAC, 'Party');
  if (!party) return b;
  const p = partyParts(party);
  b.name = text(b.$at, 'name', p.registrationName);
  b.tradingName = text(b.$at, 'tradingName', p.partyName);
  const first = p.ids[0];
  if (first) b.identifier = identifier(first);
  if (p.companyId) b.legalRegistration = identifier(p.companyId);
  b.vatId = text(b.$at, 'vatId', p.vatCompanyId);
  if (p.endpoint) b.electronicAddress = identifier(p.endpoint);
  if (p.address) b.address = readAddress(p.address);
  if (p.contact) b.contact = readContact(p.contact);
  return b;
}

/** BG-10. A SEPA-scheme identifier (any case, as UBL-SR-20 reads it) is BT-90. */
function readPayee(el: XmlElement, sepa: XmlElement[]): Payee {
  const p = blankPayee(el);
  p.name = text(p.$at, 'name', find(el, [CAC, 'PartyName'], [CBC, 'Name']));
  for (const pi of children(el, CAC, 'PartyIdentification')) {
    for (const id of children(pi, CBC, 'ID')) {
      if (attr(id, 'schemeID')?.toUpperCase() === 'SEPA') sepa.push(id);
      else p.identifier ??= identifier(id);
    }
  }
  const companyId = find(el, [CAC, 'PartyLegalEntity'], [CBC, 'CompanyID']);
  if (companyId) p.legalRegistration = identifier(companyId);
  return p;
}

/** BG-11 */
function readTaxRepresentative(el: XmlElement): TaxRepresentative {
  const t = blankTaxRepresentative(el);
  t.name = text(t.$at, 'name', find(el, [CAC, 'PartyName'], [CBC, 'Name']));
  const pts = firstVat(el, 'PartyTaxScheme');
  if (pts) t.vatId = text(t.$at, 'vatId', child(pts, CBC, 'CompanyID'));
  const address = child(el, CAC, 'PostalAddress');
  if (address) t.address = readAddress(address);
  return t;
}

/** BG-13 */
function readDelivery(el: XmlElement): Delivery {
  const d = blankDelivery(el);
  d.actualDate = text(d.$at, 'actualDate', child(el, CBC, 'ActualDeliveryDate'));
  const location = child(el, CAC, 'DeliveryLocation');
  if (location) {
    const id = child(location, CBC, 'ID');
    if (id) d.locationId = identifier(id);
    const address = child(location, CAC, 'Address');
    if (address) d.address = readAddress(address);
  }
  d.partyName = text(
    d.$at,
    'partyName',
    find(el, [CAC, 'DeliveryParty'], [CAC, 'PartyName'], [CBC, 'Name']),
  );
  return d;
}

function readPeriod(el: XmlElement): Period {
  const p = blankPeriod(el);
  p.startDate = text(p.$at, 'startDate', child(el, CBC, 'StartDate'));
  p.endDate = text(p.$at, 'endDate', child(el, CBC, 'EndDate'));
  return p;
}

/**
 * BG-20/21 (document level) and BG-27/28 (line level), each with the first VAT category.
 * Returns the charge indicator with the group; undefined when it is absent or not a boolean
 * (the official rules then see neither an allowance nor a charge).
 */
function readAllowanceCharge(el: XmlElement): { charge: boolean | undefined; ac: AllowanceCharge } {
  const ac = blankAllowanceCharge(el);
  let indicator: XmlElement | undefined;
  let taxCategory: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'ChargeIndicator':
          indicator ??= c;
          break;
        case 'AllowanceChargeReasonCode':
          ac.reasonCode ??= text(ac.$at, 'reasonCode', c);
          break;
        case 'AllowanceChargeReason':
          ac.reason ??= text(ac.$at, 'reason', c);
          break;
        case 'MultiplierFactorNumeric':
          ac.percentage ??= text(ac.$at, 'percentage', c);
          break;
        case 'Amount':
          ac.amount ??= text(ac.$at, 'amount', c);
          break;
        case 'BaseAmount':
          ac.baseAmount ??= text(ac.$at, 'baseAmount', c);
          break;
      }
    } else if (c.ns === CAC && c.local === 'TaxCategory' && !taxCategory) {
      if (isVatScheme(c)) taxCategory = c;
    }
  }
  if (taxCategory) {
    ac.vatCategoryCode = text(ac.$at, 'vatCategoryCode', child(taxCategory, CBC, 'ID'));
    ac.vatRate = text(ac.$at, 'vatRate', child(taxCategory, CBC, 'Percent'));
  }
  return { charge: chargeIndicator(indicator), ac };
}

/** BG-23 from one cac:TaxSubtotal. */
function readSubtotal(el: XmlElement): VatBreakdown {
  const v = blankVatBreakdown(el);
  v.taxableAmount = text(v.$at, 'taxableAmount', child(el, CBC, 'TaxableAmount'));
  v.taxAmount = text(v.$at, 'taxAmount', child(el, CBC, 'TaxAmount'));
  const cat = firstVat(el, 'TaxCategory');
  if (cat) {
    v.categoryCode = text(v.$at, 'categoryCode', child(cat, CBC, 'ID'));
    v.rate = text(v.$at, 'rate', child(cat, CBC, 'Percent'));
    v.exemptionReason = text(v.$at, 'exemptionReason', child(cat, CBC, 'TaxExemptionReason'));
    v.exemptionReasonCode = text(
      v.$at,
      'exemptionReasonCode',
      child(cat, CBC, 'TaxExemptionReasonCode'),
    );
  }
  return v;
}

function readAdditionalDocument(el: XmlElement, id: XmlElement | undefined): AdditionalDocument {
  const d = blankAdditionalDocument(el);
  if (id) {
    d.id = id.text;
    d.$at.id = id;
  }
  d.typeCode = text(d.$at, 'typeCode', child(el, CBC, 'DocumentTypeCode'));
  d.description = text(d.$at, 'description', child(el, CBC, 'DocumentDescription'));
  const attachment = child(el, CAC, 'Attachment');
  if (attachment) {
    const bin = child(attachment, CBC, 'EmbeddedDocumentBinaryObject');
    if (bin) {
      d.attachment = {
        content: bin.text,
        mimeCode: attr(bin, 'mimeCode'),
        filename: attr(bin, 'filename'),
      };
      d.$at.attachment = bin;
    }
    d.externalUri = text(
      d.$at,
      'externalUri',
      find(attachment, [CAC, 'ExternalReference'], [CBC, 'URI']),
    );
  }
  return d;
}

/** BG-16 from every cac:PaymentMeans (credit transfers may repeat, one per PaymentMeans). */
function readPayment(means: XmlElement[], sepa: XmlElement | undefined): PaymentInstructions {
  const first = means[0];
  const pi = blankPaymentInstructions(first);
  if (first) {
    const code = child(first, CBC, 'PaymentMeansCode');
    pi.meansCode = text(pi.$at, 'meansCode', code);
    pi.meansText = attrText(pi.$at, 'meansText', code, 'name');
  }
  let card: Read<PaymentCard> | undefined;
  let debit: Read<DirectDebit> | undefined;
  const entries: PaymentMeans[] = [];
  for (const m of means) {
    pi.remittanceInformation ??= text(pi.$at, 'remittanceInformation', child(m, CBC, 'PaymentID'));
    const entry = blankPaymentMeans(m);
    entry.code = text(entry.$at, 'code', child(m, CBC, 'PaymentMeansCode'));
    entries.push(entry);
    for (const c of m.children) {
      if (c.ns !== CAC) continue;
      if (c.local === 'PayeeFinancialAccount') {
        const ct = blankCreditTransfer(c);
        ct.accountId = text(ct.$at, 'accountId', child(c, CBC, 'ID'));
        ct.accountName = text(ct.$at, 'accountName', child(c, CBC, 'Name'));
        ct.serviceProviderId = text(
          ct.$at,
          'serviceProviderId',
          find(c, [CAC, 'FinancialInstitutionBranch'], [CBC, 'ID']),
        );
        pi.creditTransfers.push(ct);
        entry.creditTransfers.push(ct);
      } else if (c.local === 'CardAccount' && !card) {
        card = blankPaymentCard(c);
        card.primaryAccountNumber = text(
          card.$at,
          'primaryAccountNumber',
          child(c, CBC, 'PrimaryAccountNumberID'),
        );
        card.holderName = text(card.$at, 'holderName', child(c, CBC, 'HolderName'));
      } else if (c.local === 'PaymentMandate' && !debit) {
        debit = blankDirectDebit(c);
        debit.mandateReference = text(debit.$at, 'mandateReference', child(c, CBC, 'ID'));
        debit.debitedAccountId = text(
          debit.$at,
          'debitedAccountId',
          find(c, [CAC, 'PayerFinancialAccount'], [CBC, 'ID']),
        );
      }
    }
  }
  if (sepa) {
    debit ??= blankDirectDebit(sepa);
    debit.creditorId = text(debit.$at, 'creditorId', sepa);
  }
  if (card) pi.card = card;
  if (debit) pi.directDebit = debit;
  // Kept only when it says more than BG-16 does (see PaymentInstructions.means).
  if (entries.length > 0 && !isDefaultMeansLayout(pi, entries)) pi.means = entries;
  return pi;
}

function readItem(el: XmlElement, line: Read<InvoiceLine>): Item {
  const item = blankItem(el);
  let vatCategory: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns === CBC) {
      if (c.local === 'Name') item.name ??= text(item.$at, 'name', c);
      else if (c.local === 'Description') item.description ??= text(item.$at, 'description', c);
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'BuyersItemIdentification':
        item.buyerId ??= text(item.$at, 'buyerId', child(c, CBC, 'ID'));
        break;
      case 'SellersItemIdentification':
        item.sellerId ??= text(item.$at, 'sellerId', child(c, CBC, 'ID'));
        break;
      case 'StandardItemIdentification': {
        const id = child(c, CBC, 'ID');
        if (id && !item.standardId) item.standardId = identifier(id);
        break;
      }
      case 'OriginCountry':
        item.originCountry ??= text(item.$at, 'originCountry', child(c, CBC, 'IdentificationCode'));
        break;
      case 'CommodityClassification':
        for (const code of children(c, CBC, 'ItemClassificationCode'))
          item.classifications.push(identifier(code, 'listID', 'listVersionID'));
        break;
      case 'ClassifiedTaxCategory':
        if (!vatCategory && isVatScheme(c)) vatCategory = c;
        break;
      case 'AdditionalItemProperty': {
        const name = child(c, CBC, 'Name');
        const value = child(c, CBC, 'Value');
        // Name and value are required strings in the model: an absent one reads as '' and
        // has no $at entry, which is how rules (BR-54) tell absent from empty.
        const a = blankItemAttribute(c);
        if (name) a.name = text(a.$at, 'name', name)!;
        if (value) a.value = text(a.$at, 'value', value)!;
        item.attributes.push(a);
        break;
      }
    }
  }
  if (vatCategory) {
    line.vatCategoryCode = text(line.$at, 'vatCategoryCode', child(vatCategory, CBC, 'ID'));
    line.vatRate = text(line.$at, 'vatRate', child(vatCategory, CBC, 'Percent'));
  }
  return item;
}

function readPrice(el: XmlElement): PriceDetails {
  const p = blankPrice(el);
  p.netPrice = text(p.$at, 'netPrice', child(el, CBC, 'PriceAmount'));
  const base = child(el, CBC, 'BaseQuantity');
  p.baseQuantity = text(p.$at, 'baseQuantity', base);
  p.baseQuantityUnitCode = attrText(p.$at, 'baseQuantityUnitCode', base, 'unitCode');
  const ac = child(el, CAC, 'AllowanceCharge');
  if (ac) {
    p.discount = text(p.$at, 'discount', child(ac, CBC, 'Amount'));
    p.grossPrice = text(p.$at, 'grossPrice', child(ac, CBC, 'BaseAmount'));
  }
  return p;
}

/** BG-25 from a cac:InvoiceLine or cac:CreditNoteLine (or a sub-line). */
function readLine(el: XmlElement): InvoiceLine {
  const line = blankLine(el);
  let item: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'ID':
          line.id ??= text(line.$at, 'id', c);
          break;
        case 'Note':
          line.note ??= text(line.$at, 'note', c);
          break;
        case 'InvoicedQuantity':
        case 'CreditedQuantity':
          if (line.quantity === undefined) {
            line.quantity = text(line.$at, 'quantity', c);
            line.unitCode = attrText(line.$at, 'unitCode', c, 'unitCode');
          }
          break;
        case 'LineExtensionAmount':
          line.netAmount ??= text(line.$at, 'netAmount', c);
          break;
        case 'AccountingCost':
          line.buyerAccountingRef ??= text(line.$at, 'buyerAccountingRef', c);
          break;
      }
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'InvoicePeriod':
        line.period ??= readPeriod(c);
        break;
      case 'OrderLineReference':
        line.orderLineRef ??= text(line.$at, 'orderLineRef', child(c, CBC, 'LineID'));
        break;
      case 'DocumentReference': {
        const id = child(c, CBC, 'ID');
        if (id && !line.objectId) line.objectId = identifier(id);
        break;
      }
      case 'AllowanceCharge': {
        // A line allowance or charge may carry a VAT category too (the official category
        // rules see it), though EN 16931 has no term for it.
        const { charge, ac } = readAllowanceCharge(c);
        if (charge === true) line.charges.push(ac);
        else if (charge === false) line.allowances.push(ac);
        break;
      }
      case 'Item':
        item ??= c;
        break;
      case 'Price':
        line.price ??= readPrice(c);
        break;
      case 'SubInvoiceLine':
      case 'SubCreditNoteLine':
        (line.subLines ??= []).push(readLine(c));
        break;
    }
  }
  if (item) line.item = readItem(item, line);
  return line;
}

/** Splits the '#CODE#text' convention that carries BT-21 in a UBL note. */
function readNote(el: XmlElement): Note {
  const text = el.text;
  const note = blankNote(el, text);
  note.$at.text = el;
  if (text.charCodeAt(0) === 35 /* # */) {
    const end = text.indexOf('#', 1);
    if (end > 1 && end <= 4) {
      let letters = true;
      for (let i = 1; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch < 65 || ch > 90) letters = false;
      }
      if (letters) {
        note.subjectCode = text.slice(1, end);
        note.text = text.slice(end + 1);
        note.$at.subjectCode = el;
      }
    }
  }
  return note;
}

/** UBL 2.1 Invoice or CreditNote → model. Never throws. */
export function readUbl(root: XmlElement): Invoice {
  const inv = blankInvoice(root);
  inv.syntax = 'UBL';
  inv.ublDocument = root.local === 'CreditNote' ? 'CreditNote' : 'Invoice';
  try {
    readInto(inv, root);
  } catch {
    // Defensive only: the walk above tolerates any tree. A partial model is still useful.
  }
  return inv;
}

function readInto(inv: Read<Invoice>, root: XmlElement): void {
  const isCreditNote = inv.ublDocument === 'CreditNote';
  let invoicePeriod: XmlElement | undefined;
  let supplier: XmlElement | undefined;
  let customer: XmlElement | undefined;
  let payee: XmlElement | undefined;
  let taxRep: XmlElement | undefined;
  let delivery: XmlElement | undefined;
  let monetaryTotal: XmlElement | undefined;
  let paymentTerms: XmlElement | undefined;
  let projectRef: XmlElement | undefined;
  const means: XmlElement[] = [];
  const taxTotals: XmlElement[] = [];

  for (const c of root.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'CustomizationID':
          inv.specificationId ??= text(inv.$at, 'specificationId', c);
          break;
        case 'ProfileID':
          inv.businessProcessType ??= text(inv.$at, 'businessProcessType', c);
          break;
        case 'ID':
          inv.id ??= text(inv.$at, 'id', c);
          break;
        case 'IssueDate':
          inv.issueDate ??= text(inv.$at, 'issueDate', c);
          break;
        case 'DueDate':
          inv.dueDate ??= text(inv.$at, 'dueDate', c);
          break;
        case 'InvoiceTypeCode':
        case 'CreditNoteTypeCode':
          inv.typeCode ??= text(inv.$at, 'typeCode', c);
          break;
        case 'Note':
          inv.notes.push(readNote(c));
          break;
        case 'TaxPointDate':
          inv.taxPointDate ??= text(inv.$at, 'taxPointDate', c);
          break;
        case 'DocumentCurrencyCode':
          inv.currencyCode ??= text(inv.$at, 'currencyCode', c);
          break;
        case 'TaxCurrencyCode':
          inv.vatAccountingCurrencyCode ??= text(inv.$at, 'vatAccountingCurrencyCode', c);
          break;
        case 'AccountingCost':
          inv.buyerAccountingReference ??= text(inv.$at, 'buyerAccountingReference', c);
          break;
        case 'BuyerReference':
          inv.buyerReference ??= text(inv.$at, 'buyerReference', c);
          break;
      }
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'InvoicePeriod':
        invoicePeriod ??= c;
        break;
      case 'OrderReference':
        inv.purchaseOrderReference ??= text(inv.$at, 'purchaseOrderReference', child(c, CBC, 'ID'));
        inv.salesOrderReference ??= text(
          inv.$at,
          'salesOrderReference',
          child(c, CBC, 'SalesOrderID'),
        );
        break;
      case 'BillingReference': {
        // One BG-3 per BillingReference (UBL-SR-06 reports a repeated document reference).
        // The id is required in the model: an absent one reads as '' without an $at entry,
        // which is how BR-55 (existence, not emptiness) tells them apart.
        const ref = child(c, CAC, 'InvoiceDocumentReference');
        const id = child(ref, CBC, 'ID');
        const p = blankPrecedingInvoice(ref ?? c);
        if (id) p.id = text(p.$at, 'id', id)!;
        p.issueDate = text(p.$at, 'issueDate', child(ref, CBC, 'IssueDate'));
        inv.precedingInvoices.push(p);
        break;
      }
      case 'DespatchDocumentReference':
        inv.despatchAdviceReference ??= text(
          inv.$at,
          'despatchAdviceReference',
          child(c, CBC, 'ID'),
        );
        break;
      case 'ReceiptDocumentReference':
        inv.receivingAdviceReference ??= text(
          inv.$at,
          'receivingAdviceReference',
          child(c, CBC, 'ID'),
        );
        break;
      case 'OriginatorDocumentReference':
        inv.tenderOrLotReference ??= text(inv.$at, 'tenderOrLotReference', child(c, CBC, 'ID'));
        break;
      case 'ContractDocumentReference':
        inv.contractReference ??= text(inv.$at, 'contractReference', child(c, CBC, 'ID'));
        break;
      case 'AdditionalDocumentReference': {
        const id = child(c, CBC, 'ID');
        const typeCode = child(c, CBC, 'DocumentTypeCode')?.text;
        if (typeCode === '130') {
          // BT-18 (the invoiced object); a repeated one is reported by UBL-SR-04.
          if (id && !inv.invoicedObjectId) inv.invoicedObjectId = identifier(id);
        } else if (typeCode === '50' && isCreditNote) {
          // A UBL CreditNote has no ProjectReference: BT-11 travels here instead.
          projectRef ??= id;
        } else inv.additionalDocuments.push(readAdditionalDocument(c, id));
        break;
      }
      case 'ProjectReference':
        inv.projectReference ??= text(inv.$at, 'projectReference', child(c, CBC, 'ID'));
        break;
      case 'AccountingSupplierParty':
        supplier ??= c;
        break;
      case 'AccountingCustomerParty':
        customer ??= c;
        break;
      case 'PayeeParty':
        payee ??= c;
        break;
      case 'TaxRepresentativeParty':
        taxRep ??= c;
        break;
      case 'Delivery':
        delivery ??= c;
        break;
      case 'PaymentMeans':
        means.push(c);
        break;
      case 'PaymentTerms':
        paymentTerms ??= c;
        break;
      case 'AllowanceCharge': {
        const { charge, ac } = readAllowanceCharge(c);
        if (charge === true) inv.charges.push(ac);
        else if (charge === false) inv.allowances.push(ac);
        break;
      }
      case 'TaxTotal':
        taxTotals.push(c);
        break;
      case 'LegalMonetaryTotal':
        monetaryTotal ??= c;
        break;
      case 'InvoiceLine':
      case 'CreditNoteLine':
        inv.lines.push(readLine(c));
        break;
    }
  }

  // ProjectReference wins over the CreditNote's type-50 document reference if both occur.
  inv.projectReference ??= text(inv.$at, 'projectReference', projectRef);
  if (paymentTerms)
    inv.paymentTerms = text(inv.$at, 'paymentTerms', child(paymentTerms, CBC, 'Note'));

  if (invoicePeriod) {
    const code = child(invoicePeriod, CBC, 'DescriptionCode');
    inv.vatPointDateCode = text(inv.$at, 'vatPointDateCode', code);
    const period = readPeriod(invoicePeriod);
    // A period holding only BT-8 is not BG-14; an empty one is kept so BR-CO-19 can see it.
    if (period.startDate !== undefined || period.endDate !== undefined || !code) {
      inv.invoicingPeriod = period;
    }
  }

  const sepa: XmlElement[] = [];
  if (supplier) inv.seller = readSeller(supplier, sepa);
  if (customer) inv.buyer = readBuyer(customer);
  if (payee) inv.payee = readPayee(payee, sepa);
  if (taxRep) inv.taxRepresentative = readTaxRepresentative(taxRep);
  if (delivery) inv.delivery = readDelivery(delivery);

  // BT-9: the Invoice's cbc:DueDate, or in a CreditNote (which has none) the payment due date.
  if (inv.dueDate === undefined) {
    for (const m of means) {
      const due = child(m, CBC, 'PaymentDueDate');
      if (due) {
        inv.dueDate = text(inv.$at, 'dueDate', due);
        break;
      }
    }
  }
  if (means.length > 0 || sepa.length > 0) inv.paymentInstructions = readPayment(means, sepa[0]);

  // BT-110 is the TaxTotal amount in the invoice currency, BT-111 the one in the VAT
  // accounting currency; BG-23 comes from the subtotals of every TaxTotal.
  let vatTotal: XmlElement | undefined;
  let vatTotalAccounting: XmlElement | undefined;
  for (const t of taxTotals) {
    const amount = child(t, CBC, 'TaxAmount');
    if (amount) {
      const currency = attr(amount, 'currencyID');
      if (currency !== undefined) {
        if (!vatTotal && currency === inv.currencyCode) vatTotal = amount;
        else if (!vatTotalAccounting && currency === inv.vatAccountingCurrencyCode)
          vatTotalAccounting = amount;
      }
    }
    for (const sub of t.children) {
      if (sub.local === 'TaxSubtotal' && sub.ns === CAC) inv.vatBreakdowns.push(readSubtotal(sub));
    }
  }
  if (monetaryTotal || vatTotal || vatTotalAccounting) {
    const totals = blankTotals(monetaryTotal);
    if (monetaryTotal) {
      for (const c of monetaryTotal.children) {
        if (c.ns !== CBC) continue;
        switch (c.local) {
          case 'LineExtensionAmount':
            totals.lineNetTotal ??= text(totals.$at, 'lineNetTotal', c);
            break;
          case 'TaxExclusiveAmount':
            totals.taxExclusiveAmount ??= text(totals.$at, 'taxExclusiveAmount', c);
            break;
          case 'TaxInclusiveAmount':
            totals.taxInclusiveAmount ??= text(totals.$at, 'taxInclusiveAmount', c);
            break;
          case 'AllowanceTotalAmount':
            totals.allowanceTotal ??= text(totals.$at, 'allowanceTotal', c);
            break;
          case 'ChargeTotalAmount':
            totals.chargeTotal ??= text(totals.$at, 'chargeTotal', c);
            break;
          case 'PrepaidAmount':
            totals.prepaidAmount ??= text(totals.$at, 'prepaidAmount', c);
            break;
          case 'PayableRoundingAmount':
            totals.roundingAmount ??= text(totals.$at, 'roundingAmount', c);
            break;
          case 'PayableAmount':
            totals.payableAmount ??= text(totals.$at, 'payableAmount', c);
            break;
        }
      }
    }
    totals.vatTotal = text(totals.$at, 'vatTotal', vatTotal);
    totals.vatTotalInAccountingCurrency = text(
      totals.$at,
      'vatTotalInAccountingCurrency',
      vatTotalAccounting,
    );
    inv.totals = totals;
  }
}
