/**
 * Our readable invoice layout on A4 pages: the visible part of the Factur-X we write and the
 * PDF rendering of any invoice. Seller and invoice identification at the top, buyer (and
 * delivery, payee, tax representative) next, references, the lines table (its header repeated
 * on every page it spans), VAT breakdown beside the totals, payment instructions, notes, and a
 * footer on every page.
 *
 * PDF/A constraints held here: only our embedded fonts are used (never a standard-14 font),
 * colours are DeviceRGB (covered by the sRGB output intent), nothing is transparent, and a
 * character the font lacks is replaced by '?' before drawing (PDF/A forbids showing .notdef).
 * Amounts are formatted from their decimal strings (render/format.ts): no float touches money.
 */
import {
  beginText,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingRgbColor,
  setFontAndSize,
  showText,
  type PDFDocument,
  type PDFName,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import type { Identifier, Invoice, InvoiceLine, PostalAddress } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import { num } from '../model/decimal.js';
import { formatAmount, formatDate, formatPercent, formatQuantity } from '../render/format.js';
import { codeName, termLabel } from '../render/labels.js';
import { fontBytes, type FontWeight } from './assets/fonts.js';
import { DocumentFont, shareFace, type SharedFace } from './write-font.js';

// ---------------------------------------------------------------------------------------------
// Page geometry (points) and palette

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = 42;
const RIGHT = PAGE_W - 42;
const WIDTH = RIGHT - LEFT;
const TOP = 44;
/** Content stops here (distance from the top); the footer lives below. */
const BOTTOM = PAGE_H - 60;

const INK = rgb(0.13, 0.15, 0.19);
const MUTED = rgb(0.42, 0.45, 0.51);
const ACCENT = rgb(0.1, 0.3, 0.5);
const ACCENT_LIGHT = rgb(0.92, 0.95, 0.98);
const FILL = rgb(0.965, 0.97, 0.978);
const RULE = rgb(0.84, 0.86, 0.9);
const WHITE = rgb(1, 1, 1);

// ---------------------------------------------------------------------------------------------
// The layout's own words (short headings; term labels come from render/labels.ts)

const WORDS = {
  invoice: ['FACTURE', 'INVOICE'],
  creditNote: ['AVOIR', 'CREDIT NOTE'],
  number: ['Numéro', 'Number'],
  date: ['Date', 'Date'],
  due: ['Échéance', 'Due date'],
  currency: ['Devise', 'Currency'],
  taxPoint: ['Date de TVA', 'VAT point date'],
  billTo: ['FACTURÉ À', 'BILL TO'],
  deliverTo: ['LIVRAISON', 'DELIVERY'],
  payee: ['BÉNÉFICIAIRE DU PAIEMENT', 'PAYEE'],
  taxRep: ['REPRÉSENTANT FISCAL', 'TAX REPRESENTATIVE'],
  vat: ['TVA', 'VAT'],
  registration: ['Immatriculation', 'Registration'],
  identifier: ['Identifiant', 'Identifier'],
  address: ['Adresse électronique', 'Electronic address'],
  references: ['RÉFÉRENCES', 'REFERENCES'],
  period: ['Période de facturation', 'Invoicing period'],
  preceding: ['Facture d’origine', 'Preceding invoice'],
  colNo: ['N°', 'No.'],
  colItem: ['Désignation', 'Description'],
  colQty: ['Qté', 'Qty'],
  colUnit: ['Unité', 'Unit'],
  colPrice: ['Prix unit. HT', 'Unit price'],
  colVat: ['TVA', 'VAT'],
  colAmount: ['Montant HT', 'Net amount'],
  sellerRef: ['Réf.', 'Ref.'],
  buyerRef: ['Réf. acheteur', 'Buyer ref.'],
  linePeriod: ['Période', 'Period'],
  allowance: ['Remise', 'Allowance'],
  charge: ['Frais', 'Charge'],
  grossPrice: ['Prix brut', 'Gross price'],
  priceDiscount: ['Remise sur prix', 'Price discount'],
  priceFor: ['pour', 'per'],
  orderLine: ['Ligne de commande', 'Order line'],
  accounting: ['Compte', 'Account'],
  origin: ['Origine', 'Origin'],
  vatBreakdown: ['VENTILATION DE LA TVA', 'VAT BREAKDOWN'],
  category: ['Catégorie', 'Category'],
  rate: ['Taux', 'Rate'],
  base: ['Base HT', 'Taxable amount'],
  vatAmount: ['Montant TVA', 'VAT amount'],
  exemption: ['Exonération', 'Exemption'],
  docAllowances: ['REMISES ET FRAIS', 'ALLOWANCES AND CHARGES'],
  lineTotal: ['Total des lignes HT', 'Sum of line net amounts'],
  allowances: ['Remises', 'Allowances'],
  charges: ['Frais', 'Charges'],
  totalNet: ['Total HT', 'Total without VAT'],
  totalVat: ['Total TVA', 'Total VAT'],
  totalVatAccounting: ['TVA en', 'VAT in'],
  totalGross: ['Total TTC', 'Total with VAT'],
  prepaid: ['Déjà payé', 'Paid amount'],
  rounding: ['Arrondi', 'Rounding'],
  payable: ['Net à payer', 'Amount due'],
  payment: ['PAIEMENT', 'PAYMENT'],
  means: ['Moyen de paiement', 'Payment means'],
  iban: ['IBAN', 'IBAN'],
  account: ['Compte', 'Account'],
  accountName: ['Titulaire', 'Account name'],
  bic: ['BIC', 'BIC'],
  remittance: ['Référence à rappeler', 'Payment reference'],
  terms: ['Conditions', 'Terms'],
  card: ['Carte', 'Card'],
  mandate: ['Mandat de prélèvement', 'Direct debit mandate'],
  creditor: ['Identifiant créancier', 'Creditor identifier'],
  debited: ['Compte débité', 'Debited account'],
  notes: ['NOTES', 'NOTES'],
  documents: ['PIÈCES JOINTES ET JUSTIFICATIVES', 'SUPPORTING DOCUMENTS'],
  page: ['Page', 'Page'],
  continued: ['suite', 'continued'],
  deliveryDate: ['Date de livraison', 'Delivery date'],
  location: ['Lieu', 'Location'],
  contact: ['Contact', 'Contact'],
} as const satisfies Record<string, readonly [string, string]>;

type Word = keyof typeof WORDS;

// ---------------------------------------------------------------------------------------------
// Fonts

interface Fonts {
  regular: DocumentFont;
  semibold: DocumentFont;
  /** Code points the embedded font draws (both weights share Inter's character set). */
  covers: (codePoint: number) => boolean;
}

const faces = new Map<FontWeight, SharedFace>();

async function face(weight: FontWeight): Promise<SharedFace> {
  let f = faces.get(weight);
  if (!f) {
    f = shareFace(await fontBytes(weight));
    faces.set(weight, f);
  }
  return f;
}

/** A subset tag (six capital letters, ISO 32000 9.6.4), random per document. */
function subsetTag(): string {
  const r = new Uint8Array(6);
  globalThis.crypto.getRandomValues(r);
  let tag = '';
  for (const b of r) tag += String.fromCharCode(65 + (b % 26));
  return tag;
}

async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [regular, semibold] = await Promise.all([face('regular'), face('semibold')]);
  const tag = subsetTag();
  return {
    regular: new DocumentFont(doc.context, regular, tag),
    semibold: new DocumentFont(doc.context, semibold, tag),
    covers: regular.covers,
  };
}

