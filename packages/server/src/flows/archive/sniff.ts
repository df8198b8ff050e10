/**
 * What a file is, from its first bytes only: the reader never trusts a declared kind or an
 * extension. Used on the flow file (does the declared container match?) and on each entry
 * (an invoice is XML or PDF; an archive inside an archive is refused).
 */
import type { LocalizedMessage } from './refusals.js';

/** What the first bytes of a flow say it is. `gzip` is what a tar.gz starts with. */
export type SniffedContainer = 'zip' | 'gzip' | 'pdf' | 'xml' | 'unknown';

/** How many leading bytes the sniffers need (the tar magic sits at offset 257). */
export const SNIFF_BYTES = 512;

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const GZIP = [0x1f, 0x8b];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * True when the bytes start, after an optional UTF-8 byte order mark and XML white space, with
 * `<`. Only UTF-8 (and its ASCII subset) is recognised: EN 16931 syntaxes are UTF-8 in practice,
 * and a UTF-16 invoice is refused as "not an invoice" rather than guessed at.
 */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) i++;
    else return b === 0x3c;
  }
  return false;
}

export function sniffContainer(firstBytes: Uint8Array): SniffedContainer {
  if (startsWith(firstBytes, ZIP_LOCAL)) return 'zip';
  if (startsWith(firstBytes, GZIP)) return 'gzip';
  if (startsWith(firstBytes, PDF)) return 'pdf';
  if (looksLikeXml(firstBytes)) return 'xml';
  return 'unknown';
}

/** What a sniffed container is called in a refusal. */
export function describeContainer(kind: SniffedContainer): LocalizedMessage {
  switch (kind) {
    case 'zip':
      return { fr: 'une archive zip', en: 'a zip archive' };
    case 'gzip':
      return { fr: 'un fichier gzip', en: 'a gzip file' };
    case 'pdf':
      return { fr: 'un PDF', en: 'a PDF' };
    case 'xml':
      return { fr: 'un document XML', en: 'an XML document' };
    case 'unknown':
      return { fr: "d'un type inconnu", en: 'of an unknown type' };
  }
}

/**
 * Signatures of archive and compression formats. An entry starting with one is an archive
 * inside the archive: refused, never opened (nesting multiplies every limit).
 */
const NESTED_MAGICS: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // zip
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x50, 0x4b, 0x07, 0x08], // spanned zip
  GZIP,
  [0x42, 0x5a, 0x68], // bzip2 "BZh"
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar "Rar!"
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
];
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" at offset 257 (POSIX and GNU tar)

export type EntryContent = 'xml' | 'pdf' | 'archive' | 'other';

export function sniffEntry(bytes: Uint8Array): EntryContent {
  if (NESTED_MAGICS.some((magic) => startsWith(bytes, magic))) return 'archive';
  if (startsWith(bytes, USTAR, 257)) return 'archive';
  if (startsWith(bytes, PDF)) return 'pdf';
  if (looksLikeXml(bytes)) return 'xml';
  return 'other';
}
