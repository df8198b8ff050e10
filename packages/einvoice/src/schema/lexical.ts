/**
 * Lexical checks of the XML Schema built-in types the invoice schemas use, written as plain
 * character loops (they run on every amount and date of an invoice). Each takes the raw text
 * and applies the whitespace collapsing XSD does for that type (leading and trailing XML
 * whitespace dropped; inner whitespace is never valid in these types, except base64).
 */

const isXmlSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The value without leading/trailing XML whitespace (only those four characters). */
export function xmlTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isXmlSpace(s.charCodeAt(a))) a++;
  while (b > a && isXmlSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** XSD whitespace "collapse": trim, and runs of whitespace inside become one space. */
export function collapse(s: string): string {
  const t = xmlTrim(s);
  let plain = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c === 32 && t.charCodeAt(i + 1) === 32)) {
      plain = false;
      break;
    }
  }
  if (plain) return t;
  let out = '';
  let space = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isXmlSpace(c)) space = true;
    else {
      if (space) out += ' ';
      space = false;
      out += t[i];
    }
  }
  return out;
}

/** xsd:decimal: optional sign, digits with at most one dot, at least one digit. */
export function isXsdDecimal(raw: string): boolean {
  const s = xmlTrim(raw);
  let i = 0;
  const first = s.charCodeAt(0);
  if (first === 43 || first === 45) i = 1; // + -
  let digits = 0;
  let dot = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** Reads `n` digits at `i` as a number, or -1. */
function digitsAt(s: string, i: number, n: number): number {
  if (i + n > s.length) return -1;
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Optional timezone at `i` up to the end: Z or ±hh:mm within ±14:00. */
function timezoneOk(s: string, i: number): boolean {
  if (i === s.length) return true;
  const c = s.charCodeAt(i);
  if (c === 90) return i + 1 === s.length; // Z
  if (c !== 43 && c !== 45) return false;
  if (s.length !== i + 6 || s.charCodeAt(i + 3) !== 58) return false;
  const h = digitsAt(s, i + 1, 2);
  const m = digitsAt(s, i + 4, 2);
  if (h < 0 || m < 0 || m > 59) return false;
  return h < 14 || (h === 14 && m === 0);
}

/**
 * Date part `-?YYYY-MM-DD` at the start of `s`; returns the index after it, or -1. Years have
 * at least 4 digits (no leading zero beyond 4), year 0000 does not exist (XSD 1.0), the day
 * must exist in that month (leap years included).
 */
function datePart(s: string): number {
  let i = 0;
  if (s.charCodeAt(0) === 45) i = 1;
  const y0 = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  const yLen = i - y0;
  if (yLen < 4 || (yLen > 4 && s.charCodeAt(y0) === 48)) return -1;
  const year = Number(s.slice(y0, i));
  if (year === 0) return -1;
  if (s.charCodeAt(i) !== 45 || s.charCodeAt(i + 3) !== 45) return -1;
  const month = digitsAt(s, i + 1, 2);
  const day = digitsAt(s, i + 4, 2);
  if (month < 1 || month > 12 || day < 1) return -1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max =
    month === 2
      ? leap
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  if (day > max) return -1;
  return i + 6;
}

/** Time part `hh:mm:ss(.s+)?` at `i`; returns the index after it, or -1. 24:00:00 allowed. */
function timePart(s: string, i: number): number {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1;
  const h = digitsAt(s, i, 2);
  const m = digitsAt(s, i + 3, 2);
  const sec = digitsAt(s, i + 6, 2);
  if (h < 0 || m < 0 || sec < 0 || h > 24 || m > 59 || sec > 59) return -1;
  let j = i + 8;
  let fractionZero = true;
  if (s.charCodeAt(j) === 46) {
    j++;
    const f0 = j;
    while (j < s.length && isDigit(s.charCodeAt(j))) {
      if (s.charCodeAt(j) !== 48) fractionZero = false;
      j++;
    }
    if (j === f0) return -1;
  }
  if (h === 24 && (m !== 0 || sec !== 0 || !fractionZero)) return -1;
  return j;
}

export function isXsdDate(raw: string): boolean {
  const s = xmlTrim(raw);
  const i = datePart(s);
  return i >= 0 && timezoneOk(s, i);
}

export function isXsdTime(raw: string): boolean {
  const s = xmlTrim(raw);
  const i = timePart(s, 0);
  return i >= 0 && timezoneOk(s, i);
}

export function isXsdDateTime(raw: string): boolean {
  const s = xmlTrim(raw);
  const i = datePart(s);
  if (i < 0 || s.charCodeAt(i) !== 84) return false; // T
  const j = timePart(s, i + 1);
  return j >= 0 && timezoneOk(s, j);
}

export function isXsdBoolean(raw: string): boolean {
  const s = xmlTrim(raw);
  return s === 'true' || s === 'false' || s === '1' || s === '0';
}

// Characters allowed just before the padding (the unused bits must be zero).
const BEFORE_ONE_PAD = 'AEIMQUYcgkosw048';
const BEFORE_TWO_PADS = 'AQgw';
// Attachments make these values megabytes long: the alphabet and the padding's place are
// checked natively (atob, else the regular-expression engine), never by a JavaScript loop.
const B64_SHAPE = /^[A-Za-z0-9+/\t\n\r ]*(?:=[\t\n\r ]*){0,2}$/;
const XML_SPACES = /[\t\n\r ]+/g;

/**
 * B64_SHAPE's test, through atob() where there is one (Node, browsers): ~2× faster on the
 * 3 MiB official example (1.5 ms against 2.7 ms). atob decodes WHATWG's forgiving base64,
 * which accepts exactly the base64 alphabet, ASCII white space and at most two '=' after all
 * the other characters, as B64_SHAPE does, plus form feed (never in XML text, refused below
 * for hand-built trees). What else it refuses (a length of 4n+1 once white space is removed,
 * '=' when that length is not a multiple of 4), isXsdBase64 refuses anyway by its length test.
 */
function hasBase64Shape(s: string): boolean {
  if (typeof atob !== 'function') return B64_SHAPE.test(s);
  try {
    atob(s);
  } catch {
    return false;
  }
  return s.indexOf('\f') === -1;
}

/**
 * xsd:base64Binary: the alphabet in groups of four, whitespace between characters allowed,
 * '=' padding only at the end (one or two, with zero unused bits before it).
 */
export function isXsdBase64(s: string): boolean {
  if (!hasBase64Shape(s)) return false;
  // Payloads are often one unbroken line: then no megabyte copy to remove nothing (a
  // single-character search is far faster than a character-class scan).
  const broken =
    s.indexOf('\n') !== -1 ||
    s.indexOf(' ') !== -1 ||
    s.indexOf('\r') !== -1 ||
    s.indexOf('\t') !== -1;
  const compact = broken ? s.replace(XML_SPACES, '') : s;
  const n = compact.length;
  if (n % 4 !== 0) return false;
  const pads = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if (pads === 0) return true;
  const last = compact.charAt(n - pads - 1);
  return (pads === 1 ? BEFORE_ONE_PAD : BEFORE_TWO_PADS).includes(last) && last !== '';
}

/** xsd:language: letters (1 to 8), then `-` groups of 1 to 8 letters or digits. */
export function isXsdLanguage(raw: string): boolean {
  const s = xmlTrim(raw);
  let group = 0;
  let first = true;
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 45) {
      if (group === 0) return false;
      group = 0;
      first = false;
      continue;
    }
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!(letter || (!first && isDigit(c)))) return false;
    if (++group > 8) return false;
  }
  return group > 0;
}

/** Number of characters (code points) of a string. */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++; // a high surrogate is counted with its low half
  }
  return n;
}