// ---------------------------------------------------------------------------------------------
// Text pieces

interface Style {
  font: 'regular' | 'semibold';
  size: number;
  color: RGB;
}

const BODY: Style = { font: 'regular', size: 8.6, color: INK };
const BODY_BOLD: Style = { font: 'semibold', size: 8.6, color: INK };
const SMALL: Style = { font: 'regular', size: 7.4, color: MUTED };
const LABEL: Style = { font: 'semibold', size: 7, color: ACCENT };
const NAME: Style = { font: 'semibold', size: 10.5, color: INK };

/** One laid-out line of a block. */
interface Line {
  text: string;
  style: Style;
}

function lineHeight(style: Style): number {
  return style.size * 1.38;
}

function blockHeight(lines: readonly Line[]): number {
  let h = 0;
  for (const l of lines) h += lineHeight(l.style);
  return h;
}

/** True for values worth printing (present and not blank). */
function has(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

class Canvas {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** Distance of the cursor from the top of the current page. */
  y = TOP;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly lang: Lang,
    private readonly continuation: string,
  ) {
    this.addPage();
  }

  /** The colon of a "label: value" pair, French putting a no-break space before it. */
  get colon(): string {
    return this.lang === 'fr' ? '\u00a0: ' : ': ';
  }

  w(key: Word): string {
    return WORDS[key][this.lang === 'fr' ? 0 : 1];
  }

  font(style: Style): DocumentFont {
    return style.font === 'semibold' ? this.fonts.semibold : this.fonts.regular;
  }

  /** Resource names of the fonts on each page, added on first use. */
  private readonly fontNames = new Map<PDFPage, Map<DocumentFont, PDFName>>();

  private fontName(font: DocumentFont): PDFName {
    let names = this.fontNames.get(this.page);
    if (!names) {
      names = new Map();
      this.fontNames.set(this.page, names);
    }
    let name = names.get(font);
    if (!name) {
      name = this.page.node.newFontDictionary(font.shared.postscriptName, font.ref);
      names.set(font, name);
    }
    return name;
  }

  /** The text with every character the font cannot draw replaced, controls made spaces. */
  clean(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
      else if (this.fonts.covers(cp)) out += ch;
      else out += '?';
    }
    return out;
  }

  width(text: string, style: Style): number {
    return this.font(style).width(text, style.size);
  }

  /** Wraps `text` (already cleaned or not) to `width`, breaking at spaces, inside words only
   * when a word alone is wider than the line. Newlines in the source start new lines. */
  wrap(text: string, style: Style, width: number): string[] {
    const out: string[] = [];
    for (const para of text.split(/\r\n|\r|\n/)) {
      const words = this.clean(para).split(' ');
      let line = '';
      for (const word of words) {
        if (word === '') continue;
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, style) <= width) {
          line = candidate;
          continue;
        }
        if (line) out.push(line);
        line = '';
        // A word too long for a line on its own: cut it by characters.
        let rest = word;
        while (this.width(rest, style) > width) {
          let n = rest.length - 1;
          while (n > 1 && this.width(rest.slice(0, n), style) > width) n--;
          out.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest;
      }
      if (line) out.push(line);
    }
    return out;
  }

  /** Lines of `text` wrapped to `width`, each in `style`. */
  lines(text: string | undefined, style: Style, width: number): Line[] {
    if (!has(text)) return [];
    return this.wrap(text, style, width).map((t) => ({ text: t, style }));
  }

  /** Draws `text` with its top at `top` (distance from the page top). */
  text(text: string, x: number, top: number, style: Style, align: 'left' | 'right' = 'left'): void {
    const clean = this.clean(text);
    const dx = align === 'right' ? this.width(clean, style) : 0;
    const font = this.font(style);
    const { red, green, blue } = style.color;
    this.page.pushOperators(
      pushGraphicsState(),
      setFillingRgbColor(red, green, blue),
      beginText(),
      setFontAndSize(this.fontName(font), style.size),
      moveText(x - dx, PAGE_H - top - style.size * 0.95),
      showText(font.encode(clean)),
      endText(),
      popGraphicsState(),
    );
  }

  /** Draws laid-out lines from `top`; returns the height used. */
  block(lines: readonly Line[], x: number, top: number): number {
    let y = top;
    for (const l of lines) {
      this.text(l.text, x, y, l.style);
      y += lineHeight(l.style);
    }
    return y - top;
  }

  rect(x: number, top: number, width: number, height: number, color: RGB): void {
    this.page.drawRectangle({ x, y: PAGE_H - top - height, width, height, color });
  }

  hline(x1: number, x2: number, top: number, color: RGB = RULE, thickness = 0.6): void {
    this.page.drawLine({
      start: { x: x1, y: PAGE_H - top },
      end: { x: x2, y: PAGE_H - top },
      thickness,
      color,
    });
  }

  addPage(): void {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    this.y = TOP;
    if (this.pages.length > 1) {
      this.text(`${this.continuation} (${this.w('continued')})`, LEFT, this.y, SMALL);
      this.y += 18;
    }
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.addPage();
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers on model values

const CREDIT_NOTE_CODES = new Set([
  '81',
  '83',
  '261',
  '262',
  '296',
  '308',
  '381',
  '396',
  '458',
  '532',
]);

function isCreditNote(inv: Invoice): boolean {
  return inv.ublDocument === 'CreditNote' || CREDIT_NOTE_CODES.has((inv.typeCode ?? '').trim());
}

function addressLines(a: PostalAddress | undefined): string[] {
  if (!a) return [];
  const out: string[] = [];
  for (const l of [a.line1, a.line2, a.line3]) if (has(l)) out.push(l);
  const city = [a.postCode, a.city].filter(has).join(' ');
  if (city) out.push(city);
  const region = [a.countrySubdivision, a.countryCode].filter(has).join(', ');
  if (region) out.push(region);
  return out;
}

function idText(id: Identifier | undefined): string | undefined {
  if (!id || !has(id.value)) return undefined;
  return has(id.scheme) ? `${id.value} (${id.scheme})` : id.value;
}

/** IBAN-looking account ids grouped by four for reading; anything else as written. */
function accountText(id: string): { iban: boolean; text: string } {
  const compact = id.replace(/\s+/g, '');
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact))
    return { iban: true, text: compact.replace(/(.{4})(?=.)/g, '$1 ') };
  return { iban: false, text: id };
}

