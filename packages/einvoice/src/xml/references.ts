import { ParseFailure } from './parse-failure.js';

/**
 * Entity and character references in text and attribute values. No DTD is ever read, so only
 * the five predefined entities and numeric character references exist; any other entity is
 * ENTITY_FORBIDDEN, and a reference to a character XML forbids is MALFORMED.
 */

/** Replaces entity and character references; `at` is the offset of `raw` in the document. */
export function decodeEntities(raw: string, at: number): string {
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
