/**
 * Renders any invoice model to a standalone, printable, accessible HTML5 document.
 *
 * Invariants:
 * - Every EN 16931 term present in the model is shown (attachments by name, MIME type and
 *   size, not their base64 content), labelled in French or English; each value carries its
 *   term id (visible small tag or `data-bt`) so a clerk can match it to a rule message.
 * - An invoice is hostile input: every value goes through `esc()`, nothing from the model is
 *   ever put in a tag name, a URL that is followed, a style or a script. The document has no
 *   script and no external resource (inline CSS only), so it can be shown or printed offline.
 * - Accessibility (RGAA / WCAG 2.1 AA): `lang` set, one h1, headings in order, tables with
 *   caption and scoped headers, contrast ≥ 4.5:1, severities spelt out (not colour alone).
 * - Linear in the number of lines: parts are pushed to one array and joined once.
 */
import type {
  AdditionalDocument,
  AllowanceCharge,
  Buyer,
  Contact,
  Identifier,
  Invoice,
  InvoiceLine,
  Payee,
  PaymentInstructions,
  Period,
  PostalAddress,
  Seller,
  TaxRepresentative,
} from '../model/types.js';
import type { Lang } from '../rules/types.js';
import type { ReportedFinding } from '../validate.js';
import { formatAmount, formatDate, formatPercent, formatQuantity } from './format.js';
import { codeName, termLabel, uiText, type CodeList, type UiKey } from './labels.js';