function money(v: string | undefined, lang: Lang): string {
  return has(v) ? formatAmount(v.trim(), lang) : '';
}

// ---------------------------------------------------------------------------------------------
// Sections

function drawHeader(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const s = inv.seller;
  const leftW = 290;
  const left: Line[] = [];
  left.push(...c.lines(s?.name ?? '', { font: 'semibold', size: 15, color: INK }, leftW));
  if (has(s?.tradingName) && s.tradingName !== s.name)
    left.push(...c.lines(s.tradingName, SMALL, leftW));
  left.push({ text: '', style: { ...SMALL, size: 3 } });
  for (const l of addressLines(s?.address)) left.push(...c.lines(l, BODY, leftW));
  if (has(s?.vatId)) left.push(...c.lines(`${c.w('vat')} ${s.vatId}`, BODY, leftW));
  if (has(s?.taxRegistrationId))
    left.push(
      ...c.lines(`${termLabel('BT-32', lang)}${c.colon}${s.taxRegistrationId}`, SMALL, leftW),
    );
  const reg = idText(s?.legalRegistration);
  if (reg) left.push(...c.lines(`${c.w('registration')} ${reg}`, BODY, leftW));
  for (const id of s?.identifiers ?? []) {
    const t = idText(id);
    if (t) left.push(...c.lines(`${c.w('identifier')} ${t}`, SMALL, leftW));
  }
  const contact = [s?.contact?.name, s?.contact?.phone, s?.contact?.email].filter(has).join(' · ');
  if (contact) left.push(...c.lines(contact, SMALL, leftW));
  const ea = idText(s?.electronicAddress);
  if (ea) left.push(...c.lines(`${c.w('address')} ${ea}`, SMALL, leftW));

  const top = c.y;
  const leftH = c.block(left, LEFT, top);

  // Right: document kind and identification, right-aligned.
  const title = c.w(isCreditNote(inv) ? 'creditNote' : 'invoice');
  c.text(title, RIGHT, top - 2, { font: 'semibold', size: 22, color: ACCENT }, 'right');
  let y = top + 30;
  const code = (inv.typeCode ?? '').trim();
  if (code && code !== '380' && code !== '381') {
    const kind = codeName('invoiceType', code, lang);
    c.text(kind ? `${kind} (${code})` : code, RIGHT, y, SMALL, 'right');
    y += 12;
  }
  const rows: [string, string | undefined][] = [
    [c.w('number'), inv.id],
    [c.w('date'), has(inv.issueDate) ? formatDate(inv.issueDate, lang) : undefined],
    [c.w('due'), has(inv.dueDate) ? formatDate(inv.dueDate, lang) : undefined],
    [c.w('taxPoint'), has(inv.taxPointDate) ? formatDate(inv.taxPointDate, lang) : undefined],
    [c.w('currency'), inv.currencyCode],
  ];
  const labelX = RIGHT - 200;
  for (const [label, value] of rows) {
    if (!has(value)) continue;
    c.text(label, labelX, y, { ...BODY, color: MUTED });
    const wrapped = c.wrap(value, BODY_BOLD, 120);
    for (const part of wrapped) {
      c.text(part, RIGHT, y, BODY_BOLD, 'right');
      y += lineHeight(BODY_BOLD);
    }
    y += 2;
  }
  c.y = Math.max(top + leftH, y) + 16;
}

