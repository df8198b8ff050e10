/**
 * Reading a PDF deposit: is it a Factur-X / ZUGFeRD hybrid, and if so the embedded XML, its
 * profile, and every inconsistency between the PDF and the XML. Never throws; bounded in time
 * and memory.
 */
import type { PdfReadResult } from './read-types.js';

// The implementation lives in read-impl.ts, loaded lazily so that importing the library does
// not pull pdf-lib into every bundle. The types are in read-types.ts, which the implementation
// imports instead of this file: the lazy import must stay the only edge between the two.
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
