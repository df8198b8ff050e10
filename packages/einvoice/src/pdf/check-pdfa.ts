/**
 * Our own PDF/A-3 checker, limited to the clauses that matter for an invoice: no encryption,
 * no JavaScript nor actions that reach outside the document, every font embedded, a PDF/A
 * output intent with an ICC profile, XMP metadata declaring PDF/A-3 and agreeing with the
 * document information dictionary, embedded files declared as associated files (relationship,
 * MIME type, /Params), and for a Factur-X the fx: XMP properties with their extension schema.
 * It is not a full ISO 19005-3 validator (no colour-space, transparency or glyph-width checks).
 *
 * Run on what we write (the writer must produce zero problems) and on what we receive.
 * Flags: 'fatal' for what makes a file unsafe to accept (encryption, scripts, launch actions),
 * 'warning' for conformance defects; `ok` means no problem at all.
 */
import { PDFArray, PDFDict, PDFName, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { PdfProblem } from './read-types.js';
import { pdfProblem } from './read-messages.js';
import {
  arrayItems,
  catalogOf,
  decodeStream,
  get,
  getArray,
  getDict,
  getName,
  getStream,
  getText,
  loadPdf,
} from './read-objects.js';
import { findInvoiceAttachment, listAttachments, type Attachment } from './read-attachments.js';
import { XMP_NS, fxProps, readXmp, xmpProp, type XmpData } from './pdfa-xmp.js';

export interface PdfACheck {
  ok: boolean;
  problems: PdfProblem[];
}

/** What the checker learnt on the way, reused by the reader so nothing is parsed twice. */
export interface PdfInspection {
  problems: PdfProblem[];
  attachments: Attachment[];
  /** The XMP packet, when present and readable. */
  xmp?: XmpData;
}

/** Actions ISO 19005-3 forbids (6.6.1): they run code, play media or act outside the file. */
const FORBIDDEN_ACTIONS = new Set([
  'Launch',
  'Sound',
  'Movie',
  'ResetForm',
  'ImportData',
  'Hide',
  'SetOCGState',
  'Rendition',
  'Trans',
  'GoTo3DView',
]);

/** Values of /AFRelationship that ISO 32000-2 / PDF/A-3 define. */
const AF_RELATIONSHIPS = new Set([
  'Source',
  'Data',
  'Alternative',
  'Supplement',
  'EncryptedPayload',
  'FormData',
  'Schema',
  'Unspecified',
]);

/** At most this many problems of one code are reported (a hostile file may repeat one
 * thousands of times; one is enough to refuse it). */
const MAX_PER_CODE = 5;

class Problems {
  readonly list: PdfProblem[] = [];
  private readonly perCode = new Map<string, number>();
  private readonly seen = new Set<string>();

  add(problem: PdfProblem, dedupeKey?: string): void {
    if (dedupeKey !== undefined) {
      const k = `${problem.code}|${dedupeKey}`;
      if (this.seen.has(k)) return;
      this.seen.add(k);
    }
    const n = this.perCode.get(problem.code) ?? 0;
    if (n >= MAX_PER_CODE) return;
    this.perCode.set(problem.code, n + 1);
    this.list.push(problem);
  }
}

// ---------------------------------------------------------------------------------------------
// Object walk: actions and fonts

/** Bound on nesting inside one indirect object (direct dictionaries and arrays). */
const MAX_DEPTH = 32;

function checkObjects(doc: PDFDocument, out: Problems): void {
  const visitDict = (dict: PDFDict, where: string): void => {
    const s = dict.get(PDFName.of('S'));
    if (s instanceof PDFName) {
      const action = s.decodeText();
      if (action === 'JavaScript') out.add(pdfProblem('PDF_JAVASCRIPT', { where }));
      else if (FORBIDDEN_ACTIONS.has(action))
        out.add(pdfProblem('PDF_FORBIDDEN_ACTION', { action, where }));
    } else if (dict.has(PDFName.of('JS'))) {
      out.add(pdfProblem('PDF_JAVASCRIPT', { where }));
    }
    const type = dict.get(PDFName.of('Type'));
    if (type instanceof PDFName && type.decodeText() === 'Font') checkFont(doc, dict, out);
  };
  const walk = (obj: PDFObject, where: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined;
    if (dict) {
      visitDict(dict, where);
      for (const [key, value] of dict.entries()) {
        if (value instanceof PDFDict || value instanceof PDFArray)
          walk(value, depth === 0 ? `${where} /${key.decodeText()}` : where, depth + 1);
      }
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) {
        const v = obj.get(i);
        if (v instanceof PDFDict || v instanceof PDFArray) walk(v, where, depth + 1);
      }
    }
  };
  for (const [ref, obj] of doc.context.enumerateIndirectObjects())
    walk(obj, `${ref.objectNumber} ${ref.generationNumber} R`, 0);

  // The document-level JavaScript name tree, even if its actions were somehow not dicts.
  const names = getDict(doc, catalogOf(doc), 'Names');
  if (names && get(doc, names, 'JavaScript') !== undefined)
    out.add(pdfProblem('PDF_JAVASCRIPT', { where: '/Names /JavaScript' }));
}

