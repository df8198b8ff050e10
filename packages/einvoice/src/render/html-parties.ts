/**
 * The parties of the HTML rendering: seller (BG-4), buyer (BG-7), payee (BG-10) and tax
 * representative (BG-11), each with its identifiers, address and contact. Every value from the
 * invoice goes through the Renderer (or `esc`): see html.ts for the invariants of the
 * rendering.
 */
import type { Buyer, Invoice, Payee, Seller, TaxRepresentative } from '../model/types.js';
import type { Renderer } from './html-renderer.js';

function partyName(name: string | undefined, r: Renderer, id: string): string {
  return name === undefined ? '' : `<p class="pname" data-bt="${id}">${r.text(name)}</p>`;
}

function seller(r: Renderer, s: Seller): void {
  r.out.push(
    `<section class="party" aria-labelledby="h-seller"><h3 id="h-seller">${r.label('BG-4')}</h3>`,
  );
  r.out.push(partyName(s.name, r, 'BT-27'));
  const f: string[] = [];
  r.field(f, 'BT-28', r.opt(s.tradingName, 'text'));
  for (const idf of s.identifiers) r.field(f, 'BT-29', r.ident(idf, 'BT-29-1'));
  r.field(f, 'BT-30', r.optIdent(s.legalRegistration, 'BT-30-1'));
  r.field(f, 'BT-31', r.opt(s.vatId, 'text'));
  r.field(f, 'BT-32', r.opt(s.taxRegistrationId, 'text'));
  r.field(f, 'BT-34', r.optIdent(s.electronicAddress, 'BT-34-1'));
  r.field(f, 'BT-33', r.opt(s.additionalLegalInfo, 'text'));
  r.address(s.address, 'BG-5', ['BT-35', 'BT-36', 'BT-162', 'BT-37', 'BT-38', 'BT-39', 'BT-40']);
  r.dl(f);
  r.contact(s.contact, 'BG-6', ['BT-41', 'BT-42', 'BT-43']);
  r.out.push('</section>');
}

function buyer(r: Renderer, b: Buyer): void {
  r.out.push(
    `<section class="party" aria-labelledby="h-buyer"><h3 id="h-buyer">${r.label('BG-7')}</h3>`,
  );
  r.out.push(partyName(b.name, r, 'BT-44'));
  const f: string[] = [];
  r.field(f, 'BT-45', r.opt(b.tradingName, 'text'));
  r.field(f, 'BT-46', r.optIdent(b.identifier, 'BT-46-1'));
  r.field(f, 'BT-47', r.optIdent(b.legalRegistration, 'BT-47-1'));
  r.field(f, 'BT-48', r.opt(b.vatId, 'text'));
  r.field(f, 'BT-49', r.optIdent(b.electronicAddress, 'BT-49-1'));
  r.address(b.address, 'BG-8', ['BT-50', 'BT-51', 'BT-163', 'BT-52', 'BT-53', 'BT-54', 'BT-55']);
  r.dl(f);
  r.contact(b.contact, 'BG-9', ['BT-56', 'BT-57', 'BT-58']);
  r.out.push('</section>');
}

function payee(r: Renderer, p: Payee): void {
  r.out.push(
    `<section class="party" aria-labelledby="h-payee"><h3 id="h-payee">${r.label('BG-10')}</h3>`,
  );
  r.out.push(partyName(p.name, r, 'BT-59'));
  const f: string[] = [];
  r.field(f, 'BT-60', r.optIdent(p.identifier, 'BT-60-1'));
  r.field(f, 'BT-61', r.optIdent(p.legalRegistration, 'BT-61-1'));
  r.dl(f);
  r.out.push('</section>');
}

function taxRep(r: Renderer, t: TaxRepresentative): void {
  r.out.push(
    `<section class="party" aria-labelledby="h-taxrep"><h3 id="h-taxrep">${r.label('BG-11')}</h3>`,
  );
  r.out.push(partyName(t.name, r, 'BT-62'));
  const f: string[] = [];
  r.field(f, 'BT-63', r.opt(t.vatId, 'text'));
  r.address(t.address, 'BG-12', ['BT-64', 'BT-65', 'BT-164', 'BT-66', 'BT-67', 'BT-68', 'BT-69']);
  r.dl(f);
  r.out.push('</section>');
}

/** The parties section: seller, buyer, payee and tax representative side by side. */
export function parties(r: Renderer, inv: Invoice): void {
  if (inv.seller || inv.buyer || inv.payee || inv.taxRepresentative) {
    r.sectionStart('parties', r.t('parties'), 'parties');
    r.out.push('<div class="grid2">');
    if (inv.seller) seller(r, inv.seller);
    if (inv.buyer) buyer(r, inv.buyer);
    if (inv.payee) payee(r, inv.payee);
    if (inv.taxRepresentative) taxRep(r, inv.taxRepresentative);
    r.out.push('</div></section>');
  }
}
