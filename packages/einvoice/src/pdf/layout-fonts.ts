/**
 * The two weights of Inter the layout draws with, embedded per document as subsets. Only our
 * embedded fonts are ever used (never a standard-14 font): PDF/A requires every font embedded.
 * The parsed faces are shared between documents; the subsets are not.
 */
import type { PDFDocument } from 'pdf-lib';
import { fontBytes, type FontWeight } from './assets/fonts.js';
import { DocumentFont, shareFace, type SharedFace } from './write-font.js';

export interface Fonts {
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

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [regular, semibold] = await Promise.all([face('regular'), face('semibold')]);
  const tag = subsetTag();
  return {
    regular: new DocumentFont(doc.context, regular, tag),
    semibold: new DocumentFont(doc.context, semibold, tag),
    covers: regular.covers,
  };
}