function partyLines(
  c: Canvas,
  width: number,
  heading: string,
  name: string | undefined,
  extra: (string | undefined)[],
  address: PostalAddress | undefined,
  tail: (string | undefined)[],
): Line[] {
  const out: Line[] = [{ text: heading, style: LABEL }];
  out.push({ text: '', style: { ...SMALL, size: 2 } });
  out.push(...c.lines(name ?? '', NAME, width));
  for (const e of extra) out.push(...c.lines(e, SMALL, width));
  for (const l of addressLines(address)) out.push(...c.lines(l, BODY, width));
  for (const t of tail) out.push(...c.lines(t, SMALL, width));
  return out;
}

function drawParties(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const gap = 14;
  const boxW = (WIDTH - gap) / 2;
  const pad = 9;
  const inner = boxW - 2 * pad;
  const b = inv.buyer;
  const buyer = partyLines(
    c,
    inner,
    c.w('billTo'),
    b?.name,
    [has(b?.tradingName) && b.tradingName !== b.name ? b.tradingName : undefined],
    b?.address,
    [
      has(b?.vatId) ? `${c.w('vat')} ${b.vatId}` : undefined,
      idText(b?.legalRegistration) && `${c.w('registration')} ${idText(b?.legalRegistration)}`,
      idText(b?.identifier) && `${c.w('identifier')} ${idText(b?.identifier)}`,
      [b?.contact?.name, b?.contact?.phone, b?.contact?.email].filter(has).join(' · '),
      idText(b?.electronicAddress) && `${c.w('address')} ${idText(b?.electronicAddress)}`,
    ],
  );

  const right: Line[] = [];
  const d = inv.delivery;
  if (d && (has(d.partyName) || d.address || has(d.actualDate) || d.locationId)) {
    right.push(
      ...partyLines(c, inner, c.w('deliverTo'), d.partyName, [], d.address, [
        has(d.actualDate) ? `${c.w('deliveryDate')} ${formatDate(d.actualDate, lang)}` : undefined,
        idText(d.locationId) && `${c.w('location')} ${idText(d.locationId)}`,
      ]),
    );
  }
  const p = inv.payee;
  if (p && (has(p.name) || p.identifier || p.legalRegistration)) {
    if (right.length) right.push({ text: '', style: BODY });
    right.push(
      ...partyLines(c, inner, c.w('payee'), p.name, [], undefined, [
        idText(p.identifier) && `${c.w('identifier')} ${idText(p.identifier)}`,
        idText(p.legalRegistration) && `${c.w('registration')} ${idText(p.legalRegistration)}`,
      ]),
    );
  }
  const t = inv.taxRepresentative;
  if (t && (has(t.name) || has(t.vatId))) {
    if (right.length) right.push({ text: '', style: BODY });
    right.push(
      ...partyLines(c, inner, c.w('taxRep'), t.name, [], t.address, [
        has(t.vatId) ? `${c.w('vat')} ${t.vatId}` : undefined,
      ]),
    );
  }

  const h = Math.max(blockHeight(buyer), blockHeight(right)) + 2 * pad;
  c.ensure(h);
  c.rect(LEFT, c.y, boxW, h, FILL);
  c.block(buyer, LEFT + pad, c.y + pad);
  if (right.length) {
    c.rect(LEFT + boxW + gap, c.y, boxW, h, FILL);
    c.block(right, LEFT + boxW + gap + pad, c.y + pad);
  }
  c.y += h + 16;
}

function drawReferences(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const items: [string, string][] = [];
  const add = (label: string, value: string | undefined): void => {
    if (has(value)) items.push([label, value]);
  };
  add(termLabel('BT-10', lang), inv.buyerReference);
  add(termLabel('BT-13', lang), inv.purchaseOrderReference);
  add(termLabel('BT-12', lang), inv.contractReference);
  add(termLabel('BT-11', lang), inv.projectReference);
  add(termLabel('BT-14', lang), inv.salesOrderReference);
  add(termLabel('BT-15', lang), inv.receivingAdviceReference);
  add(termLabel('BT-16', lang), inv.despatchAdviceReference);
  add(termLabel('BT-17', lang), inv.tenderOrLotReference);
  add(termLabel('BT-18', lang), idText(inv.invoicedObjectId));
  add(termLabel('BT-19', lang), inv.buyerAccountingReference);
  const period = inv.invoicingPeriod;
  if (period && (has(period.startDate) || has(period.endDate)))
    add(
      c.w('period'),
      `${has(period.startDate) ? formatDate(period.startDate, lang) : '…'} – ${
        has(period.endDate) ? formatDate(period.endDate, lang) : '…'
      }`,
    );
  if (has(inv.vatPointDateCode)) {
    const code = inv.vatPointDateCode.trim();
    add(termLabel('BT-8', lang), codeName('vatPointDate', code, lang) ?? code);
  }
  for (const pi of inv.precedingInvoices)
    add(
      c.w('preceding'),
      has(pi.issueDate) ? `${pi.id} (${formatDate(pi.issueDate, lang)})` : pi.id,
    );
  if (!items.length) return;

  const cols = 3;
  const colW = WIDTH / cols;
  const cells = items.map(([label, value]) => [
    ...c.lines(label, SMALL, colW - 10),
    ...c.lines(value, BODY_BOLD, colW - 10),
  ]);
  const rowHeights: number[] = [];
  for (let i = 0; i < cells.length; i += cols)
    rowHeights.push(Math.max(...cells.slice(i, i + cols).map(blockHeight)));
  c.ensure(20 + (rowHeights[0] ?? 0));
  c.text(c.w('references'), LEFT, c.y, LABEL);
  c.y += 12;
  c.hline(LEFT, RIGHT, c.y);
  c.y += 6;
  rowHeights.forEach((h, r) => {
    c.ensure(h + 6);
    for (let k = 0; k < cols; k++) {
      const cell = cells[r * cols + k];
      if (cell) c.block(cell, LEFT + k * colW, c.y);
    }
    c.y += h + 6;
  });
  c.y += 8;
}

