/**
 * Writing a Factur-X: a PDF/A-3b whose pages show the invoice in our layout (or the pages of a
 * PDF the supplier already has) and which carries the CII XML as `factur-x.xml`.
 *
 * What is embedded: a CII input's bytes unchanged; for a UBL input or a model, the CII our
 * writer produces (Factur-X carries CII only), derived and checked by facturXFromModel: a
 * model CII cannot carry, or whose CII would not be valid for its Factur-X profile, is refused
 * with a FacturXConversionError (bilingual, naming the terms) — no PDF is written. The XMP fx:ConformanceLevel follows the XML's
 * specification identifier (BT-24); an id of no Factur-X profile (a CIUS such as Peppol) is
 * declared EN 16931, the level every such invoice meets.
 */
import { PDFDocument } from 'pdf-lib';
import { loadPdf } from './read-objects.js';
import type { Invoice } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import { parseXml } from '../xml/parse.js';
import { readCii } from '../cii/read.js';
import { readUbl } from '../ubl/read.js';
import { facturXFromModel } from './facturx-convert.js';
import { syntaxOf } from '../model/syntax.js';
import { profileFromGuideline, XMP_CONFORMANCE_LEVEL } from './read-profile.js';
import { documentTitle, drawInvoice } from './write-layout.js';
import { applyPdfA, attachXml, type AfRelationship } from './write-pdfa.js';

export const FACTURX_FILE_NAME = 'factur-x.xml';

export interface WriteFacturXInput {
  /** The invoice model; with `xml` too, it is used for the page (the XML is embedded). */
  invoice?: Invoice;
  /** A UBL or CII invoice. */
  xml?: Uint8Array;
  /** Language of the page we draw ('fr' by default). */
  lang?: Lang;
  /** A PDF the supplier already has: its pages are kept, the XML is embedded into it. */
  pdf?: Uint8Array;
  /** Creation date written in the metadata (now by default; fixed in tests). */
  date?: Date;
}

/** The CII bytes to embed and the model to draw, from whichever input was given. */
function prepare(input: WriteFacturXInput): { xml: Uint8Array; invoice: Invoice } {
  if (input.xml) {
    const parsed = parseXml(input.xml);
    if (!parsed.ok)
      throw new Error(`writeFacturX: the XML is not well-formed (${parsed.error.message})`);
    const syntax = syntaxOf(parsed.root);
    if (syntax === 'CII') return { xml: input.xml, invoice: input.invoice ?? readCii(parsed.root) };
    if (syntax === 'UBL') {
      const { xml, model } = facturXFromModel(readUbl(parsed.root));
      return { xml: new TextEncoder().encode(xml), invoice: input.invoice ?? model };
    }
    throw new Error('writeFacturX: the XML is neither a UBL nor a CII invoice');
  }
  if (input.invoice) {
    const { xml, model } = facturXFromModel(input.invoice);
    return { xml: new TextEncoder().encode(xml), invoice: model };
  }
  throw new Error('writeFacturX: give an invoice model or its XML');
}

/** The fx:ConformanceLevel for a BT-24 value. */
export function conformanceLevelOf(specificationId: string | undefined): string {
  const profile = specificationId ? profileFromGuideline(specificationId) : null;
  return profile ? XMP_CONFORMANCE_LEVEL[profile] : 'EN 16931';
}

/**
 * A Factur-X PDF/A-3b. Throws on input that is no invoice, or an unreadable/encrypted `pdf`;
 * FacturXConversionError for a UBL input or a model that cannot become a valid Factur-X.
 */
export async function writeFacturX(input: WriteFacturXInput): Promise<Uint8Array> {
  const lang = input.lang ?? 'fr';
  const date = input.date ?? new Date();
  const { xml, invoice } = prepare(input);
  let doc: PDFDocument;
  if (input.pdf) {
    // The supplier's file goes through the reader's bounded loader (pre-scan against bombs,
    // refusal of encrypted files) before pdf-lib parses it.
    const loaded = await loadPdf(input.pdf);
    if (!loaded.ok)
      throw new Error(
        `writeFacturX: the supplier PDF cannot be used (${loaded.problem.message.en})`,
      );
    doc = loaded.doc;
  } else {
    doc = await PDFDocument.create({ updateMetadata: false });
    await drawInvoice(doc, invoice, lang);
  }
  const level = conformanceLevelOf(invoice.specificationId);
  // Pages drawn from the XML itself show the same invoice: 'Alternative'. A supplier's own
  // pages, and the MINIMUM / BASIC WL profiles (which lack the lines), only carry 'Data'.
  const relationship: AfRelationship =
    input.pdf || level === 'MINIMUM' || level === 'BASIC WL' ? 'Data' : 'Alternative';
  const title = documentTitle(invoice, lang);
  const seller = invoice.seller?.name?.trim() || 'Chorale';
  applyPdfA(doc, {
    title,
    author: seller,
    subject:
      lang === 'fr'
        ? `Facture électronique Factur-X ${level} : ${title}`
        : `Factur-X ${level} electronic invoice: ${title}`,
    date,
    facturX: { fileName: FACTURX_FILE_NAME, conformanceLevel: level },
  });
  attachXml(
    doc,
    xml,
    FACTURX_FILE_NAME,
    date,
    relationship,
    lang === 'fr' ? 'Facture électronique (CII)' : 'Electronic invoice (CII)',
  );
  return doc.save({ useObjectStreams: false });
}
