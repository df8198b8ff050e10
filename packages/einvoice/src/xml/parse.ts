import type {
  XmlAttribute,
  XmlElement,
  XmlParseError,
  XmlParseOptions,
  XmlParseResult,
} from './types.js';

/**
 * A strict, namespace-aware XML parser for invoices, written for speed (one pass over the
 * string, no regular expressions in the hot loop) and for hostile input:
 * - any DOCTYPE or ENTITY declaration is refused (no DTD processing at all: no XXE, no
 *   entity expansion bombs); only the five predefined entities and character references exist;
 * - input size and element depth are bounded;
 * - bytes must be UTF-8 (BOM accepted) or UTF-16 with a BOM; a declared encoding other than
 *   UTF-8/UTF-16 is refused with a clear message rather than guessed;
 * - it never throws: every failure is a located XmlParseError.
 */

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

class ParseFailure extends Error {
  constructor(readonly detail: XmlParseError) {
    super(detail.message);
  }
}

/** Line and column (1-based) of a character offset. */
function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first invalid UTF-8 sequence, or -1. */
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
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n + 0 && i + need > n - 1 + 1) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
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

function fail(code: string, message: string, line = 1, column = 1): XmlParseResult {
  return { ok: false, error: { code, message, line, column } };
}

/** Bytes → text, with the encoding checks described above. */
function decode(input: Uint8Array, maxBytes: number): string | XmlParseResult {
  if (input.length === 0) return fail('EMPTY', 'The file is empty.');
  if (input.length > maxBytes)
    return fail('TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes.`);
  if (
    input[0] === 0x25 &&
    input[1] === 0x50 &&
    input[2] === 0x44 &&
    input[3] === 0x46 &&
    input[4] === 0x2d
  ) {
    return fail('PDF_NOT_XML', 'This is a PDF file, not an XML invoice.');
  }
  if (input[0] === 0xff && input[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff)
    return new TextDecoder('utf-16be').decode(input.subarray(2));
  const start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const body = input.subarray(start);
  const bad = invalidUtf8At(body);
  if (bad !== -1) {
    // Locate by decoding what precedes the bad byte (it is valid by construction).
    const before = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const at = locate(before, before.length);
    return fail(
      'BAD_ENCODING',
      `The file is not valid UTF-8: byte 0x${body[bad]!.toString(16).padStart(2, '0')} at offset ${bad + start} cannot start or continue a character.`,
      at.line,
      at.column,
    );
  }
  return new TextDecoder('utf-8').decode(body);
}

const isNameStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number) =>
  isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

export function parseXml(
  input: string | Uint8Array,
  options: XmlParseOptions = {},
): XmlParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let text: string;
  if (typeof input === 'string') {
    if (input.length === 0) return fail('EMPTY', 'The file is empty.');
    if (input.length > maxBytes)
      return fail('TOO_LARGE', `The text is longer than the limit of ${maxBytes} characters.`);
    if (input.startsWith('%PDF-'))
      return fail('PDF_NOT_XML', 'This is a PDF file, not an XML invoice.');
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const decoded = decode(input, maxBytes);
    if (typeof decoded !== 'string') return decoded;
    text = decoded;
  }
  try {
    return { ok: true, root: new Parser(text, maxDepth).parse() };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.detail };
    // A bug of ours must still not escape as an exception.
    return fail(
      'MALFORMED',
      `The XML could not be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

interface Scope {
  prefixes: Map<string, string> | null;
  parent: Scope | null;
}

class Parser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly len: number;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {
    this.len = s.length;
  }

  private error(code: string, message: string, at = this.pos): never {
    const { line, column } =
      at === this.pos ? { line: this.line, column: at - this.lineStart + 1 } : locate(this.s, at);
    throw new ParseFailure({ code, message, line, column });
  }

  /** Moves to `to`, counting the line breaks crossed. */
  private advance(to: number): void {
    const s = this.s;
    for (let i = s.indexOf('\n', this.pos); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
    this.pos = to;
  }

  private skipSpace(): void {
    const s = this.s;
    let p = this.pos;
    while (p < this.len && isSpace(s.charCodeAt(p))) p++;
    this.advance(p);
  }

  private readName(): string {
    const s = this.s;
    const start = this.pos;
    if (start >= this.len || !isNameStart(s.charCodeAt(start)))
      this.error('MALFORMED', 'A name was expected here.');
    let p = start + 1;
    while (p < this.len && isNameChar(s.charCodeAt(p))) p++;
    this.pos = p; // names hold no line breaks
    return s.slice(start, p);
  }

  /** Replaces entity and character references in text or an attribute value. */
  private decodeEntities(raw: string, at: number): string {
    if (raw.indexOf('&') === -1) return raw;
    let out = '';
    let last = 0;
    for (let i = raw.indexOf('&'); i !== -1; i = raw.indexOf('&', last)) {
      out += raw.slice(last, i);
      const end = raw.indexOf(';', i);
      if (end === -1 || end - i > 12)
        this.error(
          'MALFORMED',
          'An "&" must start an entity such as &amp;amp; (escape it as &amp;amp;).',
          at + i,
        );
      const name = raw.slice(i + 1, end);
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
        default: {
          let code = NaN;
          if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
          else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
          else
            this.error(
              'ENTITY_FORBIDDEN',
              `The entity &${name}; is not allowed: only &lt; &gt; &amp; &quot; &apos; and character references are.`,
              at + i,
            );
          const legal =
            code === 9 ||
            code === 10 ||
            code === 13 ||
            (code >= 0x20 && code <= 0xd7ff) ||
            (code >= 0xe000 && code <= 0xfffd) ||
            (code >= 0x10000 && code <= 0x10ffff);
          if (!legal)
            this.error(
              'MALFORMED',
              `The character reference &${name}; is not a legal XML character.`,
              at + i,
            );
          out += String.fromCodePoint(code);
        }
      }
      last = end + 1;
    }
    return out + raw.slice(last);
  }

  /** Skips comments, processing instructions and whitespace between markup (prolog, epilog). */
  private skipMisc(allowDeclaration: boolean): void {
    const s = this.s;
    for (;;) {
      this.skipSpace();
      if (s.startsWith('<?', this.pos)) {
        const end = s.indexOf('?>', this.pos + 2);
        if (end === -1)
          this.error('MALFORMED', 'A processing instruction is not closed with "?>".');
        const target = s.slice(this.pos + 2, Math.min(end, this.pos + 7));
        if (/^xml[\s?]/i.test(target + ' ')) {
          if (!allowDeclaration || this.pos !== 0)
            this.error('MALFORMED', 'The XML declaration must come first in the file.');
          this.checkDeclaration(s.slice(this.pos, end + 2));
        }
        this.advance(end + 2);
        allowDeclaration = false;
      } else if (s.startsWith('<!--', this.pos)) {
        this.skipComment();
        allowDeclaration = false;
      } else if (s.startsWith('<!DOCTYPE', this.pos) || s.startsWith('<!doctype', this.pos)) {
        this.error(
          'DOCTYPE_FORBIDDEN',
          'Document type declarations (DOCTYPE) are refused: an invoice needs none, and they are a known attack vector (external entities, entity expansion).',
        );
      } else if (s.startsWith('<!ENTITY', this.pos)) {
        this.error('ENTITY_FORBIDDEN', 'Entity declarations are refused.');
      } else return;
    }
  }

  private checkDeclaration(decl: string): void {
    const m = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(decl);
    if (!m) return;
    const enc = m[1]!.toLowerCase();
    if (enc !== 'utf-8' && enc !== 'utf8' && enc !== 'utf-16') {
      this.error(
        'UNSUPPORTED_ENCODING',
        `The file declares the encoding "${m[1]}": invoices must be encoded in UTF-8. Save the file as UTF-8 and declare encoding="UTF-8".`,
      );
    }
  }

  private skipComment(): void {
    const end = this.s.indexOf('-->', this.pos + 4);
    if (end === -1) this.error('MALFORMED', 'A comment is not closed with "-->".');
    this.advance(end + 3);
  }

  parse(): XmlElement {
    const s = this.s;
    this.skipMisc(true);
    if (this.pos >= this.len) this.error('NOT_XML', 'The file has no XML element.');
    if (s.charCodeAt(this.pos) !== 60 /* < */) {
      this.error('NOT_XML', 'This is not an XML document: it does not start with "<".');
    }
    const root = this.parseElement();
    this.skipMisc(false);
    if (this.pos < this.len)
      this.error('MALFORMED', 'There is content after the end of the root element.');
    return root;
  }

  /** Parses the element starting at `<` (iteratively: depth can't overflow the JS stack). */
  private parseElement(): XmlElement {
    const s = this.s;
    const stack: { el: XmlElement; scope: Scope; text: string[] }[] = [];
    let root: XmlElement | undefined;
    let scope: Scope = { prefixes: new Map([['xml', XML_NS]]), parent: null };
    for (;;) {
      // At a '<' that opens an element.
      const startLine = this.line;
      const startColumn = this.pos - this.lineStart + 1;
      this.pos++; // '<'
      const qname = this.readName();
      const rawAttrs: { name: string; value: string; at: number }[] = [];
      let selfClosing = false;
      for (;;) {
        const before = this.pos;
        this.skipSpace();
        const c = s.charCodeAt(this.pos);
        if (c === 62 /* > */) {
          this.pos++;
          break;
        }
        if (c === 47 /* / */ && s.charCodeAt(this.pos + 1) === 62) {
          this.pos += 2;
          selfClosing = true;
          break;
        }
        if (this.pos >= this.len)
          this.error('MALFORMED', `The start tag <${qname}> is not closed.`);
        if (this.pos === before)
          this.error('MALFORMED', `A space is needed between attributes of <${qname}>.`);
        const at = this.pos;
        const name = this.readName();
        this.skipSpace();
        if (s.charCodeAt(this.pos) !== 61 /* = */)
          this.error('MALFORMED', `The attribute ${name} has no "=" and value.`);
        this.pos++;
        this.skipSpace();
        const q = s.charCodeAt(this.pos);
        if (q !== 34 && q !== 39)
          this.error('MALFORMED', `The value of the attribute ${name} must be in quotes.`);
        const end = s.indexOf(q === 34 ? '"' : "'", this.pos + 1);
        if (end === -1)
          this.error('MALFORMED', `The value of the attribute ${name} is not closed.`);
        const raw = s.slice(this.pos + 1, end);
        if (raw.indexOf('<') !== -1)
          this.error('MALFORMED', `The value of the attribute ${name} contains "<".`);
        const valueAt = this.pos + 1;
        this.advance(end + 1);
        if (rawAttrs.some((a) => a.name === name))
          this.error('MALFORMED', `The attribute ${name} appears twice on <${qname}>.`, at);
        rawAttrs.push({ name, value: this.decodeEntities(raw, valueAt), at });
      }

      // Namespace declarations first, then resolve names.
      let prefixes: Map<string, string> | null = null;
      for (const a of rawAttrs) {
        if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
          prefixes ??= new Map();
          prefixes.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
        }
      }
      if (prefixes) scope = { prefixes, parent: scope };
      const colon = qname.indexOf(':');
      const prefix = colon === -1 ? '' : qname.slice(0, colon);
      const ns = this.resolve(scope, prefix, qname, startLine, startColumn);
      const attributes: XmlAttribute[] = [];
      for (const a of rawAttrs) {
        if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
        const ac = a.name.indexOf(':');
        const ans =
          ac === -1 ? '' : this.resolve(scope, a.name.slice(0, ac), a.name, startLine, startColumn);
        attributes.push({
          ns: ans,
          local: ac === -1 ? a.name : a.name.slice(ac + 1),
          qname: a.name,
          value: a.value,
        });
      }
      const parent = stack.length > 0 ? stack[stack.length - 1]!.el : null;
      const el: XmlElement = {
        ns: ns === XMLNS_NS ? '' : ns,
        local: colon === -1 ? qname : qname.slice(colon + 1),
        qname,
        attributes,
        children: [],
        text: '',
        line: startLine,
        column: startColumn,
        parent,
      };
      if (parent) parent.children.push(el);
      else root = el;

      if (selfClosing) {
        if (prefixes) scope = scope.parent!;
        if (stack.length === 0) return root!;
      } else {
        if (stack.length + 1 > this.maxDepth)
          this.error('TOO_DEEP', `Elements are nested deeper than ${this.maxDepth} levels.`);
        stack.push({ el, scope, text: [] });
      }

      // Content until the next start tag (or the end of the root).
      for (;;) {
        const top = stack[stack.length - 1]!;
        const lt = s.indexOf('<', this.pos);
        if (lt === -1)
          this.error(
            'MALFORMED',
            `The element <${top.el.qname}> is not closed (the file ends first).`,
          );
        if (lt > this.pos) {
          const raw = s.slice(this.pos, lt);
          const at = this.pos;
          this.advance(lt);
          top.text.push(this.decodeEntities(raw, at));
        }
        const c1 = s.charCodeAt(lt + 1);
        if (c1 === 47 /* / */) {
          this.pos = lt + 2;
          const name = this.readName();
          this.skipSpace();
          if (s.charCodeAt(this.pos) !== 62)
            this.error('MALFORMED', `The end tag </${name}> is not closed with ">".`);
          this.pos++;
          if (name !== top.el.qname)
            this.error(
              'MALFORMED',
              `The end tag </${name}> does not match the start tag <${top.el.qname}> of line ${top.el.line}.`,
            );
          stack.pop();
          if (top.text.length > 0)
            top.el.text = top.text.length === 1 ? top.text[0]! : top.text.join('');
          scope = stack.length > 0 ? stack[stack.length - 1]!.scope : (scope.parent ?? scope);
          if (stack.length === 0) return root!;
          continue;
        }
        if (c1 === 33 /* ! */) {
          if (s.startsWith('<!--', lt)) {
            this.skipComment();
            continue;
          }
          if (s.startsWith('<![CDATA[', lt)) {
            const end = s.indexOf(']]>', lt + 9);
            if (end === -1) this.error('MALFORMED', 'A CDATA section is not closed with "]]>".');
            top.text.push(s.slice(lt + 9, end));
            this.advance(end + 3);
            continue;
          }
          if (s.startsWith('<!DOCTYPE', lt))
            this.error('DOCTYPE_FORBIDDEN', 'Document type declarations (DOCTYPE) are refused.');
          if (s.startsWith('<!ENTITY', lt))
            this.error('ENTITY_FORBIDDEN', 'Entity declarations are refused.');
          this.error('MALFORMED', 'Unexpected "<!" in element content.');
        }
        if (c1 === 63 /* ? */) {
          const end = s.indexOf('?>', lt + 2);
          if (end === -1)
            this.error('MALFORMED', 'A processing instruction is not closed with "?>".');
          this.advance(end + 2);
          continue;
        }
        break; // a child element starts at lt
      }
      // Child elements inherit the scope of the innermost open element.
      scope = stack[stack.length - 1]!.scope;
    }
  }

  private resolve(
    scope: Scope,
    prefix: string,
    qname: string,
    line: number,
    column: number,
  ): string {
    for (let sc: Scope | null = scope; sc; sc = sc.parent) {
      const uri = sc.prefixes?.get(prefix);
      if (uri !== undefined) return uri;
    }
    if (prefix === '') return '';
    throw new ParseFailure({
      code: 'NAMESPACE',
      message: `The prefix "${prefix}" of ${qname} is not bound to a namespace (xmlns:${prefix}="…" is missing).`,
      line,
      column,
    });
  }
}
