/**
 * The page and text primitives of the invoice layout: A4 geometry and palette, text styles,
 * and the Canvas that wraps, measures and draws text and rules, adding pages as content flows.
 *
 * PDF/A constraints held here: colours are DeviceRGB (covered by the sRGB output intent),
 * nothing is transparent, and a character the font lacks is replaced by '?' before drawing
 * (PDF/A forbids showing .notdef).
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
import type { Lang } from '../rules/types.js';
import type { DocumentFont } from './write-font.js';
import type { Fonts } from './layout-fonts.js';
import { WORDS, type Word } from './layout-words.js';
import { has } from './layout-values.js';

// ---------------------------------------------------------------------------------------------
// Page geometry (points) and palette

const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const LEFT = 42;
export const RIGHT = PAGE_W - 42;
export const WIDTH = RIGHT - LEFT;
export const TOP = 44;
/** Content stops here (distance from the top); the footer lives below. */
export const BOTTOM = PAGE_H - 60;

export const INK = rgb(0.13, 0.15, 0.19);
export const MUTED = rgb(0.42, 0.45, 0.51);
export const ACCENT = rgb(0.1, 0.3, 0.5);
export const ACCENT_LIGHT = rgb(0.92, 0.95, 0.98);
export const FILL = rgb(0.965, 0.97, 0.978);
export const RULE = rgb(0.84, 0.86, 0.9);
export const WHITE = rgb(1, 1, 1);

// ---------------------------------------------------------------------------------------------
// Text pieces

export interface Style {
  font: 'regular' | 'semibold';
  size: number;
  color: RGB;
}

export const BODY: Style = { font: 'regular', size: 8.6, color: INK };
export const BODY_BOLD: Style = { font: 'semibold', size: 8.6, color: INK };
export const SMALL: Style = { font: 'regular', size: 7.4, color: MUTED };
export const LABEL: Style = { font: 'semibold', size: 7, color: ACCENT };
export const NAME: Style = { font: 'semibold', size: 10.5, color: INK };

/** One laid-out line of a block. */
export interface Line {
  text: string;
  style: Style;
}

export function lineHeight(style: Style): number {
  return style.size * 1.38;
}

export function blockHeight(lines: readonly Line[]): number {
  let h = 0;
  for (const l of lines) h += lineHeight(l.style);
  return h;
}

export class Canvas {
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