function checkFont(doc: PDFDocument, font: PDFDict, out: Problems): void {
  const subtype = getName(doc, font, 'Subtype');
  // Type3 glyphs are content streams of the document itself; a Type0 font's glyphs live in its
  // descendant CIDFont, which is itself a /Type /Font dictionary and is checked on its own.
  if (subtype === 'Type3' || subtype === 'Type0') return;
  const fd = getDict(doc, font, 'FontDescriptor');
  const embedded =
    fd !== undefined &&
    (get(doc, fd, 'FontFile') !== undefined ||
      get(doc, fd, 'FontFile2') !== undefined ||
      get(doc, fd, 'FontFile3') !== undefined);
  if (!embedded) {
    const name = getName(doc, font, 'BaseFont') ?? '?';
    out.add(pdfProblem('FONT_NOT_EMBEDDED', { font: name }), name);
  }
}

// ---------------------------------------------------------------------------------------------
// Output intent

function checkOutputIntent(doc: PDFDocument, out: Problems): void {
  const intents = arrayItems(doc, getArray(doc, catalogOf(doc), 'OutputIntents'));
  const pdfa = intents.find(
    (i): i is PDFDict => i instanceof PDFDict && getName(doc, i, 'S') === 'GTS_PDFA1',
  );
  if (!pdfa) {
    out.add(pdfProblem('OUTPUT_INTENT_MISSING'));
    return;
  }
  if (!getStream(doc, pdfa, 'DestOutputProfile')) out.add(pdfProblem('OUTPUT_INTENT_NO_ICC'));
}

// ---------------------------------------------------------------------------------------------
// XMP and document information

interface DateParts {
  fields: number[]; // year, month, day, hour, minute, second, as far as given
  offsetMin?: number; // minutes east of UTC, when given
}

/** PDF date: D:YYYYMMDDHHmmSSOHH'mm' (every part after the year optional). */
function parsePdfDate(text: string): DateParts | undefined {
  const m =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const fields: number[] = [];
  for (let i = 1; i <= 6 && m[i] !== undefined; i++) fields.push(Number(m[i]));
  let offsetMin: number | undefined;
  if (m[7]) offsetMin = 0;
  else if (m[8]) offsetMin = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0));
  return { fields, offsetMin };
}

/** XMP date: YYYY[-MM[-DD[Thh:mm[:ss[.s]][TZD]]]]. */
function parseXmpDate(text: string): DateParts | undefined {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?)?)?$/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const fields: number[] = [];
  for (let i = 1; i <= 6 && m[i] !== undefined; i++) fields.push(Number(m[i]));
  let offsetMin: number | undefined;
  if (m[7]) offsetMin = 0;
  else if (m[8]) offsetMin = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  return { fields, offsetMin };
}

/** Same instant (or same local time, when either side has no zone), at the precision both
 * give: a PDF date to the second and an XMP date to the minute may still agree. */
