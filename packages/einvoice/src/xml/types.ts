/**
 * The XML tree every reader and rule works on. Contract between the parser (xml/parse.ts) and
 * its users (model readers, syntax rules): change it only with both in view.
 *
 * Namespace-aware: names are (namespace URI, local name); prefixes are kept only for messages.
 * Every element knows where it starts (1-based line and column) so any finding can be located.
 */
export interface XmlAttribute {
  /** Namespace URI, '' for an unprefixed attribute. */
  ns: string;
  local: string;
  /** Qualified name as written (prefix:local), for messages. */
  qname: string;
  value: string;
}

export interface XmlElement {
  ns: string;
  local: string;
  /** Qualified name as written, for messages and paths. */
  qname: string;
  /** May be an array shared by all elements without attributes: replace it, never push. */
  attributes: XmlAttribute[];
  /** May be an array shared by all childless elements: replace it, never push. */
  children: XmlElement[];
  /** Concatenated character data directly inside this element (not its children's), entities
   * and CDATA resolved, whitespace kept as is. */
  text: string;
  /**
   * True when the parser saw only white space (or nothing) as this element's own text, so
   * checks of element-only content need not scan `text`. Absent or false: look at `text`
   * (trees built by hand never set it).
   */
  blankText?: boolean;
  line: number;
  column: number;
  parent: XmlElement | null;
}

export interface XmlParseError {
  /** Stable code: EMPTY, NOT_XML, PDF_NOT_XML, DOCTYPE_FORBIDDEN, ENTITY_FORBIDDEN,
   * BAD_ENCODING, UNSUPPORTED_ENCODING, TOO_LARGE, TOO_DEEP, MALFORMED, NAMESPACE. */
  code: string;
  message: string;
  line: number;
  column: number;
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: XmlParseError };

export interface XmlParseOptions {
  /** Maximum input size in bytes (default 100 MiB). */
  maxBytes?: number;
  /** Maximum element depth (default 256). */
  maxDepth?: number;
}
