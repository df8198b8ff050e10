/**
 * Our readable invoice layout on A4 pages: the visible part of the Factur-X we write and the
 * PDF rendering of any invoice. Seller and invoice identification at the top, buyer (and
 * delivery, payee, tax representative) next, references, the lines table (its header repeated
 * on every page it spans), VAT breakdown beside the totals, payment instructions, notes, and a
 * footer on every page.
 *
 * This module draws the sections in that order, then the footers once the page count is known.
 * Each section has its own module (layout-header, layout-lines, layout-totals, layout-closing),
 * drawn through the page and text primitives of layout-canvas.ts, which holds the PDF/A
 * constraints (with layout-fonts.ts); amounts go through layout-values.ts (no float touches
 * money).
 */
import type { PDFDocument } from 'pdf-lib';
import type { Invoice } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import { Canvas, LEFT, PAGE_H, RIGHT, SMALL, WIDTH } from './layout-canvas.js';
import { embedFonts } from './layout-fonts.js';
import { WORDS } from './layout-words.js';
import { has, isCreditNote } from './layout-values.js';
import { drawHeader, drawParties, drawReferences } from './layout-header.js';
import { drawLines } from './layout-lines.js';
import { drawVatAndTotals } from './layout-totals.js';
import { drawDocuments, drawNotes, drawPayment } from './layout-closing.js';

/** Drawn last, over every page already laid out: only then is the page count known. */
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