function sameDate(a: DateParts, b: DateParts): boolean {
  const n = Math.min(a.fields.length, b.fields.length);
  if (n === 0) return false;
  if (a.offsetMin !== undefined && b.offsetMin !== undefined && n >= 5) {
    const ms = (d: DateParts): number =>
      Date.UTC(
        d.fields[0]!,
        d.fields[1]! - 1,
        d.fields[2]!,
        d.fields[3]!,
        d.fields[4]!,
        n >= 6 ? d.fields[5]! : 0,
      ) -
      d.offsetMin! * 60_000;
    return ms(a) === ms(b);
  }
  for (let i = 0; i < n; i++) if (a.fields[i] !== b.fields[i]) return false;
  return true;
}

const INFO_TEXT_PAIRS: [info: string, ns: string, local: string, label: string][] = [
  ['Title', XMP_NS.dc, 'title', 'dc:title'],
  ['Author', XMP_NS.dc, 'creator', 'dc:creator'],
  ['Subject', XMP_NS.dc, 'description', 'dc:description'],
  ['Keywords', XMP_NS.pdf, 'Keywords', 'pdf:Keywords'],
  ['Creator', XMP_NS.xmp, 'CreatorTool', 'xmp:CreatorTool'],
  ['Producer', XMP_NS.pdf, 'Producer', 'pdf:Producer'],
];
const INFO_DATE_PAIRS: [info: string, local: string, label: string][] = [
  ['CreationDate', 'CreateDate', 'xmp:CreateDate'],
  ['ModDate', 'ModifyDate', 'xmp:ModifyDate'],
];

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function checkInfoAgainstXmp(doc: PDFDocument, xmp: XmpData, out: Problems): void {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) return;
  for (const [key, ns, local, label] of INFO_TEXT_PAIRS) {
    const a = getText(doc, info, key);
    const b = xmpProp(xmp, ns, local);
    if (a === undefined || b === undefined) continue;
    if (a.trim() !== b.trim())
      out.add(pdfProblem('XMP_INFO_MISMATCH', { key, info: clip(a), xmpKey: label, xmp: clip(b) }));
  }
  for (const [key, local, label] of INFO_DATE_PAIRS) {
    const a = getText(doc, info, key);
    const b = xmpProp(xmp, XMP_NS.xmp, local);
    if (a === undefined || b === undefined) continue;
    const pa = parsePdfDate(a);
    const pb = parseXmpDate(b);
    if (!pa || !pb || !sameDate(pa, pb))
      out.add(pdfProblem('XMP_INFO_MISMATCH', { key, info: clip(a), xmpKey: label, xmp: clip(b) }));
  }
}

function readCatalogXmp(doc: PDFDocument, out: Problems): XmpData | undefined {
  const stream = getStream(doc, catalogOf(doc), 'Metadata');
  if (!stream) {
    out.add(pdfProblem('XMP_MISSING'));
    return undefined;
  }
  const decoded = decodeStream(doc, stream, 4 * 1024 * 1024);
  if (!decoded.ok) {
    out.add(pdfProblem('XMP_UNREADABLE', { detail: decoded.detail }));
    return undefined;
  }
  const r = readXmp(decoded.bytes);
  if (!r.ok) {
    out.add(pdfProblem('XMP_UNREADABLE', { detail: r.detail }));
    return undefined;
  }
  return r.xmp;
}

function checkPdfAId(xmp: XmpData, out: Problems): void {
  const part = xmpProp(xmp, XMP_NS.pdfaid, 'part');
  if (part === undefined) {
    out.add(pdfProblem('PDFA_NOT_DECLARED'));
    return;
  }
  if (part !== '3') out.add(pdfProblem('PDFA_PART_NOT_3', { part }));
  const conformance = xmpProp(xmp, XMP_NS.pdfaid, 'conformance') ?? '';
  if (conformance !== 'A' && conformance !== 'B' && conformance !== 'U')
    out.add(pdfProblem('PDFA_CONFORMANCE_INVALID', { value: conformance }));
}

