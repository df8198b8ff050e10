/**
 * Entry points of the PDF writers that load their implementation (pdf-lib, fonts) on first
 * use, so importing the library for validation alone — as the portal does in the browser —
 * never pulls the PDF machinery into the bundle.
 */
import type { WriteFacturXInput } from './write-facturx.js';
import type { PdfACheck } from './check-pdfa.js';
import type { Invoice } from '../model/types.js';
import type { RenderPdfOptions } from '../render/pdf.js';

/** A Factur-X PDF/A-3b from a model, UBL or CII (see write-facturx.ts). */
export async function writeFacturX(input: WriteFacturXInput): Promise<Uint8Array> {
  const m = await import('./write-facturx.js');
  return m.writeFacturX(input);
}

/** The invoice's readable PDF rendering (see render/pdf.ts). */
export async function renderPdf(
  invoice: Invoice,
  options: RenderPdfOptions = {},
): Promise<Uint8Array> {
  const m = await import('../render/pdf.js');
  return m.renderPdf(invoice, options);
}

/** Our PDF/A-3 checks for invoices (see check-pdfa.ts). */
export async function checkPdfA(bytes: Uint8Array): Promise<PdfACheck> {
  const m = await import('./check-pdfa.js');
  return m.checkPdfA(bytes);
}
