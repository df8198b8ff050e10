/**
 * The parties of a UBL invoice (BG-4 seller, BG-7 buyer, BG-10 payee, BG-11 tax
 * representative) and the delivery (BG-13), with their addresses and contacts.
 */
import type {
  Buyer,
  Contact,
  Delivery,
  Payee,
  PostalAddress,
  Seller,
  TaxRepresentative,
} from '../model/types.js';
import {
  blankAddress,
  blankBuyer,
  blankContact,
  blankDelivery,
  blankPayee,
  blankSeller,
  blankTaxRepresentative,
  text,
} from '../model/blank.js';
import { attr, child, children } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import { CAC, CBC, find, firstVat, identifier, isVatScheme } from './read-common.js';

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
export function readSeller(supplierParty: XmlElement, sepa: XmlElement[]): Seller {
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
export function readBuyer(customerParty: XmlElement): Buyer {
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
export function readPayee(el: XmlElement, sepa: XmlElement[]): Payee {
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
export function readTaxRepresentative(el: XmlElement): TaxRepresentative {
  const t = blankTaxRepresentative(el);
  t.name = text(t.$at, 'name', find(el, [CAC, 'PartyName'], [CBC, 'Name']));
  const pts = firstVat(el, 'PartyTaxScheme');
  if (pts) t.vatId = text(t.$at, 'vatId', child(pts, CBC, 'CompanyID'));
  const address = child(el, CAC, 'PostalAddress');
  if (address) t.address = readAddress(address);
  return t;
}

/** BG-13 */
export function readDelivery(el: XmlElement): Delivery {
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
