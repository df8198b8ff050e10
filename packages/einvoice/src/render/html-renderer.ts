/**
 * The building blocks of the HTML rendering: a Renderer holds the language and the output array
 * (parts are appended in order and joined once, so rendering stays linear), and turns model
 * values into escaped, labelled HTML: texts, dates, amounts, codes with their names,
 * identifiers with their schemes, definition-list fields, addresses, contacts, sections. Every
 * value goes through `esc`; each carries its EN 16931 term id (tag or `data-bt`).
 */
import type { Contact, Identifier, Period, PostalAddress } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import { esc } from './html-escape.js';
import { formatAmount, formatDate, formatPercent, formatQuantity } from './format.js';
import { codeName, termLabel, uiText, type CodeList, type UiKey } from './labels.js';

/** Renders with one language; keeps the output array so nested parts append in order. */
export class Renderer {
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

export function periodFields(
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
