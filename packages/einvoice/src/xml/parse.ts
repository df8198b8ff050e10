import type { XmlParseOptions, XmlParseResult } from './types.js';
import { isSpace } from './chars.js';
import { decode } from './decode.js';
import { fail, locate, ParseFailure } from './parse-failure.js';
import { TreeParser } from './tree-parser.js';

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
 * This module is the entry: limits, decoding and the whole-text character checks, then the
 * tree (tree-parser.ts: markup, with namespaces in scope.ts and references in references.ts).
 * Bytes are decoded in decode.ts; failures are located in parse-failure.ts.
 */

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;

// Characters XML 1.0 excludes; the surrogate test is only needed for text not decoded by us.
// eslint-disable-next-line no-control-regex
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAKS = /\r\n?/g;

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
    return { ok: true, root: new TreeParser(text, maxDepth).parse() };
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
