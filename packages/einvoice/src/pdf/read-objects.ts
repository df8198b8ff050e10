/**
 * Safe loading of an untrusted PDF and small helpers over its objects, shared by the reader
 * (read-impl.ts), the PDF/A-3 checker (check-pdfa.ts) and the Factur-X writer when it embeds an
 * XML into a PDF a supplier already has.
 *
 * `loadPdf` hands the bytes to pdf-lib only once the pre-scan (read-prescan.ts) found them
 * within bounds. Every other stream (pages, fonts, attachments) is decoded only on demand,
 * through `decodeStream`, which is bounded too. Never throws: every failure becomes a problem
 * with a stable code.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import type { PdfProblem } from './read-types.js';
import { pdfProblem } from './read-messages.js';
import { inflateBounded, PDF_LIMITS, prescanPdf } from './read-prescan.js';

// ---------------------------------------------------------------------------------------------
// Loading

export type LoadResult = { ok: true; doc: PDFDocument } | { ok: false; problem: PdfProblem };

/**
 * Pre-scans then parses an untrusted PDF. Encrypted files are refused (their strings and
 * streams could not be read anyway). The returned document is never modified here.
 */
export async function loadPdf(bytes: Uint8Array): Promise<LoadResult> {
  const scan = prescanPdf(bytes);
  if (scan.problem) return { ok: false, problem: scan.problem };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
  } catch (error) {
    return {
      ok: false,
      problem: pdfProblem('PDF_MALFORMED', { detail: shortError(error) }),
    };
  }
  if (doc.isEncrypted) return { ok: false, problem: pdfProblem('PDF_ENCRYPTED') };
  const catalog = doc.context.lookup(doc.context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict))
    return { ok: false, problem: pdfProblem('PDF_MALFORMED', { detail: 'no document catalog' }) };
  return { ok: true, doc };
}

function shortError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// Object helpers: tolerant lookups that never throw on a type mismatch (pdf-lib's typed
// lookups do), so that a malformed dictionary degrades into "absent".

/** Resolves a reference (one level; pdf-lib stores no chains). */
export function resolve(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

export function get(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): PDFObject | undefined {
  return dict ? resolve(doc, dict.get(PDFName.of(key))) : undefined;
}

/** The dictionary of a dict or of a stream. */
export function dictOf(obj: PDFObject | undefined): PDFDict | undefined {
  if (obj instanceof PDFDict) return obj;
  if (obj instanceof PDFStream) return obj.dict;
  return undefined;
}

export function getDict(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): PDFDict | undefined {
  const v = get(doc, dict, key);
  return v instanceof PDFDict ? v : undefined;
}

export function getArray(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): PDFArray | undefined {
  const v = get(doc, dict, key);
  return v instanceof PDFArray ? v : undefined;
}

export function getStream(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): PDFRawStream | undefined {
  const v = get(doc, dict, key);
  return v instanceof PDFRawStream ? v : undefined;
}

/** A name's decoded value (`/text#2Fxml` → 'text/xml'), without the slash. */
export function getName(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): string | undefined {
  const v = get(doc, dict, key);
  return v instanceof PDFName ? v.decodeText() : undefined;
}

/** A text string (PDFDocEncoding or UTF-16BE with BOM), decoded. */
export function getText(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): string | undefined {
  const v = get(doc, dict, key);
  return textOf(v);
}

export function textOf(v: PDFObject | undefined): string | undefined {
  if (v instanceof PDFString || v instanceof PDFHexString) {
    try {
      return v.decodeText();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function getNumber(
  doc: PDFDocument,
  dict: PDFDict | undefined,
  key: string,
): number | undefined {
  const v = get(doc, dict, key);
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

export function arrayItems(doc: PDFDocument, array: PDFArray | undefined): PDFObject[] {
  if (!array) return [];
  const out: PDFObject[] = [];
  for (let i = 0; i < array.size(); i++) {
    const v = resolve(doc, array.get(i));
    if (v) out.push(v);
  }
  return out;
}

export function catalogOf(doc: PDFDocument): PDFDict {
  return doc.context.lookup(doc.context.trailerInfo.Root) as PDFDict;
}

/** Entries of a name tree (e.g. /EmbeddedFiles), in order; bounded in nodes visited, and safe
 * against cycles in /Kids. */
export function nameTreeEntries(
  doc: PDFDocument,
  root: PDFDict | undefined,
  maxNodes = 10_000,
): { key: string; value: PDFObject }[] {
  const out: { key: string; value: PDFObject }[] = [];
  if (!root) return out;
  const seen = new Set<PDFDict>();
  const stack: PDFDict[] = [root];
  while (stack.length > 0 && seen.size < maxNodes) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const names = getArray(doc, node, 'Names');
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = textOf(resolve(doc, names.get(i))) ?? '';
        const value = resolve(doc, names.get(i + 1));
        if (value) out.push({ key, value });
      }
    }
    // Kids are pushed in reverse so that they pop in document order.
    const kids = arrayItems(doc, getArray(doc, node, 'Kids'));
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k instanceof PDFDict) stack.push(k);
    }
  }
  return out;
}

