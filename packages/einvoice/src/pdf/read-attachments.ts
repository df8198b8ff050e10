/**
 * The embedded files of a PDF: every file specification reachable from the /EmbeddedFiles
 * name tree, the catalog's /AF and the pages' /AF, with what PDF/A-3 and Factur-X care about
 * (names, relationship, MIME type, /Params, whether it is an associated file). Shared by the
 * reader and the PDF/A-3 checker. Nothing is decoded here.
 */
import { PDFDict, PDFRawStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import {
  arrayItems,
  catalogOf,
  get,
  getArray,
  getDict,
  getName,
  getText,
  nameTreeEntries,
  pageDicts,
} from './read-objects.js';

export interface Attachment {
  /** /UF, else /F, else the name-tree key: the name to show and to match. */
  name: string;
  hasF: boolean;
  hasUF: boolean;
  /** /AFRelationship without the slash, when present. */
  relationship?: string;
  /** /Subtype of the embedded file stream, decoded (e.g. 'text/xml'). */
  mime?: string;
  /** /Params is a dictionary with a /ModDate. */
  hasParamsModDate: boolean;
  /** Listed in the /AF array of the catalog or of a page. */
  associated: boolean;
  /** The embedded file stream (/EF /UF or /EF /F); undefined for a reference to an external file. */
  stream?: PDFRawStream;
  spec: PDFDict;
}

/** Bound on the page-tree nodes looked at for /AF (invoices have few pages). */
const MAX_PAGES_SCANNED = 2_000;

export function listAttachments(doc: PDFDocument): Attachment[] {
  const catalog = catalogOf(doc);
  const specs = new Map<PDFDict, string>();
  const associated = new Set<PDFDict>();

  const names = getDict(doc, catalog, 'Names');
  for (const { key, value } of nameTreeEntries(doc, getDict(doc, names, 'EmbeddedFiles')))
    if (value instanceof PDFDict && !specs.has(value)) specs.set(value, key);

  const addAf = (holder: PDFDict | undefined): void => {
    for (const v of arrayItems(doc, getArray(doc, holder, 'AF'))) {
      if (!(v instanceof PDFDict)) continue;
      associated.add(v);
      if (!specs.has(v)) specs.set(v, '');
    }
  };
  addAf(catalog);
  for (const page of pageDicts(doc, MAX_PAGES_SCANNED)) addAf(page);

  const out: Attachment[] = [];
  for (const [spec, key] of specs) {
    const uf = getText(doc, spec, 'UF');
    const f = getText(doc, spec, 'F');
    const ef = getDict(doc, spec, 'EF');
    const streamObj: PDFObject | undefined = get(doc, ef, 'UF') ?? get(doc, ef, 'F');
    const stream = streamObj instanceof PDFRawStream ? streamObj : undefined;
    const params = stream ? getDict(doc, stream.dict, 'Params') : undefined;
    out.push({
      name: uf || f || key,
      hasF: f !== undefined,
      hasUF: uf !== undefined,
      relationship: getName(doc, spec, 'AFRelationship'),
      mime: stream ? getName(doc, stream.dict, 'Subtype') : undefined,
      hasParamsModDate: params !== undefined && get(doc, params, 'ModDate') !== undefined,
      associated: associated.has(spec),
      stream,
      spec,
    });
  }
  return out;
}

/** File names under which Factur-X, ZUGFeRD and XRechnung embed the invoice. */
export const INVOICE_FILE_NAMES = [
  'factur-x.xml',
  'zugferd-invoice.xml',
  'xrechnung.xml',
  'zugferd_invoice.xml', // ZUGFeRD 1.0
] as const;

export function isXmlMime(mime: string | undefined): boolean {
  return mime === 'text/xml' || mime === 'application/xml';
}

/**
 * The embedded invoice, if any: first a file with one of the standard names, then an
 * associated XML file (by MIME type), then any embedded file whose name ends in .xml.
 */
export function findInvoiceAttachment(list: Attachment[]): Attachment | undefined {
  const withData = list.filter((a) => a.stream);
  for (const known of INVOICE_FILE_NAMES) {
    const hit = withData.find((a) => a.name.toLowerCase() === known);
    if (hit) return hit;
  }
  return (
    withData.find((a) => isXmlMime(a.mime)) ??
    withData.find((a) => a.name.toLowerCase().endsWith('.xml'))
  );
}