interface Column {
  key: Word;
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { key: 'colNo', width: 30, align: 'left' },
  { key: 'colItem', width: 0, align: 'left' }, // takes what the others leave
  { key: 'colQty', width: 50, align: 'right' },
  { key: 'colUnit', width: 46, align: 'left' },
  { key: 'colPrice', width: 70, align: 'right' },
  { key: 'colVat', width: 50, align: 'right' },
  { key: 'colAmount', width: 76, align: 'right' },
];
COLUMNS[1]!.width = WIDTH - COLUMNS.reduce((s, col) => s + col.width, 0);

const CELL_PAD = 4;

function drawTableHeader(c: Canvas): void {
  const h = 18;
  c.rect(LEFT, c.y, WIDTH, h, ACCENT_LIGHT);
  let x = LEFT;
  for (const col of COLUMNS) {
    const label = c.w(col.key);
    const style: Style = { font: 'semibold', size: 7.4, color: ACCENT };
    if (col.align === 'right') c.text(label, x + col.width - CELL_PAD, c.y + 5.5, style, 'right');
    else c.text(label, x + CELL_PAD, c.y + 5.5, style);
    x += col.width;
  }
  c.y += h + 3;
}

/** The description cell: item name, then the line's details in small type. */
function lineDetails(c: Canvas, line: InvoiceLine, width: number, indent: number): Line[] {
  const lang = c.lang;
  const item = line.item;
  const out: Line[] = [];
  const w = width - indent;
  out.push(...c.lines(item?.name ?? '', BODY, w));
  out.push(...c.lines(item?.description, SMALL, w));
  const refs: string[] = [];
  if (has(item?.sellerId)) refs.push(`${c.w('sellerRef')} ${item.sellerId}`);
  if (has(item?.buyerId)) refs.push(`${c.w('buyerRef')} ${item.buyerId}`);
  const std = idText(item?.standardId);
  if (std) refs.push(std);
  if (refs.length) out.push(...c.lines(refs.join(' · '), SMALL, w));
  for (const cl of item?.classifications ?? []) {
    const t = idText(cl);
    if (t) out.push(...c.lines(`${termLabel('BT-158', lang)} ${t}`, SMALL, w));
  }
  for (const a of item?.attributes ?? [])
    out.push(...c.lines(`${a.name}${c.colon}${a.value}`, SMALL, w));
  if (has(item?.originCountry))
    out.push(...c.lines(`${c.w('origin')} ${item.originCountry}`, SMALL, w));
  const p = line.period;
  if (p && (has(p.startDate) || has(p.endDate)))
    out.push(
      ...c.lines(
        `${c.w('linePeriod')} ${has(p.startDate) ? formatDate(p.startDate, lang) : '…'} – ${
          has(p.endDate) ? formatDate(p.endDate, lang) : '…'
        }`,
        SMALL,
        w,
      ),
    );
  const price = line.price;
  if (price && (has(price.grossPrice) || has(price.discount))) {
    const parts: string[] = [];
    if (has(price.grossPrice)) parts.push(`${c.w('grossPrice')} ${money(price.grossPrice, lang)}`);
    if (has(price.discount)) parts.push(`${c.w('priceDiscount')} ${money(price.discount, lang)}`);
    out.push(...c.lines(parts.join(' · '), SMALL, w));
  }
  for (const [list, word] of [
    [line.allowances, c.w('allowance')],
    [line.charges, c.w('charge')],
  ] as const)
    for (const ac of list) {
      const what = [ac.reason, ac.reasonCode && `(${ac.reasonCode})`].filter(has).join(' ');
      const pct = has(ac.percentage) ? ` (${formatPercent(ac.percentage.trim(), lang)})` : '';
      out.push(
        ...c.lines(
          `${word}${what ? ` ${what}` : ''}${c.colon}${money(ac.amount, lang)}${pct}`,
          SMALL,
          w,
        ),
      );
    }
  if (has(line.orderLineRef))
    out.push(...c.lines(`${c.w('orderLine')} ${line.orderLineRef}`, SMALL, w));
  if (has(line.buyerAccountingRef))
    out.push(...c.lines(`${c.w('accounting')} ${line.buyerAccountingRef}`, SMALL, w));
  const obj = idText(line.objectId);
  if (obj) out.push(...c.lines(`${termLabel('BT-128', lang)} ${obj}`, SMALL, w));
  out.push(...c.lines(line.note, { ...SMALL, color: INK }, w));
  if (!out.length) out.push({ text: '', style: BODY });
  // Rows taller than a page are cut (never seen in practice; keeps the layout finite).
  const max = Math.floor((BOTTOM - TOP - 60) / lineHeight(SMALL));
  if (out.length > max) {
    out.length = max;
    out[max - 1] = { text: '…', style: SMALL };
  }
  return out;
}

