import type { XmlAttribute, XmlElement } from './types.js';
import { isNameChar, isNameStart, isSpace } from './chars.js';
import { ParseFailure } from './parse-failure.js';
import { decodeEntities } from './references.js';
import { Scope, type Name } from './scope.js';

/**
 * Text → element tree, in one pass over the string with indexOf/charCodeAt (no regular
 * expression in the per-element path, few allocations). The tree is built iteratively, so
 * depth can never overflow the JS stack; it is bounded by `maxDepth`. DOCTYPE and ENTITY
 * declarations are refused wherever they appear. Failures are thrown as ParseFailure with an
 * offset (parseXml locates them).
 *
 * Memory: elements without attributes or children share one empty array each (most elements
 * of an invoice are leaves), and qualified names are interned per namespace scope (scope.ts).
 */

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

const ATTR_WHITESPACE = /[\t\n]/g;

/**
 * Whether `s` holds `q` at `at`: String.prototype.startsWith, written out because the engine
 * compiles this loop into the parser where startsWith with a position stays a builtin call
 * (a tenth of the parse: every end tag and every name guess compares a name).
 */
function holdsAt(s: string, at: number, q: string): boolean {
  const n = q.length;
  if (at + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(at + k) !== q.charCodeAt(k)) return false;
  return true;
}
const VERSION_DECL = /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1/;

export class TreeParser {
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
    /** The name of the last start tag, whose `next` predicts the coming one. */
    let lastName: Name | null = null;
    /** Offset of the next "]]>" at or after the text being read (-2: not searched yet). */
    let cdataEnd = -2;

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
        if (!holdsAt(s, nameStart, q) || (nameEnd < len && isNameChar(s.charCodeAt(nameEnd)))) {
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
        const nameStart = p + 1;
        // The name that followed the previous start tag last time, if the text has it here
        // (whole: not followed by another name character): no scan, no lookup (see Name.next).
        let guess: Name | null = lastName !== null ? lastName.next : null;
        let nameEnd: number;
        if (
          guess !== null &&
          holdsAt(s, nameStart, guess.qname) &&
          !isNameChar(s.charCodeAt(nameStart + guess.qname.length))
        )
          nameEnd = nameStart + guess.qname.length;
        else {
          guess = null;
          nameEnd = this.nameEnd(nameStart, 'An element name');
        }
        p = nameEnd;
        let attrs: XmlAttribute[] | null = null;
        let seen: Set<string> | null = null;
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
            // A few attributes are compared in turn; past that, a set keeps an element of
            // thousands of attributes linear (a quadratic check let 50,000 take seconds).
            if (seen === null && attrs.length >= 16) seen = new Set(attrs.map((a) => a.qname));
            if (seen ? seen.has(name) : attrs.some((a) => a.qname === name))
              throw new ParseFailure(
                'MALFORMED',
                `The attribute ${name} appears twice on <${s.slice(nameStart, nameEnd)}>.`,
                attrStart,
              );
            attrs.push(attr);
            seen?.add(name);
          }
        }

        if (decls) scope = new Scope(decls, scope);
        // The guess stands when it was read under the bindings in force (the same table).
        const n: Name =
          guess !== null && guess.table === scope.names
            ? guess
            : scope.elementName(s.slice(nameStart, nameEnd), start);
        // Only interned names link to each other: they are bounded (scope.ts), so a hostile
        // document with endless distinct names cannot hang a chain of its own on them.
        if (lastName !== null && n.table !== null && lastName.table !== null && lastName.next !== n)
          lastName.next = n;
        lastName = n;
        if (attrs) {
          let prefixed = false;
          for (const a of attrs) {
            if (a.qname.indexOf(':') === -1) continue;
            const an = scope.resolve(a.qname, true, start);
            a.ns = an.ns;
            a.local = an.local;
            prefixed = true;
          }
          // Two prefixes bound to one URI must not give the same expanded attribute name.
          if (prefixed && attrs.length > 1) {
            const expanded = new Map<string, XmlAttribute>();
            for (const b of attrs) {
              const key = `${b.ns}\u0000${b.local}`;
              const a = expanded.get(key);
              if (a)
                throw new ParseFailure(
                  'NAMESPACE',
                  `The attributes ${a.qname} and ${b.qname} of <${s.slice(nameStart, nameEnd)}> have the same namespace and name.`,
                  start,
                );
              expanded.set(key, b);
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
        const depth = stack.length;
        const seen = indents[depth];
        let piece: string | undefined;
        // Indentation: siblings at one depth share it, so reuse the string last seen there
        // rather than allocate a copy per element (large invoices are mostly this). Two per
        // depth: the indentation between children and the shorter one before the parent's
        // end tag alternate. What was kept is white space only, so text equal to it is too.
        if (seen !== undefined && seen.length === lt - p && holdsAt(s, p, seen)) piece = seen;
        else {
          const other = closingIndents[depth];
          if (other !== undefined && other.length === lt - p && holdsAt(s, p, other)) piece = other;
        }
        if (piece === undefined) {
          let q = p;
          while (q < lt && isSpace(s.charCodeAt(q))) q++;
          if (q === lt) {
            piece = s.slice(p, lt);
            closingIndents[depth] = seen;
            indents[depth] = piece;
          } else {
            // "]]>" is not allowed in text: the next one in the document, if before lt.
            if (cdataEnd < p && cdataEnd !== -1) cdataEnd = s.indexOf(']]>', p);
            if (cdataEnd !== -1 && cdataEnd < lt)
              throw new ParseFailure(
                'MALFORMED',
                'The sequence "]]>" is not allowed in text (write > as &gt;).',
                cdataEnd,
              );
            piece = decodeEntities(s.slice(p, lt), p);
            top.blankText = false;
          }
        }
        top.text = top.text === '' ? piece : top.text + piece;
      }
      p = lt;
    }
  }
}
