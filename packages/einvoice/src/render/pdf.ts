/**
 * Any invoice rendered to PDF: the same layout as the visible page of the Factur-X we write
 * (src/pdf/write-layout.ts), as a PDF/A-3b without embedded XML, for people who need the
 * invoice on paper or as a plain attachment.
 */
import { PDFDocument } from 'pdf-lib';
import type { Invoice } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import { documentTitle, drawInvoice } from '../pdf/write-layout.js';
import { applyPdfA } from '../pdf/write-pdfa.js';

export interface RenderPdfOptions {
  lang?: Lang;
  /** Creation date in the metadata (now by default). */
  date?: Date;
}

export async function renderPdf(
  invoice: Invoice,
  options: RenderPdfOptions = {},
): Promise<Uint8Array> {
  const lang = options.lang ?? 'fr';
  const doc = await PDFDocument.create({ updateMetadata: false });
  await drawInvoice(doc, invoice, lang);
  applyPdfA(doc, {
    title: documentTitle(invoice, lang),
    author: invoice.seller?.name?.trim() || 'Chorale',
    date: options.date ?? new Date(),
  });
  return doc.save({ useObjectStreams: false });
}
