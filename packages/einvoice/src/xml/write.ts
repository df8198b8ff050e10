/**
 * A small XML serialiser shared by the UBL and CII writers: escaping and an indented builder.
 *
 * Invariants:
 * - Output is well-formed whatever the strings given: text and attribute values are escaped,
 *   and characters that XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone
 *   surrogates, U+FFFE/U+FFFF) are dropped rather than producing a file no parser accepts.
 * - CR in text is written as &#13; and tab/LF/CR in attributes as character references, so
 *   that reading the file back gives exactly the string written (XML parsers normalise raw
 *   line breaks and attribute whitespace).
 * - Namespace declarations are written once, on the root element; names given to the builder
 *   are qualified names using those prefixes.
 */

/** Characters XML 1.0 cannot represent, even as character references. */
const ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;
// eslint-disable-next-line no-control-regex
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function stripIllegal(s: string): string {
  return MAYBE_ILLEGAL.test(s) ? s.replace(ILLEGAL, '') : s;
}

/** Escapes character data: &, <, > (for "]]>") and CR. */
export function escapeText(value: string): string {
  const s = stripIllegal(value);
  if (!TEXT_SPECIAL.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 13) rep = '&#13;';
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out + s.slice(last);
}

/** Escapes an attribute value for double quotes: &, <, >, ", tab, LF, CR. */
export function escapeAttr(value: string): string {
  const s = stripIllegal(value);
  if (!ATTR_SPECIAL.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 34) rep = '&quot;';
    else if (c === 9) rep = '&#9;';
    else if (c === 10) rep = '&#10;';
    else if (c === 13) rep = '&#13;';
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out + s.slice(last);
}

/** Attributes in writing order; entries whose value is undefined are left out. */
export type Attrs = Readonly<Record<string, string | undefined>>;

function attrText(attrs: Attrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const name in attrs) {
    const v = attrs[name];
    if (v !== undefined) out += ` ${name}="${escapeAttr(v)}"`;
  }
  return out;
}

export interface XmlBuilderOptions {
  /** Indentation unit (default two spaces); '' writes everything on one line. */
  indent?: string;
  /** Write the `<?xml version="1.0" encoding="UTF-8"?>` declaration (default true). */
  declaration?: boolean;
}

/**
 * Builds an indented document. Leaf elements are written on one line with their text;
 * `leaf()` with an undefined value writes nothing, so optional terms need no test at the call
 * site. `group()` writes a container only if its body wrote something.
 *
 *   const b = new XmlBuilder('Invoice', { '': NS.ublInvoice, cbc: NS.cbc });
 *   b.leaf('cbc:ID', invoice.id);
 *   b.group('cac:Party', undefined, () => b.leaf('cbc:Name', name));
 *   const xml = b.finish();
 */
export class XmlBuilder {
  private readonly parts: string[] = [];
  private readonly open: string[] = [];
  private readonly unit: string;
  private readonly nl: string;

  constructor(
    rootName: string,
    namespaces: Readonly<Record<string, string>>,
    options: XmlBuilderOptions = {},
  ) {
    this.unit = options.indent ?? '  ';
    this.nl = this.unit === '' ? '' : '\n';
    if (options.declaration ?? true)
      this.parts.push('<?xml version="1.0" encoding="UTF-8"?>' + this.nl);
    let decl = '';
    for (const prefix in namespaces) {
      const uri = namespaces[prefix]!;
      decl +=
        prefix === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${prefix}="${escapeAttr(uri)}"`;
    }
    this.parts.push(`<${rootName}${decl}>${this.nl}`);
    this.open.push(rootName);
  }

  /** Indentation per depth, built once per depth. */
  private readonly pads: string[] = [''];

  private pad(): string {
    const depth = this.open.length;
    return (this.pads[depth] ??= this.unit.repeat(depth));
  }

  /** Opens a container element; close it with `close()`. */
  start(name: string, attrs?: Attrs): this {
    this.parts.push(`${this.pad()}<${name}${attrText(attrs)}>${this.nl}`);
    this.open.push(name);
    return this;
  }

  /** Closes the innermost open element. */
  close(): this {
    const name = this.open.pop();
    if (name === undefined) return this;
    this.parts.push(`${this.pad()}</${name}>${this.nl}`);
    return this;
  }

  /** `<name attrs>text</name>` (or `<name attrs/>` for ''); nothing when `text` is undefined. */
  leaf(name: string, text: string | undefined, attrs?: Attrs): this {
    if (text === undefined) return this;
    const a = attrText(attrs);
    this.parts.push(
      text === ''
        ? `${this.pad()}<${name}${a}/>${this.nl}`
        : `${this.pad()}<${name}${a}>${escapeText(text)}</${name}>${this.nl}`,
    );
    return this;
  }

  /** Writes `name` around what `body` writes, or nothing at all if `body` wrote nothing. */
  group(name: string, attrs: Attrs | undefined, body: () => void): this {
    const mark = this.parts.length;
    this.start(name, attrs);
    body();
    if (this.parts.length === mark + 1) {
      this.parts.length = mark;
      this.open.pop();
    } else this.close();
    return this;
  }

  /** Closes every open element and returns the document. */
  finish(): string {
    while (this.open.length > 0) this.close();
    return this.parts.join('');
  }
}