const FX_PROPERTIES = ['DocumentType', 'DocumentFileName', 'Version', 'ConformanceLevel'] as const;

function checkFacturXXmp(xmp: XmpData | undefined, hasInvoice: boolean, out: Problems): void {
  const fx = xmp ? fxProps(xmp) : { ns: undefined };
  if (!fx.ns) {
    // No fx: property at all: only a problem when there is an invoice to describe.
    if (hasInvoice && xmp) {
      out.add(pdfProblem('FX_SCHEMA_MISSING'));
      for (const property of FX_PROPERTIES)
        out.add(pdfProblem('FX_PROPERTY_MISSING', { property }));
    }
    return;
  }
  const declared = xmp!.extensionSchemas.get(fx.ns);
  if (!declared) out.add(pdfProblem('FX_SCHEMA_MISSING'));
  const values: Record<(typeof FX_PROPERTIES)[number], string | undefined> = {
    DocumentType: fx.documentType,
    DocumentFileName: fx.documentFileName,
    Version: fx.version,
    ConformanceLevel: fx.conformanceLevel,
  };
  for (const property of FX_PROPERTIES) {
    if (!values[property]) out.add(pdfProblem('FX_PROPERTY_MISSING', { property }));
    else if (declared && !declared.has(property)) out.add(pdfProblem('FX_SCHEMA_MISSING'));
  }
  if (fx.documentType && fx.documentType !== 'INVOICE')
    out.add(pdfProblem('FX_DOCUMENT_TYPE_WRONG', { value: fx.documentType }));
}

// ---------------------------------------------------------------------------------------------
// Associated files

function checkAttachments(list: Attachment[], out: Problems): void {
  for (const a of list) {
    if (!a.stream) continue; // a reference to an external file carries no embedded data
    const file = a.name;
    if (!a.hasF || !a.hasUF) out.add(pdfProblem('FILESPEC_NAME_MISSING', { file }), file);
    if (!a.associated) out.add(pdfProblem('AF_NOT_ASSOCIATED', { file }), file);
    if (!a.relationship) out.add(pdfProblem('AF_RELATIONSHIP_MISSING', { file }), file);
    else if (!AF_RELATIONSHIPS.has(a.relationship))
      out.add(pdfProblem('AF_RELATIONSHIP_WRONG', { file, value: a.relationship }), file);
    if (!a.mime) out.add(pdfProblem('MIME_TYPE_MISSING', { file }), file);
    if (!a.hasParamsModDate) out.add(pdfProblem('EMBEDDED_PARAMS_MISSING', { file }), file);
  }
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Checks an already loaded (and pre-scanned: see loadPdf) document. Never throws. */
export function inspectPdfA(doc: PDFDocument): PdfInspection {
  const out = new Problems();
  let attachments: Attachment[] = [];
  let xmp: XmpData | undefined;
  try {
    checkObjects(doc, out);
    checkOutputIntent(doc, out);
    xmp = readCatalogXmp(doc, out);
    if (xmp) {
      checkPdfAId(xmp, out);
      checkInfoAgainstXmp(doc, xmp, out);
    }
    attachments = listAttachments(doc);
    checkAttachments(attachments, out);
    checkFacturXXmp(xmp, findInvoiceAttachment(attachments) !== undefined, out);
  } catch (error) {
    out.add(
      pdfProblem('PDF_MALFORMED', {
        detail: error instanceof Error ? error.message.slice(0, 160) : String(error),
      }),
    );
  }
  return { problems: out.list, attachments, xmp };
}

/** Our PDF/A-3 check of a whole file: `ok` when no problem at all was found. */
export async function checkPdfA(bytes: Uint8Array): Promise<PdfACheck> {
  const loaded = await loadPdf(bytes);
  if (!loaded.ok) return { ok: false, problems: [loaded.problem] };
  const { problems } = inspectPdfA(loaded.doc);
  return { ok: problems.length === 0, problems };
}