function drawLine(c: Canvas, line: InvoiceLine, depth: number): void {
  const lang = c.lang;
  const itemCol = COLUMNS[1]!;
  const indent = Math.min(depth, 4) * 8;
  const details = lineDetails(c, line, itemCol.width - 2 * CELL_PAD, indent);
  const unit = has(line.unitCode)
    ? (codeName('unit', line.unitCode.trim(), lang) ?? line.unitCode.trim())
    : '';
  const price = line.price;
  const priceText = has(price?.netPrice) ? formatAmount(price.netPrice.trim(), lang) : '';
  const priceFor =
    has(price?.baseQuantity) && !(num(price.baseQuantity)?.eq(1) ?? false)
      ? `${c.w('priceFor')} ${formatQuantity(price.baseQuantity.trim(), lang)}`
      : '';
  const vat = [
    has(line.vatCategoryCode) ? line.vatCategoryCode.trim() : '',
    has(line.vatRate) ? formatPercent(line.vatRate.trim(), lang) : '',
  ]
    .filter((x) => x)
    .join(' ');
  const cells: string[] = [
    line.id ?? '',
    '',
    has(line.quantity) ? formatQuantity(line.quantity.trim(), lang) : '',
    unit,
    priceText,
    vat,
    money(line.netAmount, lang),
  ];
  const h = Math.max(blockHeight(details), lineHeight(BODY) * (priceFor ? 2 : 1)) + 7;
  if (c.y + h > BOTTOM) {
    c.addPage();
    drawTableHeader(c);
  }
  const top = c.y + 2;
  let x = LEFT;
  COLUMNS.forEach((col, i) => {
    if (i === 1) c.block(details, x + CELL_PAD + indent, top);
    else {
      const style = i === 6 ? BODY_BOLD : BODY;
      const text = c.wrap(cells[i] ?? '', style, col.width - 2 * CELL_PAD)[0] ?? '';
      if (col.align === 'right') c.text(text, x + col.width - CELL_PAD, top, style, 'right');
      else c.text(text, x + CELL_PAD, top, style);
      if (i === 4 && priceFor)
        c.text(priceFor, x + col.width - CELL_PAD, top + lineHeight(BODY), SMALL, 'right');
    }
    x += col.width;
  });
  c.y += h;
  c.hline(LEFT, RIGHT, c.y - 2);
  for (const sub of line.subLines ?? []) drawLine(c, sub, depth + 1);
}

function drawLines(c: Canvas, inv: Invoice): void {
  // Room for the header and the first row: a header alone at the foot of a page reads badly.
  const first = inv.lines[0];
  const firstH = first
    ? blockHeight(lineDetails(c, first, COLUMNS[1]!.width - 2 * CELL_PAD, 0))
    : 0;
  c.ensure(21 + Math.min(firstH + 9, 200));
  drawTableHeader(c);
  for (const line of inv.lines) drawLine(c, line, 0);
  c.y += 12;
}

