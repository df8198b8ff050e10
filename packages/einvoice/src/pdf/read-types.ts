/**
 * The PDF reader's shared types: what `readPdf` (read.ts) returns and the problems it and the
 * PDF/A-3 checker report. A leaf module: it imports nothing, so every part of the reader (and
 * the validate pipeline, the server) can name these types without an import cycle and without
 * pulling pdf-lib into a bundle.
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