export interface RenderHtmlOptions {
  lang: Lang;
  /** Validation findings to show at the top (fatal errors first, then warnings). */
  findings?: ReportedFinding[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const TO_ESCAPE = /[&<>"']/g;
const NEEDS_ESCAPE = /[&<>"']/;

/** Text or attribute value made inert. */
export function esc(s: string): string {
  // Most values have nothing to escape: test first, allocate only when needed.
  return NEEDS_ESCAPE.test(s) ? s.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? c) : s;
}

/** Renders with one language; keeps the output array so nested parts append in order. */
class Renderer {
  readonly out: string[] = [];
  constructor(readonly lang: Lang) {}

  /** French sets a (no-break) space before a colon, English does not. */
  colon(): string {
    return this.lang === 'fr' ? '\u00a0: ' : ': ';
  }

  t(key: UiKey): string {
    return esc(uiText(key, this.lang));
  }

  /** Small visible tag with the term id. */
  tag(id: string): string {
    return ` <span class="bt">${id}</span>`;
  }

  /** Label of a term with its tag, as HTML. */
  label(id: string): string {
    return esc(termLabel(id, this.lang)) + this.tag(id);
  }

  /** A text value; '' (present but empty) is shown as such. */
  text(v: string): string {
    return v === '' ? `<span class="muted">${this.t('empty')}</span>` : esc(v);
  }

  date(v: string): string {
    return v === '' ? this.text(v) : esc(formatDate(v, this.lang));
  }

  amount(v: string): string {
    return v === '' ? this.text(v) : esc(formatAmount(v, this.lang));
  }

  qty(v: string): string {
    return v === '' ? this.text(v) : esc(formatQuantity(v, this.lang));
  }

  pct(v: string): string {
    return v === '' ? this.text(v) : esc(formatPercent(v, this.lang));
  }

  /** A code with its readable name when we know it. */
  code(v: string, list?: CodeList): string {
    const name = list ? codeName(list, v, this.lang) : undefined;
    return name ? `${this.text(v)} <span class="cname">(${esc(name)})</span>` : this.text(v);
  }

  /** An identifier with its scheme (and version), each tagged with its own term id. */
  ident(idf: Identifier, schemeTerm: string, versionTerm?: string): string {
    let s = `<span class="id">${this.text(idf.value)}</span>`;
    if (idf.scheme !== undefined) {
      s += ` <span class="sch" data-bt="${schemeTerm}">(${this.t('scheme')} ${this.text(idf.scheme)}${this.tag(schemeTerm)})</span>`;
    }
    if (versionTerm && idf.schemeVersion !== undefined) {
      s += ` <span class="sch" data-bt="${versionTerm}">(${this.t('version')} ${this.text(idf.schemeVersion)}${this.tag(versionTerm)})</span>`;
    }
    return s;
  }

  /** One label/value pair of a definition list, skipped when the value is absent. */
  field(fields: string[], id: string, html: string | undefined): void {
    if (html === undefined) return;
    fields.push(`<div class="f" data-bt="${id}"><dt>${this.label(id)}</dt><dd>${html}</dd></div>`);
  }

  dl(fields: string[], cls = 'fields'): void {
    if (fields.length) this.out.push(`<dl class="${cls}">${fields.join('')}</dl>`);
  }

  /** Postal address as printed on an envelope; each part keeps its term id. */
  address(a: PostalAddress | undefined, group: string, ids: readonly string[]): void {
    if (!a) return;
    const [l1, l2, l3, city, pc, sub, country] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const part = (id: string, v: string | undefined): string =>
      v === undefined ? '' : `<span data-bt="${id}">${this.text(v)}</span>`;
    const lines: string[] = [];
    if (a.line1 !== undefined) lines.push(part(l1, a.line1));
    if (a.line2 !== undefined) lines.push(part(l2, a.line2));
    if (a.line3 !== undefined) lines.push(part(l3, a.line3));
    const town = [part(pc, a.postCode), part(city, a.city)].filter(Boolean).join(' ');
    if (town) lines.push(town);
    if (a.countrySubdivision !== undefined) lines.push(part(sub, a.countrySubdivision));
    if (a.countryCode !== undefined) lines.push(part(country, a.countryCode));
    this.out.push(
      `<div class="addr" data-bt="${group}"><p class="grp">${this.label(group)}</p><address>${lines.join('<br>')}</address></div>`,
    );
  }

  contact(c: Contact | undefined, group: string, ids: readonly [string, string, string]): void {
    if (!c) return;
    const f: string[] = [];
    this.field(f, ids[0], c.name === undefined ? undefined : this.text(c.name));
    this.field(f, ids[1], c.phone === undefined ? undefined : this.text(c.phone));
    this.field(f, ids[2], c.email === undefined ? undefined : this.text(c.email));
    this.out.push(
      `<div class="contact" data-bt="${group}"><p class="grp">${this.label(group)}</p>`,
    );
    this.dl(f);
    this.out.push('</div>');
  }

  opt(v: string | undefined, kind: 'text' | 'date' | 'amount' | 'qty' | 'pct'): string | undefined {
    if (v === undefined) return undefined;
    return this[kind](v);
  }

  optCode(v: string | undefined, list?: CodeList): string | undefined {
    return v === undefined ? undefined : this.code(v, list);
  }

  optIdent(idf: Identifier | undefined, schemeTerm: string): string | undefined {
    return idf === undefined ? undefined : this.ident(idf, schemeTerm);
  }

  sectionStart(key: string, titleHtml: string, cls = ''): void {
    this.out.push(
      `<section class="sec ${cls}" aria-labelledby="h-${key}"><h2 id="h-${key}">${titleHtml}</h2>`,
    );
  }
}

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

function periodFields(
  r: Renderer,
  f: string[],
  p: Period | undefined,
  start: string,
  end: string,
): void {
  if (!p) return;
  r.field(f, start, r.opt(p.startDate, 'date'));
  r.field(f, end, r.opt(p.endDate, 'date'));
}

function findings(r: Renderer, list: ReportedFinding[]): void {
  const fatal = list.filter((f) => f.flag === 'fatal');
  const warn = list.filter((f) => f.flag !== 'fatal');
  const cls = fatal.length ? 'has-fatal' : warn.length ? 'has-warn' : 'ok';
  r.sectionStart('findings', r.t('findings'), `findings ${cls}`);
  const summary = fatal.length
    ? 'findingsFatal'
    : warn.length
      ? 'findingsWarnOnly'
      : 'findingsNone';
  r.out.push(`<p class="summary">${r.t(summary)}</p>`);
  if (list.length) {
    r.out.push('<ul class="flist">');
    for (const f of [...fatal, ...warn]) {
      const sev = f.flag === 'fatal' ? 'fatal' : 'warning';
      const loc: string[] = [];
      if (f.line > 0) loc.push(`${r.t('lineNo')} ${f.line}, ${r.t('columnNo')} ${f.column}`);
      if (f.path) loc.push(`<code>${esc(f.path)}</code>`);
      r.out.push(
        `<li class="finding ${sev}"><p class="fhead"><strong class="sev">${r.t(sev)}</strong> <code class="rule">${esc(f.id)}</code></p>` +
          `<p class="fmsg">${esc(f.message)}</p>` +
          (loc.length
            ? `<p class="floc">${r.t('location')}${r.colon()}${loc.join(' · ')}</p>`
            : '') +
          '</li>',
      );
    }
    r.out.push('</ul>');
  }
  r.out.push('</section>');
}

/** The allowances and charges of a line, as a compact list inside its description cell. */
function lineAllowancesCharges(r: Renderer, list: AllowanceCharge[], charge: boolean): string {
  if (!list.length) return '';
  const ids = charge
    ? ['BG-28', 'BT-141', 'BT-142', 'BT-143', 'BT-144', 'BT-145']
    : ['BG-27', 'BT-136', 'BT-137', 'BT-138', 'BT-139', 'BT-140'];
  const [g, amt, base, pct, reason, code] = ids as [string, string, string, string, string, string];
  const items: string[] = [];
  for (const ac of list) {
    const f: string[] = [];
    r.field(f, amt, r.opt(ac.amount, 'amount'));
    r.field(f, base, r.opt(ac.baseAmount, 'amount'));
    r.field(f, pct, r.opt(ac.percentage, 'pct'));
    r.field(f, reason, r.opt(ac.reason, 'text'));
    r.field(f, code, r.opt(ac.reasonCode, 'text'));
    // Line allowances have no VAT of their own in EN 16931; shown if a reader kept one.
    if (ac.vatCategoryCode !== undefined || ac.vatRate !== undefined) {
      r.field(f, 'BT-151', r.optCode(ac.vatCategoryCode, 'vatCategory'));
      r.field(f, 'BT-152', r.opt(ac.vatRate, 'pct'));
    }
    items.push(`<li><dl class="fields inline">${f.join('')}</dl></li>`);
  }
  return `<div class="sub" data-bt="${g}"><p class="grp">${r.label(g)}</p><ul class="aclist">${items.join('')}</ul></div>`;
}

function lineRows(r: Renderer, line: InvoiceLine, depth: number): void {
  const item = line.item;
  const d: string[] = [];
  if (item?.name !== undefined) {
    d.push(`<p class="iname" data-bt="BT-153">${r.text(item.name)}</p>`);
  }
  if (item?.description !== undefined) {
    d.push(`<p class="idesc" data-bt="BT-154">${r.text(item.description)}</p>`);
  }
  const f: string[] = [];
  if (item) {
    r.field(f, 'BT-155', r.opt(item.sellerId, 'text'));
    r.field(f, 'BT-156', r.opt(item.buyerId, 'text'));
    r.field(f, 'BT-157', r.optIdent(item.standardId, 'BT-157-1'));
    for (const c of item.classifications) r.field(f, 'BT-158', r.ident(c, 'BT-158-1', 'BT-158-2'));
    r.field(f, 'BT-159', r.opt(item.originCountry, 'text'));
    for (const a of item.attributes) {
      f.push(
        `<div class="f" data-bt="BG-32"><dt><span data-bt="BT-160">${r.text(a.name)}</span>${r.tag('BT-160')}</dt><dd><span data-bt="BT-161">${r.text(a.value)}</span>${r.tag('BT-161')}</dd></div>`,
      );
    }
  }
  r.field(f, 'BT-127', r.opt(line.note, 'text'));
  r.field(f, 'BT-128', r.optIdent(line.objectId, 'BT-128-1'));
  r.field(f, 'BT-132', r.opt(line.orderLineRef, 'text'));
  r.field(f, 'BT-133', r.opt(line.buyerAccountingRef, 'text'));
  periodFields(r, f, line.period, 'BT-134', 'BT-135');
  const p = line.price;
  if (p) {
    r.field(f, 'BT-148', r.opt(p.grossPrice, 'amount'));
    r.field(f, 'BT-147', r.opt(p.discount, 'amount'));
    r.field(f, 'BT-149', r.opt(p.baseQuantity, 'qty'));
    r.field(f, 'BT-150', r.optCode(p.baseQuantityUnitCode, 'unit'));
  }
  if (f.length) d.push(`<dl class="fields inline">${f.join('')}</dl>`);
  d.push(lineAllowancesCharges(r, line.allowances, false));
  d.push(lineAllowancesCharges(r, line.charges, true));

  const vat: string[] = [];
  if (line.vatCategoryCode !== undefined) {
    vat.push(`<span data-bt="BT-151">${r.code(line.vatCategoryCode, 'vatCategory')}</span>`);
  }
  if (line.vatRate !== undefined) vat.push(`<span data-bt="BT-152">${r.pct(line.vatRate)}</span>`);
  const cell = (id: string, html: string | undefined, cls = ''): string =>
    `<td class="${cls}" data-bt="${id}">${html ?? ''}</td>`;
  const id =
    line.id === undefined ? `<span class="muted">${r.t('notProvided')}</span>` : r.text(line.id);
  r.out.push(
    `<tr class="${depth ? 'subline' : ''}"><th scope="row" data-bt="BT-126">${depth ? '↳ ' : ''}${id}</th>` +
      `<td class="desc">${d.join('')}</td>` +
      cell('BT-129', r.opt(line.quantity, 'qty'), 'num') +
      cell('BT-130', r.optCode(line.unitCode, 'unit')) +
      cell('BT-146', r.opt(p?.netPrice, 'amount'), 'num') +
      `<td class="vat" data-bt="BG-30">${vat.join('<br>')}</td>` +
      cell('BT-131', r.opt(line.netAmount, 'amount'), 'num') +
      '</tr>',
  );
  if (line.subLines) for (const sub of line.subLines) lineRows(r, sub, depth + 1);
}

function lines(r: Renderer, inv: Invoice): void {
  if (!inv.lines.length) return;
  r.sectionStart('lines', r.label('BG-25'), 'lines');
  const cur = inv.currencyCode ? ` (${r.text(inv.currencyCode)})` : '';
  r.out.push(
    `<table class="grid lines"><caption>${r.t('linesCaption')}${cur}</caption>` +
      // Fixed layout: column widths do not depend on a 100,000-line body (and print stably).
      '<colgroup><col style="width:8%"><col style="width:40%"><col style="width:10%"><col style="width:9%"><col style="width:11%"><col style="width:10%"><col style="width:12%"></colgroup>' +
      '<thead><tr>' +
      `<th scope="col">${r.label('BT-126')}</th>` +
      `<th scope="col">${r.label('BT-153')}</th>` +
      `<th scope="col" class="num">${r.label('BT-129')}</th>` +
      `<th scope="col">${r.label('BT-130')}</th>` +
      `<th scope="col" class="num">${r.label('BT-146')}</th>` +
      `<th scope="col">${esc(termLabel('BT-152', r.lang))}${r.tag('BG-30')}</th>` +
      `<th scope="col" class="num">${r.label('BT-131')}</th>` +
      '</tr></thead><tbody>',
  );
  for (const line of inv.lines) lineRows(r, line, 0);
  r.out.push('</tbody></table></section>');
}

function docAllowancesCharges(r: Renderer, inv: Invoice): void {
  if (!inv.allowances.length && !inv.charges.length) return;
  r.sectionStart('ac', `${r.t('allowancesCharges')}${r.tag('BG-20')}${r.tag('BG-21')}`);
  r.out.push(
    `<table class="grid"><caption>${r.t('docAllowancesCaption')}</caption><thead><tr>` +
      `<th scope="col">${r.t('kind')}</th>` +
      `<th scope="col">${esc(termLabel('BT-97', r.lang))}${r.tag('BT-97')}${r.tag('BT-104')}</th>` +
      `<th scope="col">${esc(termLabel('BT-98', r.lang))}${r.tag('BT-98')}${r.tag('BT-105')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-93', r.lang))}${r.tag('BT-93')}${r.tag('BT-100')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-94', r.lang))}${r.tag('BT-94')}${r.tag('BT-101')}</th>` +
      `<th scope="col">${esc(termLabel('BT-95', r.lang))}${r.tag('BT-95')}${r.tag('BT-102')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-96', r.lang))}${r.tag('BT-96')}${r.tag('BT-103')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-92', r.lang))}${r.tag('BT-92')}${r.tag('BT-99')}</th>` +
      '</tr></thead><tbody>',
  );
  const row = (ac: AllowanceCharge, charge: boolean): void => {
    const ids = charge
      ? ['BG-21', 'BT-104', 'BT-105', 'BT-100', 'BT-101', 'BT-102', 'BT-103', 'BT-99']
      : ['BG-20', 'BT-97', 'BT-98', 'BT-93', 'BT-94', 'BT-95', 'BT-96', 'BT-92'];
    const c = (i: number, html: string | undefined, cls = ''): string =>
      `<td class="${cls}" data-bt="${ids[i] ?? ''}">${html ?? ''}</td>`;
    r.out.push(
      `<tr><th scope="row" data-bt="${ids[0] ?? ''}">${r.t(charge ? 'charge' : 'allowance')}</th>` +
        c(1, r.opt(ac.reason, 'text')) +
        c(2, r.opt(ac.reasonCode, 'text')) +
        c(3, r.opt(ac.baseAmount, 'amount'), 'num') +
        c(4, r.opt(ac.percentage, 'pct'), 'num') +
        c(5, r.optCode(ac.vatCategoryCode, 'vatCategory')) +
        c(6, r.opt(ac.vatRate, 'pct'), 'num') +
        c(7, r.opt(ac.amount, 'amount'), 'num') +
        '</tr>',
    );
  };
  for (const a of inv.allowances) row(a, false);
  for (const c of inv.charges) row(c, true);
  r.out.push('</tbody></table></section>');
}

function vatBreakdown(r: Renderer, inv: Invoice): void {
  if (!inv.vatBreakdowns.length) return;
  r.sectionStart('vat', r.label('BG-23'));
  r.out.push(
    `<table class="grid"><caption>${r.t('vatCaption')}</caption><thead><tr>` +
      `<th scope="col">${r.label('BT-118')}</th>` +
      `<th scope="col" class="num">${r.label('BT-119')}</th>` +
      `<th scope="col" class="num">${r.label('BT-116')}</th>` +
      `<th scope="col" class="num">${r.label('BT-117')}</th>` +
      `<th scope="col">${r.label('BT-120')}</th>` +
      `<th scope="col">${r.label('BT-121')}</th>` +
      '</tr></thead><tbody>',
  );
  for (const v of inv.vatBreakdowns) {
    const cat = v.categoryCode === undefined ? '' : r.code(v.categoryCode, 'vatCategory');
    r.out.push(
      `<tr><th scope="row" data-bt="BT-118">${cat}</th>` +
        `<td class="num" data-bt="BT-119">${r.opt(v.rate, 'pct') ?? ''}</td>` +
        `<td class="num" data-bt="BT-116">${r.opt(v.taxableAmount, 'amount') ?? ''}</td>` +
        `<td class="num" data-bt="BT-117">${r.opt(v.taxAmount, 'amount') ?? ''}</td>` +
        `<td data-bt="BT-120">${r.opt(v.exemptionReason, 'text') ?? ''}</td>` +
        `<td data-bt="BT-121">${r.opt(v.exemptionReasonCode, 'text') ?? ''}</td></tr>`,
    );
  }
  r.out.push('</tbody></table></section>');
}

function totals(r: Renderer, inv: Invoice): void {
  const t = inv.totals;
  if (!t) return;
  const cur = inv.currencyCode === undefined ? '' : ` ${r.text(inv.currencyCode)}`;
  const acc =
    inv.vatAccountingCurrencyCode === undefined ? '' : ` ${r.text(inv.vatAccountingCurrencyCode)}`;
  const rows: [string, string | undefined, string, string?][] = [
    ['BT-106', t.lineNetTotal, cur],
    ['BT-107', t.allowanceTotal, cur],
    ['BT-108', t.chargeTotal, cur],
    ['BT-109', t.taxExclusiveAmount, cur, 'strong'],
    ['BT-110', t.vatTotal, cur],
    ['BT-111', t.vatTotalInAccountingCurrency, acc],
    ['BT-112', t.taxInclusiveAmount, cur, 'strong'],
    ['BT-113', t.prepaidAmount, cur],
    ['BT-114', t.roundingAmount, cur],
    ['BT-115', t.payableAmount, cur, 'due'],
  ];
  r.sectionStart('totals', r.label('BG-22'), 'totals');
  r.out.push(`<table class="tot"><caption>${r.t('totalsCaption')}</caption><tbody>`);
  for (const [id, v, c, cls] of rows) {
    if (v === undefined) continue;
    r.out.push(
      `<tr class="${cls ?? ''}"><th scope="row">${r.label(id)}</th><td class="num" data-bt="${id}">${r.amount(v)}${c}</td></tr>`,
    );
  }
  r.out.push('</tbody></table></section>');
}

function payment(r: Renderer, inv: Invoice, pi: PaymentInstructions | undefined): void {
  if (!pi && inv.paymentTerms === undefined && inv.dueDate === undefined) return;
  r.sectionStart('payment', r.label('BG-16'), 'payment');
  const f: string[] = [];
  r.field(f, 'BT-9', r.opt(inv.dueDate, 'date'));
  r.field(f, 'BT-20', r.opt(inv.paymentTerms, 'text'));
  if (pi) {
    r.field(f, 'BT-81', r.optCode(pi.meansCode, 'paymentMeans'));
    r.field(f, 'BT-82', r.opt(pi.meansText, 'text'));
    r.field(f, 'BT-83', r.opt(pi.remittanceInformation, 'text'));
  }
  r.dl(f);
  if (pi) {
    for (const ct of pi.creditTransfers) {
      const g: string[] = [];
      r.field(g, 'BT-84', r.opt(ct.accountId, 'text'));
      r.field(g, 'BT-85', r.opt(ct.accountName, 'text'));
      r.field(g, 'BT-86', r.opt(ct.serviceProviderId, 'text'));
      r.out.push(`<div class="sub" data-bt="BG-17"><p class="grp">${r.label('BG-17')}</p>`);
      r.dl(g, 'fields bank');
      r.out.push('</div>');
    }
    if (pi.card) {
      const g: string[] = [];
      r.field(g, 'BT-87', r.opt(pi.card.primaryAccountNumber, 'text'));
      r.field(g, 'BT-88', r.opt(pi.card.holderName, 'text'));
      r.out.push(`<div class="sub" data-bt="BG-18"><p class="grp">${r.label('BG-18')}</p>`);
      r.dl(g);
      r.out.push('</div>');
    }
    if (pi.directDebit) {
      const g: string[] = [];
      r.field(g, 'BT-89', r.opt(pi.directDebit.mandateReference, 'text'));
      r.field(g, 'BT-90', r.opt(pi.directDebit.creditorId, 'text'));
      r.field(g, 'BT-91', r.opt(pi.directDebit.debitedAccountId, 'text'));
      r.out.push(`<div class="sub" data-bt="BG-19"><p class="grp">${r.label('BG-19')}</p>`);
      r.dl(g);
      r.out.push('</div>');
    }
  }
  r.out.push('</section>');
}

/** Decoded size of a base64 text, counted without decoding it. */
function base64Size(b64: string): number {
  let n = 0;
  let pad = 0;
  for (let i = 0; i < b64.length; i++) {
    const c = b64.charCodeAt(i);
    if (c === 61) pad++;
    else if (c > 32) n++;
  }
  return Math.max(0, Math.floor(((n + pad) * 3) / 4) - pad);
}

function additionalDocuments(r: Renderer, docs: AdditionalDocument[]): void {
  if (!docs.length) return;
  r.sectionStart('docs', r.label('BG-24'));
  r.out.push(
    `<table class="grid"><caption>${r.t('documentsCaption')}</caption><thead><tr>` +
      `<th scope="col">${r.label('BT-122')}</th>` +
      `<th scope="col">${r.label('BT-123')}</th>` +
      `<th scope="col">${r.label('BT-124')}</th>` +
      `<th scope="col">${r.label('BT-125')}</th>` +
      '</tr></thead><tbody>',
  );
  for (const d of docs) {
    const att: string[] = [];
    if (d.attachment) {
      const a = d.attachment;
      if (a.filename !== undefined) {
        att.push(`<span data-bt="BT-125-2">${r.text(a.filename)}</span>${r.tag('BT-125-2')}`);
      }
      if (a.mimeCode !== undefined) {
        att.push(`<span data-bt="BT-125-1">${r.text(a.mimeCode)}</span>${r.tag('BT-125-1')}`);
      }
      att.push(
        `<span class="muted">${r.t('contentNotShown')}, ${esc(formatQuantity(String(base64Size(a.content)), r.lang))} ${r.t('bytes')}</span>`,
      );
    }
    // The type code tells BT-18 (130) or BT-17 (50) references apart in UBL; shown as is.
    const type =
      d.typeCode === undefined
        ? ''
        : ` <span class="muted">(${esc(termLabel('BT-3', r.lang).toLowerCase())} ${r.text(d.typeCode)})</span>`;
    r.out.push(
      `<tr><th scope="row" data-bt="BT-122">${r.text(d.id)}${type}</th>` +
        `<td data-bt="BT-123">${r.opt(d.description, 'text') ?? ''}</td>` +
        // A URL from the invoice is shown, never made a live link (hostile input).
        `<td data-bt="BT-124" class="uri">${r.opt(d.externalUri, 'text') ?? ''}</td>` +
        `<td data-bt="BT-125">${att.join('<br>')}</td></tr>`,
    );
  }
  r.out.push('</tbody></table></section>');
}

const CSS = `
*{box-sizing:border-box}
html{font-family:"Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif;font-size:10pt;color:#1b1f24;background:#fff;line-height:1.4}
body{margin:0}
.page{max-width:210mm;margin:0 auto;padding:12mm 14mm}
h1{font-size:20pt;margin:0 0 2mm;color:#16325c;letter-spacing:.01em}
h2{font-size:12pt;margin:7mm 0 2mm;color:#16325c;border-bottom:1.5px solid #16325c;padding-bottom:1mm}
h3{font-size:10.5pt;margin:0 0 1.5mm;color:#16325c;text-transform:uppercase;letter-spacing:.04em}
.bt{font:normal 7pt/1 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;color:#4a5360;background:#eef1f4;border-radius:2px;padding:1px 3px;margin-left:2px;white-space:nowrap;text-transform:none;letter-spacing:0;vertical-align:1px}
.muted{color:#4a5360}
.cname,.sch{color:#4a5360}
.top{display:flex;justify-content:space-between;gap:8mm;align-items:flex-start;border-bottom:3px solid #16325c;padding-bottom:4mm}
.top .subtitle{margin:0;color:#4a5360}
.keyfacts{margin:0;display:grid;grid-template-columns:auto auto;gap:1mm 4mm;min-width:70mm}
.keyfacts .f{display:contents}
.keyfacts dt{color:#4a5360}
.keyfacts dd{margin:0;font-weight:600;text-align:right}
.parties .grid2{display:grid;grid-template-columns:1fr 1fr;gap:5mm}
.party{border:1px solid #c9d1da;border-radius:3px;padding:3mm}
.pname{font-weight:700;font-size:11pt;margin:0 0 1.5mm}
.grp{margin:2mm 0 .5mm;font-size:8.5pt;color:#4a5360;font-weight:600}
address{font-style:normal;white-space:pre-line}
dl.fields{margin:1mm 0;display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:.6mm 3mm}
dl.fields .f{display:contents}
dl.fields dt{color:#4a5360}
dl.fields dd{margin:0;overflow-wrap:anywhere}
dl.refs{grid-template-columns:minmax(0,1.3fr) minmax(0,1fr) minmax(0,1.3fr) minmax(0,1fr)}
dl.fields.inline{display:block;font-size:8pt;margin:.8mm 0 0}
dl.inline .f{display:block}
dl.inline dt{display:inline;color:#4a5360}
dl.inline dt::after{content:":"}
:lang(fr) dl.inline dt::after{content:"\\00a0:"}
dl.inline dd{display:inline;margin:0 0 0 1mm}
table{border-collapse:collapse;width:100%;margin:1mm 0}
caption{text-align:left;font-size:8.5pt;color:#4a5360;padding-bottom:1mm}
.grid th,.grid td{border-bottom:1px solid #c9d1da;padding:1.5mm 2mm;vertical-align:top;text-align:left}
.grid thead th{background:#16325c;color:#fff;font-weight:600;font-size:8.5pt;border-bottom:0}
.grid thead .bt{background:#2c4a78;color:#fff}
.grid tbody th{font-weight:600}
.grid tbody td,.grid tbody th{overflow-wrap:anywhere}
.num{text-align:right!important;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
table.lines{table-layout:fixed}

.iname{margin:0;font-weight:600}
.idesc{margin:.5mm 0 0;color:#1b1f24;white-space:pre-line}
.subline th{padding-left:6mm}
.aclist{list-style:none;margin:0;padding:0}
.sub{margin-top:1mm}
.totals .tot{width:auto;min-width:95mm;margin-left:auto}
.tot th{text-align:left;font-weight:normal;padding:1mm 3mm 1mm 0}
.tot td{padding:1mm 0 1mm 4mm}
.tot tr.strong th,.tot tr.strong td{font-weight:700}
.tot tr.due th,.tot tr.due td{font-weight:700;font-size:12pt;border-top:2px solid #16325c;padding-top:2mm;color:#16325c}
.notes p{white-space:pre-line;margin:0}
.notes li{margin-bottom:2mm}
ul.plain{list-style:none;padding:0;margin:0}
.uri{overflow-wrap:anywhere}
.findings{border:1px solid #c9d1da;border-left:6px solid #1f6f43;padding:2mm 4mm;margin-top:5mm;border-radius:3px}
.findings h2{border:0;margin-top:1mm}
.findings.has-fatal{border-left-color:#b00020;background:#fdf2f3}
.findings.has-warn{border-left-color:#8a5a00;background:#fff9ec}
.summary{font-weight:600;margin:0 0 2mm}
.flist{list-style:none;margin:0;padding:0}
.finding{border-top:1px solid #d9dee4;padding:1.5mm 0}
.finding p{margin:0}
.finding .sev{display:inline-block;border:1px solid currentColor;border-radius:2px;padding:0 1.5mm;font-size:8pt;text-transform:uppercase}
.finding.fatal .sev{color:#9b001c}
.finding.warning .sev{color:#6f4800}
.finding.fatal .sev::before{content:"\\2716\\00a0"}
.finding.warning .sev::before{content:"\\26A0\\00a0"}
.floc{font-size:8pt;color:#4a5360;overflow-wrap:anywhere}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:.9em}
footer{margin-top:8mm;border-top:1px solid #c9d1da;padding-top:2mm;font-size:8pt;color:#4a5360}
footer p{margin:.5mm 0}
@page{size:A4;margin:12mm 12mm 14mm}
@media print{
 .page{padding:0;max-width:none}
 html{font-size:9pt}
 tr,.party,.finding,dl.fields .f,.tot{break-inside:avoid}
 thead{display:table-header-group}
 h2,h3{break-after:avoid}
 .findings{background:none!important}
}
@media screen and (max-width:700px){.top{display:block}.parties .grid2{grid-template-columns:1fr}}
`;

/**
 * A complete HTML5 document showing the invoice: every term present in the model, labelled
 * in `options.lang`, with the validation findings first when given.
 */
export function renderHtml(invoice: Invoice, options: RenderHtmlOptions): string {
  const r = new Renderer(options.lang);
  const inv = invoice;
  const credit = inv.typeCode?.trim() === '381' || inv.ublDocument === 'CreditNote';
  const kind = r.t(credit ? 'creditNote' : 'invoice');
  const titleText =
    uiText(credit ? 'creditNote' : 'invoice', r.lang) +
    (inv.id ? ` ${inv.id}` : '') +
    (inv.seller?.name ? ` — ${inv.seller.name}` : '');

  r.out.push(
    `<!DOCTYPE html><html lang="${r.lang}"><head><meta charset="utf-8">` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${esc(titleText)}</title><style>${CSS}</style></head><body><div class="page">`,
  );

  // Header: what the document is, its number and the key dates.
  r.out.push('<header class="top"><div>');
  r.out.push(
    `<h1>${kind} ${r.t('invoiceNo')} <span data-bt="BT-1">${inv.id === undefined ? `<span class="muted">${r.t('notProvided')}</span>` : r.text(inv.id)}</span>${r.tag('BT-1')}</h1>`,
  );
  if (inv.typeCode !== undefined) {
    r.out.push(
      `<p class="subtitle" data-bt="BT-3">${r.label('BT-3')}${r.colon()}${r.code(inv.typeCode, 'invoiceType')}</p>`,
    );
  }
  r.out.push('</div>');
  const kf: string[] = [];
  r.field(kf, 'BT-2', r.opt(inv.issueDate, 'date'));
  r.field(kf, 'BT-9', r.opt(inv.dueDate, 'date'));
  r.field(kf, 'BT-5', r.opt(inv.currencyCode, 'text'));
  const due = inv.totals?.payableAmount;
  const dueCur = inv.currencyCode ? ` ${r.text(inv.currencyCode)}` : '';
  r.field(kf, 'BT-115', due === undefined ? undefined : r.amount(due) + dueCur);
  r.dl(kf, 'keyfacts');
  r.out.push('</header><main>');

  if (options.findings) findings(r, options.findings);

  // Parties.
  if (inv.seller || inv.buyer || inv.payee || inv.taxRepresentative) {
    r.sectionStart('parties', r.t('parties'), 'parties');
    r.out.push('<div class="grid2">');
    if (inv.seller) seller(r, inv.seller);
    if (inv.buyer) buyer(r, inv.buyer);
    if (inv.payee) payee(r, inv.payee);
    if (inv.taxRepresentative) taxRep(r, inv.taxRepresentative);
    r.out.push('</div></section>');
  }

  // References, dates and process control.
  const rf: string[] = [];
  r.field(rf, 'BT-7', r.opt(inv.taxPointDate, 'date'));
  r.field(rf, 'BT-8', r.optCode(inv.vatPointDateCode, 'vatPointDate'));
  r.field(rf, 'BT-6', r.opt(inv.vatAccountingCurrencyCode, 'text'));
  periodFields(r, rf, inv.invoicingPeriod, 'BT-73', 'BT-74');
  r.field(rf, 'BT-10', r.opt(inv.buyerReference, 'text'));
  r.field(rf, 'BT-11', r.opt(inv.projectReference, 'text'));
  r.field(rf, 'BT-12', r.opt(inv.contractReference, 'text'));
  r.field(rf, 'BT-13', r.opt(inv.purchaseOrderReference, 'text'));
  r.field(rf, 'BT-14', r.opt(inv.salesOrderReference, 'text'));
  r.field(rf, 'BT-15', r.opt(inv.receivingAdviceReference, 'text'));
  r.field(rf, 'BT-16', r.opt(inv.despatchAdviceReference, 'text'));
  r.field(rf, 'BT-17', r.opt(inv.tenderOrLotReference, 'text'));
  r.field(rf, 'BT-18', r.optIdent(inv.invoicedObjectId, 'BT-18-1'));
  r.field(rf, 'BT-19', r.opt(inv.buyerAccountingReference, 'text'));
  r.field(rf, 'BT-23', r.opt(inv.businessProcessType, 'text'));
  r.field(rf, 'BT-24', r.opt(inv.specificationId, 'text'));
  if (rf.length) {
    r.sectionStart('refs', r.t('references'));
    r.dl(rf, 'fields refs');
    r.out.push('</section>');
  }

  // Delivery.
  const dv = inv.delivery;
  if (dv) {
    r.sectionStart('delivery', r.label('BG-13'));
    const f: string[] = [];
    r.field(f, 'BT-70', r.opt(dv.partyName, 'text'));
    r.field(f, 'BT-71', r.optIdent(dv.locationId, 'BT-71-1'));
    r.field(f, 'BT-72', r.opt(dv.actualDate, 'date'));
    r.dl(f);
    r.address(dv.address, 'BG-15', [
      'BT-75',
      'BT-76',
      'BT-165',
      'BT-77',
      'BT-78',
      'BT-79',
      'BT-80',
    ]);
    r.out.push('</section>');
  }

  lines(r, inv);
  docAllowancesCharges(r, inv);
  vatBreakdown(r, inv);
  totals(r, inv);
  payment(r, inv, inv.paymentInstructions);

  if (inv.notes.length) {
    r.sectionStart('notes', r.label('BG-1'), 'notes');
    r.out.push('<ul class="plain">');
    for (const n of inv.notes) {
      const subj =
        n.subjectCode === undefined
          ? ''
          : `<p class="muted" data-bt="BT-21">${r.label('BT-21')}${r.colon()}${r.text(n.subjectCode)}</p>`;
      r.out.push(`<li>${subj}<p data-bt="BT-22">${r.text(n.text)}</p></li>`);
    }
    r.out.push('</ul></section>');
  }

  if (inv.precedingInvoices.length) {
    r.sectionStart('preceding', r.label('BG-3'));
    r.out.push(
      `<table class="grid"><caption>${r.t('precedingCaption')}</caption><thead><tr>` +
        `<th scope="col">${r.label('BT-25')}</th><th scope="col">${r.label('BT-26')}</th></tr></thead><tbody>`,
    );
    for (const p of inv.precedingInvoices) {
      r.out.push(
        `<tr><th scope="row" data-bt="BT-25">${r.text(p.id)}</th><td data-bt="BT-26">${r.opt(p.issueDate, 'date') ?? ''}</td></tr>`,
      );
    }
    r.out.push('</tbody></table></section>');
  }

  additionalDocuments(r, inv.additionalDocuments);

  r.out.push('</main><footer>');
  r.out.push(`<p>${r.t('generated')}</p>`);
  if (inv.syntax) {
    r.out.push(
      `<p>${r.t('source')}${r.colon()}${inv.syntax === 'UBL' ? 'UBL 2.1' : 'UN/CEFACT CII D16B'}${inv.ublDocument ? ` (${esc(inv.ublDocument)})` : ''}</p>`,
    );
  }
  r.out.push('</footer></div></body></html>');
  return r.out.join('');
}
