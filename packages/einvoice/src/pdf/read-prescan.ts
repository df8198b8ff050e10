/**
 * The raw-bytes side of reading an untrusted PDF: the bounds applied to every file, a bounded
 * inflater, and the pre-scan that judges the bytes before pdf-lib is allowed to parse them.
 *
 * pdf-lib parses the whole file eagerly and inflates object streams and cross-reference streams
 * without any limit, so a hostile file could make it allocate gigabytes. `prescanPdf` therefore
 * checks, in one cheap pass over the raw bytes, the header, the end of file, encryption, the
 * object count, and the inflated size of every object/xref stream (measured with a bounded
 * inflater that keeps nothing). Nothing here knows pdf-lib: `loadPdf` (read-objects.ts) runs
 * this first and parses only what passed.
 */
import { Inflate, Unzlib } from 'fflate';
import type { PdfProblem } from './read-types.js';
import { pdfProblem } from './read-messages.js';

/** Bounds applied to every untrusted PDF. Invoices are a few hundred KB; these are generous. */
export const PDF_LIMITS = {
  /** Whole file. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Indirect objects, counted in the file body and announced by object streams. A
   * thousand-page invoice has a few tens of thousands; parsing 100,000 takes seconds. */
  maxObjects: 100_000,
  /** One stream decoded on demand (attachment, XMP, ICC profile). */
  maxStreamBytes: 20 * 1024 * 1024,
  /** All object and cross-reference streams of the file, inflated, together. */
  maxStructureBytes: 64 * 1024 * 1024,
} as const;

// ---------------------------------------------------------------------------------------------
// Bounded inflation

export type InflateResult =
  | { ok: true; bytes: Uint8Array; size: number }
  | { ok: false; reason: 'too-large' | 'corrupt'; detail: string };

/** Input is fed in slices this small so that one push can produce at most ~1 MiB (deflate's
 * best ratio is about 1:1032): memory stays bounded even for a bomb. */
const INFLATE_SLICE = 1024;

/**
 * Inflates a FlateDecode payload (zlib-wrapped, or raw deflate as some producers write it),
 * stopping as soon as the output would exceed `limit`. With `keep` false the output is only
 * measured, never stored. A stream cut short keeps what was inflated (producers sometimes get
 * /Length slightly wrong); a stream that is not deflate at all is 'corrupt'.
 */
