/**
 * The human-readable rendering of a stored invoice, as HTML (for the portal to show in a frame)
 * or as PDF (to print or forward), in French or English.
 *
 * Invariants:
 * - Same access as reading the invoice (`loadInvoiceFor` with purpose 'read'): an invoice of
 *   another structure is NOT_FOUND, a member without the right FORBIDDEN.
 * - Rendered from the normalised EN 16931 model stored at deposit, never from the original
 *   bytes: the original was validated once, and re-parsing a large Factur-X on every view would
 *   cost far more than rendering the model.
 * - Rendering is not a download: `first_downloaded_at` stays as it is (only the original counts).
 * - The HTML is the library's renderer output, where every value from the invoice is escaped and
 *   nothing is a script or an external resource; the HTTP layer still serves it with a CSP that
 *   forbids scripts, so a renderer bug could not become script execution in the portal.
 */
import { renderHtml, renderPdf, type Invoice } from '@chorale/einvoice';
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { loadInvoiceFor } from './invoice-access.js';

export const renderFormats = ['html', 'pdf'] as const;
export type RenderFormat = (typeof renderFormats)[number];
export const renderLangs = ['fr', 'en'] as const;
export type RenderLang = (typeof renderLangs)[number];

export interface RenderedInvoice {
  mediaType: string;
  /** A file name for a download (ASCII-safe apart from the invoice number itself). */
  filename: string;
  body: Uint8Array;
}

const utf8 = new TextEncoder();

/** The invoice number as a file-name part: letters, digits, dot, dash and underscore. */
function fileStem(number: string): string {
  const safe = number.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);
  return safe.length > 0 ? safe : 'facture';
}

export async function renderInvoice(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  format: RenderFormat;
  lang: RenderLang;
}): Promise<RenderedInvoice> {
  const { invoice } = await loadInvoiceFor({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    purpose: 'read',
  });
  const model = invoice.model;
  // Every deposit stores a model; a row without one (hand-made data) has nothing to render.
  if (!model || typeof model !== 'object' || Array.isArray(model)) {
    throw notFound(`Rendering of invoice ${invoice.id}`);
  }
  // The stored model is the reader's output minus XML locations, which rendering never reads.
  const inv = model as Invoice;
  const stem = `${options.lang === 'fr' ? 'facture' : 'invoice'}-${fileStem(invoice.number)}`;
  if (options.format === 'pdf') {
    const body = await renderPdf(inv, { lang: options.lang, date: invoice.deposited_at });
    return { mediaType: 'application/pdf', filename: `${stem}.pdf`, body };
  }
  const html = renderHtml(inv, { lang: options.lang });
  return {
    mediaType: 'text/html; charset=utf-8',
    filename: `${stem}.html`,
    body: utf8.encode(html),
  };
}
