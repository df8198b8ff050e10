/**
 * Membership tests shared by the model and tree code list checks. Each list of codes.ts is
 * turned into a Set once, on first use, so that loading the library costs nothing and a check
 * costs one hash lookup (plus a trim only for values that are not already clean).
 */
import * as C from './codes.js';
import { internalize } from '../../xml/intern.js';

/** The code lists, by name. */
export type ListName = Exclude<keyof typeof C, 'MIME_CODES'>;

const cache = new Map<string, ReadonlySet<string>>();

/** The Set of a code list, built on first use. */
export function codeSet(name: ListName | 'MIME_CODES'): ReadonlySet<string> {
  let s = cache.get(name);
  if (!s) {
    s = new Set(C[name].split(' ').map(internalize));
    cache.set(name, s);
  }
  return s;
}

const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The value with XML whitespace (space, tab, CR, LF) removed at both ends, as XPath's
 * normalize-space() does. Internal whitespace is kept: no code contains any, so a value with
 * internal whitespace is rejected either way, as the official `not(contains(…, ' '))` does.
 */
export function xmlTrim(v: string): string {
  let start = 0;
  let end = v.length;
  while (start < end && isXmlSpace(v.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(v.charCodeAt(end - 1))) end--;
  return start === 0 && end === v.length ? v : v.slice(start, end);
}

/**
 * Whether a value read from the document belongs to a list, ignoring surrounding whitespace
 * (official semantics of every token list rule). An empty value never belongs.
 */
export function inList(set: ReadonlySet<string>, v: string): boolean {
  return set.has(v) || set.has(xmlTrim(v));
}

/** BR-CL-22 compares the upper-cased value: 'vatex-eu-ic' is accepted. */
export function inListUpper(set: ReadonlySet<string>, v: string): boolean {
  return set.has(v) || set.has(xmlTrim(v).toUpperCase());
}

/**
 * UBL BR-CL-08: a root cbc:Note may start its text with a subject code between '#' signs. When
 * the text holds '#' and the characters between the first and the second '#' are exactly three,
 * those three must occur in the UBL list of subject codes. The official test looks for them as
 * a substring of the list written with single spaces (so it is not a token test); that exact
 * behaviour is kept. Returns the wrong code, or undefined when the note is acceptable.
 */
export function wrongUblNoteSubject(text: string): string | undefined {
  const first = text.indexOf('#');
  if (first < 0) return undefined;
  const second = text.indexOf('#', first + 1);
  if (second < 0) return undefined; // nothing between two '#': length 0, accepted
  const code = text.slice(first + 1, second);
  // string-length() counts characters, not UTF-16 units.
  if (code.length < 3 || code.length > 6 || [...code].length !== 3) return undefined;
  return paddedUblSubjects().includes(code) ? undefined : code;
}

let padded: string | undefined;
function paddedUblSubjects(): string {
  padded ??= ` ${C.NOTE_SUBJECTS_UBL} `;
  return padded;
}
