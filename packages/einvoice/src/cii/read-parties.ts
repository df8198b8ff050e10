/**
 * The parties of a CII invoice (BG-4 seller, BG-7 buyer, BG-10 payee, BG-11 tax
 * representative) with their addresses, contacts and electronic addresses.
 */
import type {
  Buyer,
  Contact,
  Identifier,
  Payee,
  PostalAddress,
  Seller,
  TaxRepresentative,
} from '../model/types.js';
import {
  blankAddress,
  blankBuyer,
  blankContact,
  blankIdentifier,
  blankPayee,
  blankSeller,
  blankTaxRepresentative,
  text,
} from '../model/blank.js';
import { identifier, partyId, RAM, ram, taxRegistration, type El } from './read-common.js';

export function address(el: El): PostalAddress | undefined {
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

export function seller(el: El): Seller | undefined {
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

export function buyer(el: El): Buyer | undefined {
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

export function payee(el: El): Payee | undefined {
  if (!el) return undefined;
  const p = blankPayee(el);
  const id = partyId(el);
  if (id) p.identifier = id;
  p.name = text(p.$at, 'name', ram(el, 'Name'));
  const legal = legalRegistration(el);
  if (legal) p.legalRegistration = legal;
  return p;
}

export function taxRepresentative(el: El): TaxRepresentative | undefined {
  if (!el) return undefined;
  const t = blankTaxRepresentative(el);
  t.name = text(t.$at, 'name', ram(el, 'Name'));
  const a = address(ram(el, 'PostalTradeAddress'));
  if (a) t.address = a;
  t.vatId = text(t.$at, 'vatId', taxRegistration(el, 'VA'));
  return t;
}
