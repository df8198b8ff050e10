import type { XmlParseResult } from './types.js';
import { fail, locate } from './parse-failure.js';

/**
 * Bytes → text for the parser: UTF-8 (BOM or not), UTF-16 (BOM, or detected from "<?"), or the
 * encoding the XML declaration names (ISO-8859-1 and windows-1252 decoded here, US-ASCII
 * checked, other labels through TextDecoder when the platform knows them). Malformed bytes are
 * refused with a located BAD_ENCODING; nothing here throws.
 */

const ENCODING_DECL = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

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
export function decode(input: Uint8Array, maxBytes: number): string | XmlParseResult {
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
