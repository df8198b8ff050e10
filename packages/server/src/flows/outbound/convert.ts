/**
 * The invoice in the form its recipient asked for (directory/reception.ts), from the original
 * as deposited — never from the stored model alone, whose XML locations were dropped and which
 * is kept for display: UBL ↔ CII go original → EN 16931 model (the library's readers) → the
 * other writer; Factur-X is writeFacturX over the original XML (which it embeds as CII).
 *
 * Invariant: this never fails an outbound flow. When the asked form cannot be produced (a PDF
 * without embedded XML, an XML neither UBL nor CII, a writer's error), the original is sent
 * as it is and `fallback` says why, in both languages; the flow records it.
 */
import {
  FacturXConversionError,
  parseXml,
  readCii,
  readPdf,
  readUbl,
  syntaxOf,
  writeCii,
  writeFacturX,
  writeUbl,
} from '@chorale/einvoice';
import type { ReceptionFormat } from '../../directory/reception.js';

export type ProducedForm = Exclude<ReceptionFormat, 'ORIGINAL'>;

export interface Converted {
  bytes: Uint8Array;
  /** The form the bytes are in (UBL, CII or FACTURX); for an unknown original, its own kind. */
  form: ProducedForm;
  extension: 'xml' | 'pdf';
  mediaType: string;
  fallback: { code: string; message: { fr: string; en: string } } | null;
}

const utf8 = new TextEncoder();
const formNames: Record<ProducedForm, string> = {
  UBL: 'UBL 2.1',
  CII: 'CII D16B',
  FACTURX: 'Factur-X',
};

/** The original's own form and its XML (the embedded one for a Factur-X). */
async function originalForm(
  bytes: Uint8Array,
  mediaType: string,
): Promise<{ form: ProducedForm; xml: Uint8Array | null }> {
  if (mediaType === 'application/pdf') {
    const pdf = await readPdf(bytes);
    return { form: 'FACTURX', xml: pdf.kind === 'hybrid' ? pdf.xml : null };
  }
  const parsed = parseXml(bytes);
  const syntax = parsed.ok ? syntaxOf(parsed.root) : null;
  // Deposits only store UBL and CII XML; anything else is passed on as it is, named CII/UBL by nothing.
  return { form: syntax === 'UBL' ? 'UBL' : 'CII', xml: syntax ? bytes : null };
}

export async function convertForRecipient(options: {
  original: Uint8Array;
  mediaType: string;
  format: ReceptionFormat;
  /** Creation date written into a Factur-X (fixed, so a retried job writes the same bytes). */
  date: Date;
}): Promise<Converted> {
  const { original, mediaType, format } = options;
  const own = await originalForm(original, mediaType);
  const asIs = (fallback: Converted['fallback']): Converted => ({
    bytes: original,
    form: own.form,
    extension: mediaType === 'application/pdf' ? 'pdf' : 'xml',
    mediaType: mediaType === 'application/pdf' ? 'application/pdf' : 'application/xml',
    fallback,
  });
  if (format === 'ORIGINAL' || format === own.form) return asIs(null);
  const failed = (why: { fr: string; en: string }) =>
    asIs({
      code: 'CONVERSION_IMPOSSIBLE',
      message: {
        fr: `La facture n’a pas pu être convertie en ${formNames[format]} (${why.fr}) : elle est transmise telle qu’elle a été déposée (${formNames[own.form]}).`,
        en: `The invoice could not be converted to ${formNames[format]} (${why.en}): it is sent as deposited (${formNames[own.form]}).`,
      },
    });
  if (!own.xml) {
    return failed({
      fr: 'le fichier déposé ne contient pas de XML de facture lisible',
      en: 'the deposited file holds no readable invoice XML',
    });
  }
  try {
    if (format === 'FACTURX') {
      const pdf = await writeFacturX({ xml: own.xml, date: options.date });
      return {
        bytes: pdf,
        form: 'FACTURX',
        extension: 'pdf',
        mediaType: 'application/pdf',
        fallback: null,
      };
    }
    const parsed = parseXml(own.xml);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const syntax = syntaxOf(parsed.root);
    const model =
      syntax === 'UBL' ? readUbl(parsed.root) : syntax === 'CII' ? readCii(parsed.root) : null;
    if (!model) throw new Error('neither UBL nor CII');
    const xml = format === 'UBL' ? writeUbl(model) : writeCii(model);
    return {
      bytes: utf8.encode(xml),
      form: format,
      extension: 'xml',
      mediaType: 'application/xml',
      fallback: null,
    };
  } catch (error) {
    // A model that cannot become a valid Factur-X says why in both languages.
    if (error instanceof FacturXConversionError) return failed(error.messages);
    const detail = error instanceof Error ? error.message.slice(0, 200) : String(error);
    return failed({ fr: `erreur : ${detail}`, en: `error: ${detail}` });
  }
}
