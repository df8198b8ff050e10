/**
 * readPdf's implementation (see read.ts for the contract): safe load, PDF/A-3 inspection,
 * the embedded invoice found and extracted under a size bound, its profile read from BT-24 and
 * from the XMP, and every disagreement between the PDF and the XML reported.
 */
import type { PdfProblem, PdfReadResult, FacturXProfile } from './read-types.js';
import { pdfProblem } from './read-messages.js';
import { decodeStream, loadPdf } from './read-objects.js';
import { PDF_LIMITS } from './read-prescan.js';
import { findInvoiceAttachment, INVOICE_FILE_NAMES, isXmlMime } from './read-attachments.js';
import { inspectPdfA } from './check-pdfa.js';
import { fxProps } from './pdfa-xmp.js';
import {
  guidelineIdOf,
  profileFromGuideline,
  profileFromXmp,
  profilesAgree,
} from './read-profile.js';
import { parseXml } from '../xml/parse.js';

/** Relationships Factur-X allows for the invoice XML: Data and Alternative, Source tolerated. */
const FACTURX_RELATIONSHIPS = new Set(['Data', 'Alternative', 'Source']);

export async function readPdfImpl(bytes: Uint8Array): Promise<PdfReadResult> {
  try {
    return await readPdfUnsafe(bytes);
  } catch (error) {
    // Defence in depth: every expected failure is handled below; this catches library bugs.
    return {
      kind: 'unreadable',
      problems: [
        pdfProblem('PDF_MALFORMED', {
          detail: error instanceof Error ? error.message.slice(0, 160) : String(error),
        }),
      ],
    };
  }
}

async function readPdfUnsafe(bytes: Uint8Array): Promise<PdfReadResult> {
  const loaded = await loadPdf(bytes);
  if (!loaded.ok) return { kind: 'unreadable', problems: [loaded.problem] };
  const doc = loaded.doc;
  const inspection = inspectPdfA(doc);
  const invoice = findInvoiceAttachment(inspection.attachments);

  if (!invoice?.stream) {
    // A plain PDF is not expected to be a PDF/A: only what makes it unsafe is reported.
    return { kind: 'plain', problems: inspection.problems.filter((p) => p.flag === 'fatal') };
  }

  const file = invoice.name;
  const decoded = decodeStream(doc, invoice.stream, PDF_LIMITS.maxStreamBytes);
  if (!decoded.ok) {
    const problem =
      decoded.reason === 'too-large'
        ? pdfProblem('ATTACHMENT_TOO_LARGE', { file, limit: PDF_LIMITS.maxStreamBytes })
        : pdfProblem('ATTACHMENT_UNREADABLE', { file, detail: decoded.detail });
    return { kind: 'unreadable', problems: [problem] };
  }
  // A copy, so the caller's bytes do not keep the whole PDF buffer alive.
  const xml = decoded.bytes.slice();

  const problems: PdfProblem[] = [...inspection.problems];

  // Profile from the XML (BT-24).
  let profile: FacturXProfile | null = null;
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    problems.push(pdfProblem('XML_UNREADABLE', { file, detail: parsed.error.message }));
  } else {
    const id = guidelineIdOf(parsed.root);
    if (!id) problems.push(pdfProblem('PROFILE_MISSING'));
    else {
      profile = profileFromGuideline(id);
      if (!profile) problems.push(pdfProblem('PROFILE_UNKNOWN', { id }));
    }
  }

  // Profile and file name from the XMP (absence is reported by the PDF/A-3 inspection).
  let xmpProfile: FacturXProfile | null = null;
  const fx = inspection.xmp ? fxProps(inspection.xmp) : undefined;
  if (fx?.conformanceLevel) {
    xmpProfile = profileFromXmp(fx.conformanceLevel);
    if (!xmpProfile)
      problems.push(pdfProblem('XMP_PROFILE_UNKNOWN', { value: fx.conformanceLevel }));
  }
  if (profile && xmpProfile && !profilesAgree(profile, xmpProfile))
    problems.push(pdfProblem('PROFILE_MISMATCH', { xml: profile, xmp: xmpProfile }));
  if (fx?.documentFileName && fx.documentFileName !== file)
    problems.push(pdfProblem('FILENAME_MISMATCH', { xmp: fx.documentFileName, file }));
  if (!(INVOICE_FILE_NAMES as readonly string[]).includes(file.toLowerCase()))
    problems.push(pdfProblem('FILENAME_UNUSUAL', { file }));

  // The invoice's own file specification, beyond what PDF/A-3 allows in general.
  if (invoice.relationship && !FACTURX_RELATIONSHIPS.has(invoice.relationship)) {
    const already = problems.some(
      (p) => p.code === 'AF_RELATIONSHIP_WRONG' && p.message.en.includes(`"${file}"`),
    );
    if (!already)
      problems.push(pdfProblem('AF_RELATIONSHIP_WRONG', { file, value: invoice.relationship }));
  }
  if (invoice.mime && !isXmlMime(invoice.mime))
    problems.push(pdfProblem('MIME_TYPE_WRONG', { file, value: invoice.mime }));

  return { kind: 'hybrid', xml, filename: file, profile, xmpProfile, problems };
}
