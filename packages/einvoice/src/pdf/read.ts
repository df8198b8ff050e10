/**
 * Reading a PDF deposit: is it a Factur-X / ZUGFeRD hybrid, and if so the embedded XML, its
 * profile, and every inconsistency between the PDF and the XML. Never throws; bounded in time
 * and memory.
 */

export type FacturXProfile =
  'MINIMUM' | 'BASIC WL' | 'BASIC' | 'EN 16931' | 'EXTENDED' | 'EXTENDED-CTC-FR' | 'XRECHNUNG';

export interface PdfProblem {
  /** Stable code, e.g. PDF_ENCRYPTED, PDF_MALFORMED, AF_RELATIONSHIP_MISSING, PROFILE_MISMATCH. */
  code: string;
  /** fatal: the PDF cannot be accepted as a Factur-X; warning: accepted, reported. */
  flag: 'fatal' | 'warning';
  message: { fr: string; en: string };
}

export type PdfReadResult =
  /** Not a readable PDF at all. */
  | { kind: 'unreadable'; problems: PdfProblem[] }
  /** A readable PDF with no invoice inside: a plain PDF deposit (needs keyed data). */
  | { kind: 'plain'; problems: PdfProblem[] }
  /** A hybrid: the embedded XML's bytes, its file name, the profile (from XML and XMP). */
  | {
      kind: 'hybrid';
      xml: Uint8Array;
      filename: string;
      profile: FacturXProfile | null;
      xmpProfile: FacturXProfile | null;
      problems: PdfProblem[];
    };

// The implementation lives in read-impl.ts, loaded lazily so that importing the types above
// (as the validate pipeline and the server do) does not pull pdf-lib into every bundle.
export async function readPdf(bytes: Uint8Array): Promise<PdfReadResult> {
  try {
    const { readPdfImpl } = await import('./read-impl.js');
    return await readPdfImpl(bytes);
  } catch {
    // Only reached if the implementation module itself cannot be loaded (a broken bundle).
    return {
      kind: 'unreadable',
      problems: [
        {
          code: 'PDF_READER_UNAVAILABLE',
          flag: 'fatal',
          message: { fr: 'Lecture des PDF indisponible.', en: 'PDF reading unavailable.' },
        },
      ],
    };
  }
}
