import type { XmlAttribute, XmlElement, XmlParseOptions, XmlParseResult } from './types.js';
import { internalize } from './intern.js';

/**
 * A strict, namespace-aware XML parser for invoices, written for speed (one pass over the
 * string with indexOf/charCodeAt, no regular expression in the per-element path, few
 * allocations) and for hostile input:
 * - any DOCTYPE or ENTITY declaration is refused (no DTD processing at all: no XXE, no
 *   entity expansion bombs); only the five predefined entities and character references exist;
 * - input size and element depth are bounded; the tree is built iteratively, so depth can
 *   never overflow the JS stack;
 * - bytes are decoded from UTF-8 (BOM or not), UTF-16 (BOM, or detected from "<?"), or the
 *   encoding the XML declaration names (ISO-8859-1 and windows-1252 decoded here, US-ASCII
 *   checked, other labels through TextDecoder when the platform knows them); malformed bytes
 *   are refused;
 * - characters XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates) are refused;
 * - line breaks are normalised (CRLF and CR → LF) and literal whitespace in attribute values
 *   becomes spaces, as the XML specification requires, so text matches what any conforming
 *   processor (and so the official Schematron) sees;
 * - it never throws: every failure is a located XmlParseError.
 *
 * Memory: elements without attributes or children share one empty array each (most elements
 * of an invoice are leaves), and qualified names are interned per namespace scope.
 */

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Shared by every element without attributes / children: code editing a tree must give an
 * element a new array rather than push into an empty one (see XmlElement.children).
 * Not frozen: a frozen array has its own elements kind, and V8's for-of over arrays that are
 * sometimes frozen leaves the fast path (iterator result objects allocated per step, ~3× slower
 * per loop; the readers and rules walk `children` and `attributes` thousands of times per
 * invoice: 169 → 115 KiB allocated per validated invoice).
 */
const NO_ATTRIBUTES: XmlAttribute[] = [];
const NO_CHILDREN: XmlElement[] = [];

// Characters XML 1.0 excludes; the surrogate test is only needed for text not decoded by us.
// eslint-disable-next-line no-control-regex
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAKS = /\r\n?/g;
const ATTR_WHITESPACE = /[\t\n]/g;
const ENCODING_DECL = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;
const VERSION_DECL = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1/;

/** Thrown inside the parser only; turned into an XmlParseError by parseXml. */
class ParseFailure {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly offset: number,
  ) {}
}

function fail(code: string, message: string, line = 1, column = 1): XmlParseResult {
  return { ok: false, error: { code, message, line, column } };
}

/** Line and column (1-based) of a character offset. Error path only. */
function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first invalid UTF-8 sequence, or -1. Error path only (TextDecoder detects). */
function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** ISO-8859-1: every byte is the code point of the same value (TextDecoder would use
 * windows-1252 for this label, which differs in 0x80–0x9F). */