/**
 * The page dictionaries (leaves of the page tree), in order. Walked iteratively with a visited
 * set and a bound: pdf-lib's own traversal recurses and loops on a cyclic /Kids.
 */
export function pageDicts(doc: PDFDocument, maxNodes = 100_000): PDFDict[] {
  const out: PDFDict[] = [];
  const root = getDict(doc, catalogOf(doc), 'Pages');
  if (!root) return out;
  const seen = new Set<PDFDict>();
  const stack: PDFDict[] = [root];
  while (stack.length > 0 && seen.size < maxNodes) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const kids = getArray(doc, node, 'Kids');
    if (!kids) {
      out.push(node);
      continue;
    }
    const items = arrayItems(doc, kids);
    for (let i = items.length - 1; i >= 0; i--) {
      const k = items[i];
      if (k instanceof PDFDict) stack.push(k);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bounded stream decoding

export type DecodeResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'corrupt' | 'unsupported'; detail: string };

/** Worst-case expansion of the filters other than FlateDecode, used to bound them without
 * decoding: LZW's longest code expands ~4096×, RunLength 128/2, ASCII85 'z' 4×. */
const FILTER_RATIO: Record<string, number> = {
  LZWDecode: 4096,
  RunLengthDecode: 64,
  ASCII85Decode: 4,
  ASCIIHexDecode: 1,
};

/**
 * Decodes a stream's data, never producing more than `limit` bytes. FlateDecode (the only
 * filter in practice for attachments and metadata) is inflated incrementally; other filters
 * are delegated to pdf-lib only when their worst-case expansion fits in the limit. Predictors
 * (DecodeParms) are only supported through pdf-lib, under the same bound.
 */
export function decodeStream(
  doc: PDFDocument,
  stream: PDFRawStream,
  limit: number = PDF_LIMITS.maxStreamBytes,
): DecodeResult {
  const filterObj = get(doc, stream.dict, 'Filter');
  const filters: string[] = [];
  if (filterObj instanceof PDFName) filters.push(filterObj.decodeText());
  else if (filterObj instanceof PDFArray)
    for (const f of arrayItems(doc, filterObj))
      if (f instanceof PDFName) filters.push(f.decodeText());
  const raw = stream.contents;
  if (filters.length === 0) {
    if (raw.length > limit) return { ok: false, reason: 'too-large', detail: `> ${limit} bytes` };
    return { ok: true, bytes: raw };
  }
  const hasParams = get(doc, stream.dict, 'DecodeParms') !== undefined;
  if (filters.length === 1 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl') && !hasParams) {
    const r = inflateBounded(raw, limit);
    return r.ok ? { ok: true, bytes: r.bytes } : r;
  }
  let worst = raw.length;
  for (const f of filters) {
    const ratio = f === 'FlateDecode' || f === 'Fl' ? 1032 : FILTER_RATIO[f];
    if (ratio === undefined) return { ok: false, reason: 'unsupported', detail: `filter /${f}` };
    worst *= ratio;
  }
  if (worst > limit) return { ok: false, reason: 'too-large', detail: `> ${limit} bytes` };
  try {
    return { ok: true, bytes: decodePDFRawStream(stream).decode() };
  } catch (error) {
    return { ok: false, reason: 'corrupt', detail: shortError(error) };
  }
}
