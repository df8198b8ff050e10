/**
 * What a flow holds, and whether each entry is of the declared syntax.
 *
 * A flow file is one invoice (XML or PDF) or an archive of several. Archives are read by an
 * entry source plugged in from outside (`FlowEntrySource`; the bounded-memory zip/tar.gz reader
 * lives in src/flows/archive/); a single-file flow is read here. The declared syntax is held to
 * what the bytes are — a mismatch is a refusal naming both, never a guess at what was meant.
 */
import { openVerified, type FileStore } from '../storage/file-store.js';
import { MAX_INVOICE_BYTES, supportedSyntaxes, type SupportedSyntax } from './model.js';

export type EntryKind = 'xml' | 'pdf';
export type ArchiveContainer = 'zip' | 'tar.gz';

export interface FlowRefusalReason {
  code: string;
  message: { fr: string; en: string };
}

/** One entry of a flow: its bytes, or why it could not be taken out of the archive. */
export type FlowEntryItem =
  | { index: number; name: string; bytes: Uint8Array; kind: EntryKind }
  | { index: number; name: string; refusal: FlowRefusalReason };

/** An archive reader, as the integration sees it (the lead adapts src/flows/archive/ to it). */
export interface FlowEntrySource {
  /** The entries in order, index 0, 1, …; reads the archive with bounded memory. */
  read(input: {
    files: FileStore;
    key: string;
    container: ArchiveContainer;
  }): AsyncIterable<FlowEntryItem>;
  /** The refusal a thrown error stands for (a refused archive); undefined: a technical failure. */
  refusalOf(error: unknown): FlowRefusalReason | undefined;
}

export type Container = EntryKind | ArchiveContainer | 'unknown';

/** What the first bytes of a file say it is. */
export function sniffFile(head: Uint8Array): Container {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (startsWith(head, '%PDF-')) return 'pdf';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (
    i < head.length &&
    (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)
  )
    i++;
  return head[i] === 0x3c ? 'xml' : 'unknown';
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

const UBL_NS = /^urn:oasis:names:specification:ubl:schema:xsd:(Invoice|CreditNote)-2$/;
const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

/**
 * UBL or CII from the namespace of the root element, read from the first 64 KiB (the prolog,
 * comments and the root tag fit there): no parse of the whole entry, which the deposit's
 * validation does anyway. 'unknown' leaves the judgement to the deposit (FORMAT_NON_SUPPORTE).
 */
export function xmlSyntaxOf(bytes: Uint8Array): 'UBL' | 'CII' | 'unknown' {
  const text = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, 65536),
  ).toString('latin1');
  // The first tag that is not a declaration, processing instruction or comment.
  const root = /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s[^>]*)?)>/.exec(
    text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''),
  );
  if (!root) return 'unknown';
  const [qname, attrs] = [root[1]!, root[2] ?? ''];
  const prefix = qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '';
  const decl = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(
    attrs,
  );
  const ns = decl ? (decl[2] ?? decl[3] ?? '') : '';
  if (UBL_NS.test(ns)) return 'UBL';
  if (ns === CII_NS) return 'CII';
  return 'unknown';
}

const formName = { UBL: 'UBL 2.1', CII: 'CII D16B', FACTURX: 'Factur-X (PDF)' } as const;

/**
 * The refusal of an entry whose bytes are not of the declared syntax; undefined when they are
 * (or when the XML's kind cannot be told, which the deposit then refuses by its own rule).
 */
export function syntaxMismatch(
  declared: SupportedSyntax,
  kind: EntryKind,
  bytes: Uint8Array,
): FlowRefusalReason | undefined {
  const expected = supportedSyntaxes[declared];
  let found: 'UBL' | 'CII' | 'FACTURX' | 'unknown';
  if (kind === 'pdf') found = 'FACTURX';
  else found = xmlSyntaxOf(bytes);
  if (found === 'unknown' || found === expected) return undefined;
  const was = formName[found];
  const want = formName[expected];
  return {
    code: 'SYNTAXE_NON_CONFORME',
    message: {
      fr: `La syntaxe déclarée (syntaxeFlux ${declared}) attend une facture ${want}, mais ce fichier est une facture ${was} : déposez-le avec la syntaxe qui correspond à son contenu.`,
      en: `The declared syntax (syntaxeFlux ${declared}) expects a ${want} invoice, but this file is a ${was} invoice: deposit it with the syntax matching its content.`,
    },
  };
}

/**
 * Reads at most `max` + 1 bytes of a stored file (a single-invoice flow is small). With the
 * size and SHA-256 recorded for it, a file read whole is checked against them (decision 0020).
 */
export async function readSmall(
  files: FileStore,
  key: string,
  max = MAX_INVOICE_BYTES,
  expected?: { size: number; sha256: string },
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream =
    expected && expected.size <= max ? openVerified(files, key, expected) : files.open(key);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > max) break;
    }
  } finally {
    stream.destroy();
  }
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}