export function inflateBounded(data: Uint8Array, limit: number, keep = true): InflateResult {
  const zlibWrapped =
    data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const onData = (chunk: Uint8Array): void => {
    size += chunk.length;
    if (size > limit) over = true;
    else if (keep) chunks.push(chunk);
  };
  const inflater = zlibWrapped ? new Unzlib(onData) : new Inflate(onData);
  try {
    for (let at = 0; at < data.length && !over; at += INFLATE_SLICE) {
      const end = Math.min(at + INFLATE_SLICE, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    // fflate reports a truncated stream as "unexpected EOF" (code 0): keep the output so far,
    // as long as there was some; anything else is corrupt data.
    const code = (error as { code?: number }).code;
    if (over) return { ok: false, reason: 'too-large', detail: `> ${limit} bytes` };
    if (code !== 0 || size === 0)
      return { ok: false, reason: 'corrupt', detail: (error as Error).message || 'invalid data' };
  }
  if (over) return { ok: false, reason: 'too-large', detail: `> ${limit} bytes` };
  if (!keep) return { ok: true, bytes: new Uint8Array(0), size };
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out, size };
}

// ---------------------------------------------------------------------------------------------
// Pre-scan of the raw bytes

/**
 * String-like searches over the raw bytes (PDF keywords are ASCII). Searching the bytes
 * directly, with the native TypedArray indexOf for the first byte, avoids decoding the whole
 * file into a string, which costs far more than the scan itself.
 */
class ByteText {
  constructor(readonly bytes: Uint8Array) {}

  get length(): number {
    return this.bytes.length;
  }

  charCodeAt(i: number): number {
    return this.bytes[i] ?? NaN;
  }

  startsWith(word: string, at: number): boolean {
    if (at < 0 || at + word.length > this.bytes.length) return false;
    for (let k = 0; k < word.length; k++)
      if (this.bytes[at + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  indexOf(word: string, from = 0): number {
    const first = word.charCodeAt(0);
    for (let i = this.bytes.indexOf(first, from); i >= 0; i = this.bytes.indexOf(first, i + 1))
      if (this.startsWith(word, i)) return i;
    return -1;
  }

  lastIndexOf(word: string, from = this.bytes.length): number {
    const first = word.charCodeAt(0);
    for (
      let i = this.bytes.lastIndexOf(first, from);
      i >= 0;
      i = i > 0 ? this.bytes.lastIndexOf(first, i - 1) : -1
    )
      if (this.startsWith(word, i)) return i;
    return -1;
  }

  /** Latin-1 text of a (small) range. */
  slice(start: number, end: number): string {
    let out = '';
    for (let at = start; at < end; at += 8192)
      out += String.fromCharCode(...this.bytes.subarray(at, Math.min(end, at + 8192)));
    return out;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWhite(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

/** True when `obj` at `at` is an object header `N G obj` (not `endobj`, not inside a word). */
function isObjHeader(s: ByteText, at: number): boolean {
  if (!isDelimiterOrSpace(s.bytes[at + 3])) return false;
  let i = at - 1;
  if (!isWhite(s.charCodeAt(i))) return false;
  while (i >= 0 && isWhite(s.charCodeAt(i))) i--;
  if (!isDigit(s.charCodeAt(i))) return false;
  while (i >= 0 && isDigit(s.charCodeAt(i))) i--;
  if (!isWhite(s.charCodeAt(i))) return false;
  while (i >= 0 && isWhite(s.charCodeAt(i))) i--;
  return isDigit(s.charCodeAt(i));
}

function isDelimiterOrSpace(c: number | undefined): boolean {
  return (
    c === undefined ||
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    c === 0x0c ||
    c === 0x00 ||
    c === 0x3c || // <
    c === 0x3e || // >
    c === 0x2f || // /
    c === 0x5b || // [
    c === 0x5d || // ]
    c === 0x28 || // (
    c === 0x29 // )
  );
}

/** True when the dictionary text names `/Key` exactly (not `/KeyLonger`). */
function hasName(dictText: string, name: string): boolean {
  let at = dictText.indexOf(name);
  while (at >= 0) {
    if (isDelimiterOrSpace(dictText.charCodeAt(at + name.length) || undefined)) return true;
    at = dictText.indexOf(name, at + 1);
  }
  return false;
}

const N_ENTRY = /\/N\s+(\d+)/;

/** Bytes tolerated after the last %%EOF. */
const MAX_TAIL_AFTER_EOF = 16 * 1024;

interface ScanResult {
  problem?: PdfProblem;
}

const SIZE_ENTRY = /\/Size\s+(\d+)/;
const INDEX_ENTRY = /\/Index\s*\[([^\]]*)\]/;
const W_ENTRY = /\/W\s*\[([^\]]*)\]/;

/**
 * pdf-lib reads an xref stream by looping over the entry count its dictionary announces
 * (/Index, else /Size), whatever the data holds: a tiny stream announcing 10^9 entries would
 * loop for minutes. So the announced count is bounded like the object count, and the field
 * widths (/W) to what a file offset can need.
 */
function checkXrefDict(dict: string): PdfProblem | undefined {
  let entries = 0;
  const index = INDEX_ENTRY.exec(dict);
  if (index) {
    const nums = index[1]!.trim().split(/\s+/).map(Number);
    for (let i = 1; i < nums.length; i += 2) entries += nums[i]!;
  } else {
    const size = SIZE_ENTRY.exec(dict);
    entries = size ? Number(size[1]) : 0;
  }
  if (!(entries <= PDF_LIMITS.maxObjects))
    return pdfProblem('PDF_TOO_MANY_OBJECTS', { count: entries, limit: PDF_LIMITS.maxObjects });
  const w = W_ENTRY.exec(dict);
  if (
    w &&
    w[1]!
      .trim()
      .split(/\s+/)
      .some((n) => !(Number(n) >= 0 && Number(n) <= 8))
  )
    return pdfProblem('PDF_MALFORMED', { detail: 'cross-reference stream field widths' });
  return undefined;
}

/**
 * Everything that can be judged on the raw bytes before parsing, in one linear pass:
 * header, truncation, encryption, object count, object/xref stream sizes. Cost: a few byte
 * scans, and bounded inflation of the structure streams only.
 */
export function prescanPdf(bytes: Uint8Array): ScanResult {
  if (bytes.length === 0) return { problem: pdfProblem('PDF_EMPTY') };
  if (bytes.length > PDF_LIMITS.maxFileBytes)
    return {
      problem: pdfProblem('PDF_TOO_LARGE', {
        size: bytes.length,
        limit: PDF_LIMITS.maxFileBytes,
      }),
    };
  const s = new ByteText(bytes);
  const header = s.indexOf('%PDF-');
  if (header < 0 || header > 1024) return { problem: pdfProblem('NOT_A_PDF') };

  // A complete file ends with `startxref <offset> %%EOF`. A little trailing garbage is
  // tolerated (mail gateways add some), but not a long tail: that is a file cut short after
  // an earlier %%EOF (a linearized file's first section, or an incremental update's).
  const eof = s.lastIndexOf('%%EOF');
  if (eof < 0 || s.length - eof > MAX_TAIL_AFTER_EOF)
    return { problem: pdfProblem('PDF_TRUNCATED', { missing: '%%EOF' }) };
  if (s.lastIndexOf('startxref', eof) < 0)
    return { problem: pdfProblem('PDF_TRUNCATED', { missing: 'startxref' }) };

  // Classic trailers: the dictionary between `trailer` and the following `startxref`.
  for (let t = s.indexOf('trailer'); t >= 0; t = s.indexOf('trailer', t + 7)) {
    const end = s.indexOf('startxref', t);
    const text = s.slice(t, Math.min(end < 0 ? s.length : end, t + 65536));
    if (hasName(text, '/Encrypt')) return { problem: pdfProblem('PDF_ENCRYPTED') };
  }

  let objects = 0;
  for (let o = s.indexOf('obj'); o >= 0; o = s.indexOf('obj', o + 3)) {
    if (isObjHeader(s, o) && ++objects > PDF_LIMITS.maxObjects)
      return {
        problem: pdfProblem('PDF_TOO_MANY_OBJECTS', {
          count: `> ${PDF_LIMITS.maxObjects}`,
          limit: PDF_LIMITS.maxObjects,
        }),
      };
  }

  // Streams: only object streams and xref streams are inflated by pdf-lib at load time, so
  // only those are measured here. The scan jumps over each stream's data to `endstream`.
  let structureBytes = 0;
  let at = 0;
  for (;;) {
    const kw = s.indexOf('stream', at);
    if (kw < 0) break;
    at = kw + 6;
    if (s.startsWith('end', kw - 3)) continue; // `endstream`
    const dictStart = s.lastIndexOf('obj', kw);
    if (dictStart < 0 || kw - dictStart > 65536) continue;
    const dict = s.slice(dictStart, kw);
    let dataStart = kw + 6;
    if (s.charCodeAt(dataStart) === 0x0d) dataStart++;
    if (s.charCodeAt(dataStart) === 0x0a) dataStart++;
    const endstream = s.indexOf('endstream', dataStart);
    const dataEnd = endstream < 0 ? s.length : endstream;
    at = dataEnd;
    const isXref = hasName(dict, '/XRef');
    const isObjStm = hasName(dict, '/ObjStm');
    if (!isXref && !isObjStm) continue;
    if (isXref && hasName(dict, '/Encrypt')) return { problem: pdfProblem('PDF_ENCRYPTED') };
    if (isXref) {
      const problem = checkXrefDict(dict);
      if (problem) return { problem };
    }
    if (isObjStm) {
      const n = N_ENTRY.exec(dict);
      if (n) objects += Number(n[1]);
      if (objects > PDF_LIMITS.maxObjects)
        return {
          problem: pdfProblem('PDF_TOO_MANY_OBJECTS', {
            count: objects,
            limit: PDF_LIMITS.maxObjects,
          }),
        };
    }
    const data = bytes.subarray(dataStart, dataEnd);
    let size = data.length;
    if (hasName(dict, '/FlateDecode') || hasName(dict, '/Fl')) {
      const remaining = PDF_LIMITS.maxStructureBytes - structureBytes;
      const r = inflateBounded(data, Math.min(remaining, PDF_LIMITS.maxStreamBytes), false);
      if (!r.ok && r.reason === 'too-large')
        return {
          problem: pdfProblem('PDF_STREAM_TOO_LARGE', { limit: PDF_LIMITS.maxStreamBytes }),
        };
      size = r.ok ? r.size : 0;
    } else if (hasName(dict, '/Filter')) {
      // pdf-lib decodes other filters (LZW, RunLength, ASCII85/Hex) without bounds; structure
      // streams are in practice always FlateDecode, so anything else is refused here.
      return {
        problem: pdfProblem('PDF_MALFORMED', {
          detail: 'object stream with an unsupported filter',
        }),
      };
    }
    structureBytes += size;
    if (structureBytes > PDF_LIMITS.maxStructureBytes)
      return {
        problem: pdfProblem('PDF_STREAM_TOO_LARGE', { limit: PDF_LIMITS.maxStructureBytes }),
      };
  }
  return {};
}