function drawVatAndTotals(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const cur = has(inv.currencyCode) ? inv.currencyCode.trim() : '';

  // Left: VAT breakdown table, then document-level allowances and charges.
  const leftW = 300;
  const cols = [
    { w: 108, align: 'left' as const },
    { w: 44, align: 'right' as const },
    { w: 74, align: 'right' as const },
    { w: 74, align: 'right' as const },
  ];
  type Row = { cells: string[]; style: Style; note?: Line[] };
  const rows: Row[] = [];
  for (const v of inv.vatBreakdowns) {
    const code = (v.categoryCode ?? '').trim();
    const name = code ? (codeName('vatCategory', code, lang) ?? code) : '';
    const reason = [v.exemptionReasonCode, v.exemptionReason].filter(has).join(' – ');
    rows.push({
      cells: [
        code ? `${code} · ${name}` : '',
        has(v.rate) ? formatPercent(v.rate.trim(), lang) : '',
        money(v.taxableAmount, lang),
        money(v.taxAmount, lang),
      ],
      style: BODY,
      note: reason
        ? c.lines(`${c.w('exemption')}${c.colon}${reason}`, SMALL, leftW - 8)
        : undefined,
    });
  }
  const left: { draw: (top: number) => void; height: number }[] = [];
  if (rows.length) {
    const headH = 14;
    left.push({
      height: 14 + headH,
      draw: (top) => {
        c.text(c.w('vatBreakdown'), LEFT, top, LABEL);
        let x = LEFT;
        const heads = [c.w('category'), c.w('rate'), c.w('base'), c.w('vatAmount')];
        cols.forEach((col, i) => {
          const style: Style = { ...SMALL, font: 'semibold' };
          if (col.align === 'right') c.text(heads[i]!, x + col.w, top + 14, style, 'right');
          else c.text(heads[i]!, x, top + 14, style);
          x += col.w;
        });
        c.hline(LEFT, LEFT + leftW, top + 14 + headH - 2);
      },
    });
    for (const r of rows) {
      const first = c.wrap(r.cells[0] ?? '', r.style, cols[0]!.w - 4);
      const h = lineHeight(r.style) * Math.max(1, first.length) + blockHeight(r.note ?? []) + 4;
      left.push({
        height: h,
        draw: (top) => {
          let x = LEFT;
          cols.forEach((col, i) => {
            if (i === 0)
              c.block(
                first.map((t) => ({ text: t, style: r.style })),
                x,
                top + 2,
              );
            else c.text(r.cells[i] ?? '', x + col.w, top + 2, r.style, 'right');
            x += col.w;
          });
          if (r.note)
            c.block(r.note, LEFT, top + 2 + lineHeight(r.style) * Math.max(1, first.length));
        },
      });
    }
  }
  const acs = [
    ...inv.allowances.map((a) => ({ a, word: c.w('allowance'), sign: '-' })),
    ...inv.charges.map((a) => ({ a, word: c.w('charge'), sign: '+' })),
  ];
  if (acs.length) {
    left.push({
      height: 22,
      draw: (top) => c.text(c.w('docAllowances'), LEFT, top + 8, LABEL),
    });
    for (const { a, word } of acs) {
      const what = [a.reason, a.reasonCode && `(${a.reasonCode})`].filter(has).join(' ');
      const vat = [a.vatCategoryCode, has(a.vatRate) ? formatPercent(a.vatRate.trim(), lang) : '']
        .filter(has)
        .join(' ');
      const pct =
        has(a.percentage) && has(a.baseAmount)
          ? ` – ${formatPercent(a.percentage.trim(), lang)} × ${money(a.baseAmount, lang)}`
          : '';
      const desc = c.lines(
        `${word}${what ? ` ${what}` : ''}${pct}${vat ? ` · ${c.w('vat')} ${vat}` : ''}`,
        BODY,
        220,
      );
      left.push({
        height: blockHeight(desc) + 2,
        draw: (top) => {
          c.block(desc, LEFT, top);
          c.text(money(a.amount, lang), LEFT + leftW, top, BODY, 'right');
        },
      });
    }
  }

  // Right: totals.
  const t = inv.totals;
  const boxX = RIGHT - 200;
  const trow: [string, string | undefined, boolean][] = [];
  const withCur = (v: string | undefined): string | undefined =>
    has(v) ? `${money(v, lang)}${cur ? ` ${cur}` : ''}` : undefined;
  if (t) {
    trow.push([c.w('lineTotal'), withCur(t.lineNetTotal), false]);
    trow.push([c.w('allowances'), withCur(t.allowanceTotal), false]);
    trow.push([c.w('charges'), withCur(t.chargeTotal), false]);
    trow.push([c.w('totalNet'), withCur(t.taxExclusiveAmount), true]);
    trow.push([c.w('totalVat'), withCur(t.vatTotal), false]);
    if (has(t.vatTotalInAccountingCurrency))
      trow.push([
        `${c.w('totalVatAccounting')} ${inv.vatAccountingCurrencyCode ?? ''}`.trim(),
        `${money(t.vatTotalInAccountingCurrency, lang)} ${inv.vatAccountingCurrencyCode ?? ''}`.trim(),
        false,
      ]);
    trow.push([c.w('totalGross'), withCur(t.taxInclusiveAmount), true]);
    trow.push([c.w('prepaid'), withCur(t.prepaidAmount), false]);
    trow.push([c.w('rounding'), withCur(t.roundingAmount), false]);
  }
  const shown = trow.filter(([, v]) => has(v));
  const rowH = 14;
  const payH = has(t?.payableAmount) ? 26 : 0;
  const rightH = shown.length * rowH + (payH ? payH + 6 : 0);
  const leftH = left.reduce((s, b) => s + b.height, 0);

  c.ensure(Math.min(Math.max(rightH, leftH), BOTTOM - TOP - 40));
  const top = c.y;
  // Totals first (they must stay together); the left column may continue on later pages.
  let y = top;
  for (const [label, value, strong] of shown) {
    const style = strong ? BODY_BOLD : BODY;
    c.text(label, boxX + 8, y + 3, strong ? style : { ...style, color: MUTED });
    c.text(value!, RIGHT - 8, y + 3, style, 'right');
    y += rowH;
    c.hline(boxX, RIGHT, y - 0.5, RULE, 0.4);
  }
  const totalsPage = c.page;
  if (payH) {
    y += 6;
    c.rect(boxX, y, 200, payH, ACCENT);
    const style: Style = { font: 'semibold', size: 10.5, color: WHITE };
    c.text(c.w('payable'), boxX + 8, y + 7.5, style);
    c.text(
      `${money(t?.payableAmount, lang)}${cur ? ` ${cur}` : ''}`,
      RIGHT - 8,
      y + 7.5,
      style,
      'right',
    );
    y += payH;
  }
  let ly = top;
  for (const b of left) {
    if (ly + b.height > BOTTOM) {
      c.addPage();
      ly = c.y;
    }
    b.draw(ly);
    ly += b.height;
  }
  c.y = c.page === totalsPage ? Math.max(y, ly) + 18 : ly + 18;
}

function drawKeyValues(c: Canvas, title: string, rows: [string, string][]): void {
  if (!rows.length) return;
  const labelW = 130;
  const laid = rows.map(([k, v]) => ({
    k: c.lines(k, { ...BODY, color: MUTED }, labelW - 8),
    v: c.lines(v, BODY_BOLD, WIDTH - labelW),
  }));
  const first = laid[0]!;
  c.ensure(20 + Math.max(blockHeight(first.k), blockHeight(first.v)));
  c.text(title, LEFT, c.y, LABEL);
  c.y += 12;
  c.hline(LEFT, RIGHT, c.y);
  c.y += 6;
  for (const r of laid) {
    const h = Math.max(blockHeight(r.k), blockHeight(r.v)) + 3;
    c.ensure(h);
    c.block(r.k, LEFT, c.y);
    c.block(r.v, LEFT + labelW, c.y);
    c.y += h;
  }
  c.y += 12;
}