function decodeLatin1(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

/** windows-1252 code points for bytes 0x80–0x9F (the five unassigned ones map to the C1
 * control of the same value, as the WHATWG encoding standard does). Node's TextDecoder decodes
 * this label as ISO-8859-1, so it is done here. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeCp1252(bytes: Uint8Array): string {
  const text = decodeLatin1(bytes);
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0x9f) {
      out += text.slice(last, i) + String.fromCharCode(CP1252_HIGH[c - 0x80]!);
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

function decodeUtf8(body: Uint8Array, offset: number): string | XmlParseResult {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = invalidUtf8At(body);
    const at = Math.max(bad, 0);
    const before = new TextDecoder('utf-8').decode(body.subarray(0, at));
    const pos = locate(before, before.length);
    return fail(
      'BAD_ENCODING',
      `The file is not valid UTF-8: byte 0x${(body[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at + offset} cannot start or continue a character. Save the file as UTF-8, or declare its real encoding in the XML declaration.`,
      pos.line,
      pos.column,
    );
  }
}

function decodeUtf16(body: Uint8Array, label: 'utf-16le' | 'utf-16be'): string | XmlParseResult {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return fail(
      'BAD_ENCODING',
      'The file is not valid UTF-16 (a character is truncated or a surrogate is unpaired).',
    );
  }
}

/** The encoding label of the XML declaration at the start of ASCII-compatible bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  // "<?xml"
  if (
    bytes[0] !== 0x3c ||
    bytes[1] !== 0x3f ||
    bytes[2] !== 0x78 ||
    bytes[3] !== 0x6d ||
    bytes[4] !== 0x6c
  ) {
    return undefined;
  }
  const limit = Math.min(bytes.length, 512);
  let end = 5;
  while (end < limit && !(bytes[end] === 0x3f && bytes[end + 1] === 0x3e)) end++;
  const decl = decodeLatin1(bytes.subarray(0, end));
  return ENCODING_DECL.exec(decl)?.[2];
}

/** Bytes → text, with the encoding handling described at the top. */
function decode(input: Uint8Array, maxBytes: number): string | XmlParseResult {
  const n = input.length;
  if (n === 0) return fail('EMPTY', 'The file is empty.');
  if (n > maxBytes)
    return fail('TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes.`);
  const [b0, b1, b2, b3] = [input[0], input[1], input[2], input[3]];
  if (b0 === 0x25 && b1 === 0x50 && b2 === 0x44 && b3 === 0x46 && input[4] === 0x2d)
    return fail('PDF_NOT_XML', 'This is a PDF file, not an XML invoice.');
  if (
    (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) ||
    (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00)
  ) {
    return fail('UNSUPPORTED_ENCODING', 'UTF-32 is not supported: save the file as UTF-8.');
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeUtf8(input.subarray(3), 3);
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(input.subarray(2), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(input.subarray(2), 'utf-16be');
  // UTF-16 without a byte order mark, recognised by "<?" (XML 1.0 appendix F).
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00)
    return decodeUtf16(input, 'utf-16le');
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f)
    return decodeUtf16(input, 'utf-16be');

  const label = declaredEncoding(input);
  const enc = label?.toLowerCase();
  if (enc === undefined || enc === 'utf-8' || enc === 'utf8') return decodeUtf8(input, 0);
  switch (enc) {
    case 'iso-8859-1':
    case 'iso8859-1':
    case 'iso_8859-1':
    case 'latin1':
    case 'latin-1':
    case 'l1':
      return decodeLatin1(input);
    case 'windows-1252':
    case 'cp1252':
    case 'x-cp1252':
      return decodeCp1252(input);
    case 'us-ascii':
    case 'ascii': {
      for (let i = 0; i < n; i++) {
        if (input[i]! >= 0x80) {
          const pos = locate(decodeLatin1(input.subarray(0, i)), i);
          return fail(
            'BAD_ENCODING',
            `The file declares the encoding "${label}" but byte 0x${input[i]!.toString(16)} at offset ${i} is not ASCII. Save the file as UTF-8.`,
            pos.line,
            pos.column,
          );
        }
      }
      return decodeLatin1(input);
    }
    case 'utf-16':
    case 'utf-16le':
    case 'utf-16be':
      return fail(
        'BAD_ENCODING',
        `The file declares the encoding "${label}" but its bytes are not UTF-16 (no byte order mark). Save it as UTF-8.`,
      );
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(enc, { fatal: true });
  } catch {
    return fail(
      'UNSUPPORTED_ENCODING',
      `The file declares the encoding "${label}", which is not supported. Save the file as UTF-8 and declare encoding="UTF-8".`,
    );
  }
  try {
    return decoder.decode(input);
  } catch {
    return fail('BAD_ENCODING', `The file is not valid in its declared encoding "${label}".`);
  }
}

export function parseXml(
  input: string | Uint8Array,
  options: XmlParseOptions = {},
): XmlParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let text: string;
  try {
    if (typeof input === 'string') {
      if (input.length === 0) return fail('EMPTY', 'The file is empty.');
      if (input.length > maxBytes)
        return fail('TOO_LARGE', `The text is longer than the limit of ${maxBytes} characters.`);
      if (input.startsWith('%PDF-'))
        return fail('PDF_NOT_XML', 'This is a PDF file, not an XML invoice.');
      // Already decoded by the caller: a declared encoding no longer applies.
      text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      const lone = LONE_SURROGATE.exec(text);
      if (lone) {
        const pos = locate(text, lone.index);
        return fail('BAD_ENCODING', 'The text holds an unpaired surrogate.', pos.line, pos.column);
      }
    } else {
      const decoded = decode(input, maxBytes);
      if (typeof decoded !== 'string') return decoded;
      text = decoded;
    }
    let first = 0;
    while (first < text.length && isSpace(text.charCodeAt(first))) first++;
    if (first === text.length) return fail('EMPTY', 'The file holds only white space.');
    if (text.indexOf('\r') !== -1) text = text.replace(LINE_BREAKS, '\n');
    const illegal = ILLEGAL_CHAR.exec(text);
    if (illegal) {
      const pos = locate(text, illegal.index);
      return fail(
        text.indexOf('<') === -1 ? 'NOT_XML' : 'MALFORMED',
        `The character U+${text.charCodeAt(illegal.index).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML.`,
        pos.line,
        pos.column,
      );
    }
  } catch (error) {
    return fail('MALFORMED', `The file could not be decoded (${String(error)}).`);
  }
  try {
    return { ok: true, root: new Parser(text, maxDepth).parse() };
  } catch (error) {
    if (error instanceof ParseFailure) {
      const pos = locate(text, error.offset);
      return fail(error.code, error.message, pos.line, pos.column);
    }
    // A bug of ours must still not escape as an exception.
    return fail(
      'MALFORMED',
      `The XML could not be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/**
 * Names shared across documents, as the engine's internalised strings (xml/intern.ts):
 * readers and rules compare element names and namespaces with literals and the NS constants
 * thousands of times per invoice, and two internalised strings compare by identity where two
 * copies compare character by character; lookup maps keyed by names get faster too.
 */
function shared(s: string): string {
  return internalize(s);
}

/** A resolved qualified name, interned per scope. */
interface Name {
  ns: string;
  local: string;
  qname: string;
}

/**
 * Resolved names by the namespace bindings in force (all of a scope chain's declarations,
 * serialised): documents from one sender declare the same prefixes, so after the first one a
 * name costs one lookup and resolving, interning and allocating it is skipped. Bounded on
 * both levels, so hostile input with endless distinct bindings or names cannot grow it.
 */
const NAMES_BY_BINDINGS = new Map<string, Map<string, Name>>();
const MAX_BINDINGS = 256;
/** Names kept per bindings; beyond, a name is resolved again at each use. */
const MAX_NAMES = 4096;

function namesFor(bindings: string): Map<string, Name> {
  let names = NAMES_BY_BINDINGS.get(bindings);
  if (!names) {
    names = new Map();
    if (NAMES_BY_BINDINGS.size < MAX_BINDINGS) NAMES_BY_BINDINGS.set(bindings, names);
  }
  return names;
}

/** Namespace bindings declared on one element, chained to the enclosing ones. */
class Scope {
  /** Every binding in force, serialised (separators are control characters, which no name
   * or attribute value can hold). */
  readonly bindings: string;
  /** Element names already resolved under these bindings (see NAMES_BY_BINDINGS). */
  readonly names: Map<string, Name>;
  constructor(
    readonly prefixes: Map<string, string>,
    readonly parent: Scope | null,
  ) {
    let bindings = parent?.bindings ?? '';
    for (const [prefix, uri] of prefixes) bindings += prefix + '\u0001' + uri + '\u0002';
    this.bindings = bindings;
    this.names = namesFor(bindings);
  }

  lookup(prefix: string): string | undefined {
    const uri = this.prefixes.get(prefix);
    if (uri !== undefined) return uri;
    return this.parent?.lookup(prefix);
  }
}

const isNameStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 95 ||
  c === 58 ||
  c === 45 ||
  c === 46 ||
  c === 0xb7 ||
  c >= 0xc0;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** Replaces entity and character references; `at` is the offset of `raw` in the document. */
function decodeEntities(raw: string, at: number): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    out += raw.slice(last, amp);
    const end = raw.indexOf(';', amp + 1);
    if (end === -1 || end - amp > 40)
      throw new ParseFailure(
        'MALFORMED',
        'An "&" must start a reference such as &lt; or &#233; (write a literal "&" as &amp;).',
        at + amp,
      );
    const name = raw.slice(amp + 1, end);
    switch (name) {
      case 'lt':
        out += '<';
        break;
      case 'gt':
        out += '>';
        break;
      case 'amp':
        out += '&';
        break;
      case 'quot':
        out += '"';
        break;
      case 'apos':
        out += "'";
        break;
      default:
        out += charRef(name, at + amp);
    }
    last = end + 1;
    amp = raw.indexOf('&', last);
  }
  return out + raw.slice(last);
}

/** The character of a reference `#123` / `#x1F` (without & and ;). */
function charRef(name: string, at: number): string {
  if (name.charCodeAt(0) !== 35 /* # */) {
    throw new ParseFailure(
      'ENTITY_FORBIDDEN',
      `The entity &${name}; is not allowed: only &lt; &gt; &amp; &quot; &apos; and character references are (no DTD is read).`,
      at,
    );
  }
  const hex = name.charCodeAt(1) === 120; /* x */
  const digits = name.slice(hex ? 2 : 1);
  let code = digits.length === 0 ? NaN : 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i);
    let v: number;
    if (d >= 48 && d <= 57) v = d - 48;
    else if (hex && d >= 97 && d <= 102) v = d - 87;
    else if (hex && d >= 65 && d <= 70) v = d - 55;
    else {
      code = NaN;
      break;
    }
    code = code * (hex ? 16 : 10) + v;
  }
  const legal =
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  if (!legal)
    throw new ParseFailure(
      'MALFORMED',
      `The character reference &${name}; is not a legal XML character.`,
      at,
    );
  return String.fromCodePoint(code);
}

class Parser {
  private readonly len: number;
  /** Line bookkeeping, advanced lazily up to each element start (see `sync`). */
  private line = 1;
  private lineStart = 0;
  private nextNl: number;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {
    this.len = s.length;
    const nl = s.indexOf('\n');
    this.nextNl = nl === -1 ? Infinity : nl;
  }

  /** Counts the line breaks before `p`; each break is visited once over the whole parse. */
  private sync(p: number): void {
    const s = this.s;
    while (this.nextNl < p) {
      this.line++;
      this.lineStart = this.nextNl + 1;
      const nl = s.indexOf('\n', this.lineStart);
      this.nextNl = nl === -1 ? Infinity : nl;
    }
  }

  private skipSpace(p: number): number {
    const s = this.s;
    while (p < this.len && isSpace(s.charCodeAt(p))) p++;
    return p;
  }

  /** End offset of the name starting at p. */
  private nameEnd(p: number, what: string): number {
    const s = this.s;
    if (p >= this.len || !isNameStart(s.charCodeAt(p)))
      throw new ParseFailure('MALFORMED', `${what} was expected here.`, p);
    p++;
    while (p < this.len && isNameChar(s.charCodeAt(p))) p++;
    return p;
  }

  /** Skips the comment at p ("<!--"), returning the offset after it. */
  private comment(p: number): number {
    const end = this.s.indexOf('-->', p + 4);
    if (end === -1) throw new ParseFailure('MALFORMED', 'A comment is not closed with "-->".', p);
    const dd = this.s.indexOf('--', p + 4);
    if (dd < end) throw new ParseFailure('MALFORMED', 'A comment must not contain "--".', dd);
    return end + 3;
  }

  /** Skips the processing instruction at p ("<?"), returning the offset after it. */
  private pi(p: number): number {
    const s = this.s;
    const end = s.indexOf('?>', p + 2);
    if (end === -1)
      throw new ParseFailure('MALFORMED', 'A processing instruction is not closed with "?>".', p);
    const targetEnd = this.nameEnd(p + 2, 'A processing instruction name');
    if (targetEnd - p - 2 === 3 && s.slice(p + 2, targetEnd).toLowerCase() === 'xml')
      throw new ParseFailure('MALFORMED', 'The XML declaration must come first in the file.', p);
    return end + 2;
  }

  /** Skips comments, processing instructions and white space outside the root element. */
  private misc(p: number, prolog: boolean): number {
    const s = this.s;
    for (;;) {
      p = this.skipSpace(p);
      if (p >= this.len || s.charCodeAt(p) !== 60 /* < */) return p;
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 63 /* ? */) p = this.pi(p);
      else if (c1 === 33 /* ! */) {
        if (s.startsWith('<!--', p)) p = this.comment(p);
        else if (s.startsWith('<!DOCTYPE', p) || s.startsWith('<!doctype', p))
          throw new ParseFailure(
            'DOCTYPE_FORBIDDEN',
            'Document type declarations (DOCTYPE) are refused: an invoice needs none, and they are a known attack vector (external entities, entity expansion).',
            p,
          );
        else if (s.startsWith('<!ENTITY', p))
          throw new ParseFailure('ENTITY_FORBIDDEN', 'Entity declarations are refused.', p);
        else if (prolog) return p;
        else throw new ParseFailure('MALFORMED', 'Unexpected "<!" outside the root element.', p);
      } else return p;
    }
  }

  parse(): XmlElement {
    const s = this.s;
    let p = 0;
    if (s.startsWith('<?xml', 0) && (isSpace(s.charCodeAt(5)) || s.charCodeAt(5) === 63)) {
      const end = s.indexOf('?>', 5);
      if (end === -1)
        throw new ParseFailure('MALFORMED', 'The XML declaration is not closed with "?>".', 0);
      if (!VERSION_DECL.test(s.slice(0, end)))
        throw new ParseFailure(
          'MALFORMED',
          'The XML declaration must start with version="1.0" (e.g. <?xml version="1.0" encoding="UTF-8"?>).',
          0,
        );
      p = end + 2;
    }
    p = this.misc(p, true);
    if (p >= this.len) throw new ParseFailure('NOT_XML', 'The file has no XML element.', p);
    if (s.charCodeAt(p) !== 60 || !isNameStart(s.charCodeAt(p + 1)))
      throw new ParseFailure(
        'NOT_XML',
        p === 0 || s.charCodeAt(p) !== 60
          ? 'This is not an XML document: it does not start with "<".'
          : 'An element was expected here.',
        p,
      );
    const { root, end } = this.elements(p);
    p = this.misc(end, false);
    if (p < this.len)
      throw new ParseFailure('MALFORMED', 'There is content after the end of the root element.', p);
    return root;
  }

  /** Parses the root element starting at `p` (at '<'); returns it and the offset after it. */
  private elements(p: number): { root: XmlElement; end: number } {
    const s = this.s;
    const len = this.len;
    const stack: XmlElement[] = [];
    const scopes: Scope[] = [];
    let scope = new Scope(new Map([['xml', XML_NS]]), null);
    let root: XmlElement | undefined;
    const indents: string[] = [];
    const closingIndents: (string | undefined)[] = [];

    for (;;) {
      // p is at '<'.
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 47 /* / */) {
        // End tag: must name the innermost open element.
        const top = stack[stack.length - 1];
        if (!top) throw new ParseFailure('MALFORMED', 'An end tag has no start tag.', p);
        const nameStart = p + 2;
        const q = top.qname;
        const nameEnd = nameStart + q.length;
        if (!s.startsWith(q, nameStart) || (nameEnd < len && isNameChar(s.charCodeAt(nameEnd)))) {
          const actualEnd = this.nameEnd(nameStart, 'An element name');
          throw new ParseFailure(
            'MALFORMED',
            `The end tag </${s.slice(nameStart, actualEnd)}> does not match the start tag <${q}> of line ${top.line}.`,
            p,
          );
        }
        p = this.skipSpace(nameEnd);
        if (s.charCodeAt(p) !== 62 /* > */)
          throw new ParseFailure('MALFORMED', `The end tag </${q}> is not closed with ">".`, p);
        p++;
        stack.pop();
        scope = scopes.pop()!;
        if (stack.length === 0) return { root: root!, end: p };
      } else if (c1 === 33 /* ! */) {
        const top = stack[stack.length - 1]!;
        if (s.startsWith('<!--', p)) p = this.comment(p);
        else if (s.startsWith('<![CDATA[', p)) {
          const end = s.indexOf(']]>', p + 9);
          if (end === -1)
            throw new ParseFailure('MALFORMED', 'A CDATA section is not closed with "]]>".', p);
          top.text += s.slice(p + 9, end);
          top.blankText = false;
          p = end + 3;
        } else if (s.startsWith('<!DOCTYPE', p))
          throw new ParseFailure(
            'DOCTYPE_FORBIDDEN',
            'Document type declarations (DOCTYPE) are refused.',
            p,
          );
        else if (s.startsWith('<!ENTITY', p))
          throw new ParseFailure('ENTITY_FORBIDDEN', 'Entity declarations are refused.', p);
        else throw new ParseFailure('MALFORMED', 'Unexpected "<!" in element content.', p);
      } else if (c1 === 63 /* ? */) {
        p = this.pi(p);
      } else {
        // Start tag.
        const start = p;
        const nameEnd = this.nameEnd(p + 1, 'An element name');
        const nameStart = p + 1;
        p = nameEnd;
        let attrs: XmlAttribute[] | null = null;
        let decls: Map<string, string> | null = null;
        let selfClosing = false;
        for (;;) {
          const before = p;
          p = this.skipSpace(p);
          const c = s.charCodeAt(p);
          if (c === 62 /* > */) {
            p++;
            break;
          }
          if (c === 47 /* / */ && s.charCodeAt(p + 1) === 62) {
            p += 2;
            selfClosing = true;
            break;
          }
          if (p >= len)
            throw new ParseFailure(
              'MALFORMED',
              `The start tag <${s.slice(nameStart, nameEnd)}> is not closed.`,
              start,
            );
          if (p === before)
            throw new ParseFailure(
              'MALFORMED',
              `A space is needed between the attributes of <${s.slice(nameStart, nameEnd)}>.`,
              p,
            );
          const attrStart = p;
          const attrEnd = this.nameEnd(p, 'An attribute name');
          const name = s.slice(p, attrEnd);
          p = this.skipSpace(attrEnd);
          if (s.charCodeAt(p) !== 61 /* = */)
            throw new ParseFailure('MALFORMED', `The attribute ${name} has no "=" and value.`, p);
          p = this.skipSpace(p + 1);
          const quote = s.charCodeAt(p);
          if (quote !== 34 && quote !== 39)
            throw new ParseFailure(
              'MALFORMED',
              `The value of the attribute ${name} must be in quotes.`,
              p,
            );
          const valueEnd = s.indexOf(quote === 34 ? '"' : "'", p + 1);
          if (valueEnd === -1)
            throw new ParseFailure(
              'MALFORMED',
              `The value of the attribute ${name} is not closed.`,
              p,
            );
          let raw = s.slice(p + 1, valueEnd);
          if (raw.indexOf('<') !== -1)
            throw new ParseFailure(
              'MALFORMED',
              `The value of the attribute ${name} contains "<" (write it as &lt;).`,
              p,
            );
          // Attribute-value normalisation: literal tab/LF become spaces (CR is already LF).
          if (raw.indexOf('\n') !== -1 || raw.indexOf('\t') !== -1)
            raw = raw.replace(ATTR_WHITESPACE, ' ');
          const value = decodeEntities(raw, p + 1);
          p = valueEnd + 1;
          if (name.charCodeAt(0) === 120 /* x */ && name.startsWith('xmlns')) {
            if (name.length === 5 || name.charCodeAt(5) === 58 /* : */) {
              const prefix = name.length === 5 ? '' : name.slice(6);
              decls ??= new Map();
              if (decls.has(prefix))
                throw new ParseFailure(
                  'MALFORMED',
                  `The attribute ${name} appears twice on <${s.slice(nameStart, nameEnd)}>.`,
                  attrStart,
                );
              if (prefix !== '' && value === '')
                throw new ParseFailure(
                  'NAMESPACE',
                  `The prefix "${prefix}" cannot be bound to an empty namespace name.`,
                  attrStart,
                );
              if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS))
                throw new ParseFailure(
                  'NAMESPACE',
                  `The prefix "${prefix}" is reserved and cannot be declared.`,
                  attrStart,
                );
              decls.set(prefix, value);
              continue;
            }
          }
          const attr: XmlAttribute = { ns: '', local: name, qname: name, value };
          if (attrs === null) attrs = [attr];
          else {
            for (const a of attrs)
              if (a.qname === name)
                throw new ParseFailure(
                  'MALFORMED',
                  `The attribute ${name} appears twice on <${s.slice(nameStart, nameEnd)}>.`,
                  attrStart,
                );
            attrs.push(attr);
          }
        }

        if (decls) scope = new Scope(decls, scope);
        const n = this.elementName(scope, nameStart, nameEnd, start);
        if (attrs) {
          let prefixed = false;
          for (const a of attrs) {
            if (a.qname.indexOf(':') === -1) continue;
            const an = this.resolve(scope, a.qname, true, start);
            a.ns = an.ns;
            a.local = an.local;
            prefixed = true;
          }
          // Two prefixes bound to one URI must not give the same expanded attribute name.
          if (prefixed && attrs.length > 1) {
            for (let i = 0; i < attrs.length; i++) {
              for (let j = i + 1; j < attrs.length; j++) {
                const a = attrs[i]!;
                const b = attrs[j]!;
                if (a.local === b.local && a.ns === b.ns)
                  throw new ParseFailure(
                    'NAMESPACE',
                    `The attributes ${a.qname} and ${b.qname} of <${s.slice(nameStart, nameEnd)}> have the same namespace and name.`,
                    start,
                  );
              }
            }
          }
        }
        this.sync(start);
        const parent = stack.length > 0 ? stack[stack.length - 1]! : null;
        const el: XmlElement = {
          ns: n.ns,
          local: n.local,
          qname: n.qname,
          attributes: attrs ?? NO_ATTRIBUTES,
          children: NO_CHILDREN,
          text: '',
          blankText: true,
          line: this.line,
          column: start - this.lineStart + 1,
          parent,
        };
        if (parent) {
          if (parent.children === NO_CHILDREN) parent.children = [el];
          else parent.children.push(el);
        } else root = el;

        if (selfClosing) {
          if (decls) scope = scope.parent!;
          if (!parent) return { root: el, end: p };
        } else {
          if (stack.length >= this.maxDepth)
            throw new ParseFailure(
              'TOO_DEEP',
              `Elements are nested deeper than ${this.maxDepth} levels.`,
              start,
            );
          stack.push(el);
          // The scope to restore when this element closes.
          scopes.push(decls ? scope.parent! : scope);
        }
      }

      // Character data up to the next markup.
      const lt = s.indexOf('<', p);
      if (lt === -1) {
        const top = stack[stack.length - 1]!;
        throw new ParseFailure(
          'MALFORMED',
          `The element <${top.qname}> of line ${top.line} is not closed (the file ends first).`,
          len,
        );
      }
      if (lt > p) {
        const top = stack[stack.length - 1]!;
        let q = p;
        while (q < lt && isSpace(s.charCodeAt(q))) q++;
        let piece: string;
        if (q === lt) {
          // Indentation: siblings at one depth share it, so reuse the string last seen there
          // rather than allocate a copy per element (large invoices are mostly this).
          // Two per depth: the indentation between children and the shorter one before the
          // parent's end tag alternate.
          const depth = stack.length;
          const seen = indents[depth];
          const other = closingIndents[depth];
          if (seen !== undefined && seen.length === lt - p && s.startsWith(seen, p)) piece = seen;
          else if (other !== undefined && other.length === lt - p && s.startsWith(other, p)) {
            piece = other;
          } else {
            piece = s.slice(p, lt);
            closingIndents[depth] = seen;
            indents[depth] = piece;
          }
        } else {
          const raw = s.slice(p, lt);
          if (raw.indexOf(']]>') !== -1)
            throw new ParseFailure(
              'MALFORMED',
              'The sequence "]]>" is not allowed in text (write > as &gt;).',
              p + raw.indexOf(']]>'),
            );
          piece = decodeEntities(raw, p);
          top.blankText = false;
        }
        top.text = top.text === '' ? piece : top.text + piece;
      }
      p = lt;
    }
  }

  /** The resolved name of the element named s[start, end), interned in its scope. */
  private elementName(scope: Scope, start: number, end: number, at: number): Name {
    const qname = this.s.slice(start, end);
    const cached = scope.names.get(qname);
    if (cached) return cached;
    const name = this.resolve(scope, qname, false, at);
    if (scope.names.size < MAX_NAMES) scope.names.set(qname, name);
    return name;
  }

  /** Resolves a qualified name in a scope, or fails with NAMESPACE. */
  private resolve(scope: Scope, qname: string, isAttr: boolean, at: number): Name {
    const colon = qname.indexOf(':');
    let name: Name;
    if (colon === -1) {
      const q = shared(qname);
      name = { ns: isAttr ? '' : shared(scope.lookup('') ?? ''), local: q, qname: q };
    } else {
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (
        colon === 0 ||
        local.length === 0 ||
        local.indexOf(':') !== -1 ||
        !isNameStart(local.charCodeAt(0))
      )
        throw new ParseFailure('NAMESPACE', `The name ${qname} is not a valid qualified name.`, at);
      if (prefix === 'xmlns')
        throw new ParseFailure('NAMESPACE', `The prefix "xmlns" cannot name ${qname}.`, at);
      const uri = scope.lookup(prefix);
      if (uri === undefined)
        throw new ParseFailure(
          'NAMESPACE',
          `The prefix "${prefix}" of ${qname} is not bound to a namespace (xmlns:${prefix}="…" is missing).`,
          at,
        );
      name = { ns: shared(uri), local: shared(local), qname: shared(qname) };
    }
    return name;
  }
}