function drawPayment(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const rows: [string, string][] = [];
  const pi = inv.paymentInstructions;
  if (pi) {
    const code = (pi.meansCode ?? '').trim();
    const named = code ? (codeName('paymentMeans', code, lang) ?? code) : '';
    // The free text often repeats the code's name: show it only when it adds something.
    const extra =
      has(pi.meansText) && pi.meansText.trim().toLowerCase() !== named.toLowerCase()
        ? pi.meansText
        : undefined;
    const means = [named, extra].filter(has).join(' – ');
    if (means) rows.push([c.w('means'), means]);
    for (const ct of pi.creditTransfers) {
      if (has(ct.accountId)) {
        const acc = accountText(ct.accountId.trim());
        rows.push([acc.iban ? c.w('iban') : c.w('account'), acc.text]);
      }
      if (has(ct.accountName)) rows.push([c.w('accountName'), ct.accountName]);
      if (has(ct.serviceProviderId)) rows.push([c.w('bic'), ct.serviceProviderId]);
    }
    if (has(pi.remittanceInformation)) rows.push([c.w('remittance'), pi.remittanceInformation]);
    if (pi.card && has(pi.card.primaryAccountNumber))
      rows.push([
        c.w('card'),
        [pi.card.primaryAccountNumber, pi.card.holderName].filter(has).join(' – '),
      ]);
    const dd = pi.directDebit;
    if (dd) {
      if (has(dd.mandateReference)) rows.push([c.w('mandate'), dd.mandateReference]);
      if (has(dd.creditorId)) rows.push([c.w('creditor'), dd.creditorId]);
      if (has(dd.debitedAccountId))
        rows.push([c.w('debited'), accountText(dd.debitedAccountId.trim()).text]);
    }
  }
  if (has(inv.dueDate)) rows.push([c.w('due'), formatDate(inv.dueDate, lang)]);
  if (has(inv.paymentTerms)) rows.push([c.w('terms'), inv.paymentTerms]);
  drawKeyValues(c, c.w('payment'), rows);
}

function drawNotes(c: Canvas, inv: Invoice): void {
  const notes = inv.notes.filter((n) => has(n.text));
  if (!notes.length) return;
  const laid = notes.map((n) =>
    c.lines(has(n.subjectCode) ? `[${n.subjectCode.trim()}] ${n.text}` : n.text, BODY, WIDTH),
  );
  c.ensure(20 + lineHeight(BODY) * Math.min(3, laid[0]!.length));
  c.text(c.w('notes'), LEFT, c.y, LABEL);
  c.y += 12;
  c.hline(LEFT, RIGHT, c.y);
  c.y += 6;
  for (const lines of laid) {
    for (const l of lines) {
      c.ensure(lineHeight(l.style));
      c.text(l.text, LEFT, c.y, l.style);
      c.y += lineHeight(l.style);
    }
    c.y += 4;
  }
  c.y += 8;
}

function drawDocuments(c: Canvas, inv: Invoice): void {
  const rows: [string, string][] = [];
  for (const d of inv.additionalDocuments) {
    const parts = [d.description, d.externalUri, d.attachment?.filename].filter(has);
    rows.push([d.id, parts.join(' – ')]);
  }
  drawKeyValues(c, c.w('documents'), rows);
}

function drawFooters(c: Canvas, inv: Invoice): void {
  const seller = [inv.seller?.name, inv.seller?.additionalLegalInfo].filter(has).join(' · ');
  const n = c.pages.length;
  const kind = c.w(isCreditNote(inv) ? 'creditNote' : 'invoice');
  const docRef = `${kind.charAt(0)}${kind.slice(1).toLowerCase()} ${inv.id ?? ''}`.trim();
  c.pages.forEach((page, i) => {
    c.page = page;
    const top = PAGE_H - 40;
    c.hline(LEFT, RIGHT, top - 6);
    const right = `${docRef} · ${c.w('page')} ${i + 1}/${n}`;
    const rightW = c.width(c.clean(right), SMALL);
    const left = c.wrap(seller, SMALL, WIDTH - rightW - 20);
    c.block(
      left.slice(0, 2).map((text) => ({ text, style: SMALL })),
      LEFT,
      top,
    );
    c.text(right, RIGHT, top, SMALL, 'right');
  });
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** The title of the document: kind and number ('Facture F-1', 'Credit note CN-7'). */
export function documentTitle(inv: Invoice, lang: Lang): string {
  const kind = WORDS[isCreditNote(inv) ? 'creditNote' : 'invoice'][lang === 'fr' ? 0 : 1];
  const word = `${kind.charAt(0)}${kind.slice(1).toLowerCase()}`;
  return has(inv.id) ? `${word} ${inv.id.trim()}` : word;
}

/** Draws the invoice on new pages of `doc` (fonts are embedded as subsets). */
export async function drawInvoice(doc: PDFDocument, inv: Invoice, lang: Lang): Promise<void> {
  const fonts = await embedFonts(doc);
  const c = new Canvas(doc, fonts, lang, documentTitle(inv, lang));
  drawHeader(c, inv);
  drawParties(c, inv);
  drawReferences(c, inv);
  drawLines(c, inv);
  drawVatAndTotals(c, inv);
  drawPayment(c, inv);
  drawNotes(c, inv);
  drawDocuments(c, inv);
  drawFooters(c, inv);
  fonts.regular.finish();
  fonts.semibold.finish();
}
