/**
 * The hostile-input corpus (issue 18, "Faults to survive"): XML, PDF, archives, JSON,
 * multipart and headers, each sent to the routes that take it. Every input is built here, in
 * code; `expect` says what a correct answer is:
 * - `problem`: a 4xx problem document (application/problem+json, its `status` the HTTP one);
 * - `cpro`: a 4xx of the /cpro surface (JSON with a non-zero `codeRetour`);
 * - `oauth`: a 4xx of the token URL (RFC 6749 `error` JSON, or a problem document);
 * - `connection`: refused by Node before any handler (the request cannot be framed): a 400,
 *   413 or 431 problem document, or the connection closed without an answer;
 * - `flow`: the flow is taken (202: flows are read after the answer) and its integration ends
 *   IN_REJETE, in bounded time, with `code` among the codes of its report when given;
 * - `accepted`: hostile-looking but valid, taken on purpose (2xx): a UTF-16 invoice without a
 *   byte order mark is detected from its first bytes (XML 1.0 appendix F; einvoice xml/decode.ts).
 */
import { facturX, plainPdf, ublInvoice } from '../support/invoices.js';
import type { RawRequest } from './hostile-http.js';
import {
  deflated,
  pdf,
  randomBytes,
  stored,
  tarGz,
  tarOf,
  xml,
  zipOf,
  type ZipMember,
} from './hostile-files.js';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export type Expect = 'problem' | 'cpro' | 'oauth' | 'connection' | 'flow' | 'accepted';

export interface HostileInput {
  name: string;
  expect: Expect;
  /** For flows: a refusal code the report must hold (flow error or an entry's). */
  code?: string;
  build(ctx: Context): RawRequest | Promise<RawRequest>;
}

export interface Context {
  token: string;
  /** Authorization and cpro-account of a technical account of the supplier. */
  cpro: [string, string][];
  /** An invoice of the supplier (made available, so not to be completed). */
  invoiceId: string;
}

const MiB = 1024 * 1024;

export interface Part {
  head: string;
  value: Buffer | string;
}

/** A multipart body from part heads (the Content-Disposition line and others) and values. */
export function multipartBody(boundary: string, parts: Part[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\n${p.head}\r\n\r\n`),
      Buffer.from(p.value),
      Buffer.from('\r\n'),
    );
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const BOUNDARY = '----chorale-hostile-7f3a9c';
export const metadata: Part = {
  head: 'Content-Disposition: form-data; name="metadata"',
  value: JSON.stringify({ framework: 'A1_FACTURE_FOURNISSEUR' }),
};
export const bearer = (ctx: Context): [string, string] => ['Authorization', `Bearer ${ctx.token}`];

/** A multipart deposit of `file` as the invoice part. */
function depositFile(filename: string, mediaType: string, file: Buffer) {
  return (ctx: Context): RawRequest => ({
    method: 'POST',
    path: '/api/v1/invoices',
    headers: [bearer(ctx), ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`]],
    body: multipartBody(BOUNDARY, [
      metadata,
      {
        head: `Content-Disposition: form-data; name="invoice"; filename="${filename}"\r\nContent-Type: ${mediaType}`,
        value: file,
      },
    ]),
  });
}

const depositXml = (file: () => Buffer) => (ctx: Context) =>
  depositFile('facture.xml', 'application/xml', file())(ctx);
const depositPdf = (file: () => Buffer | Promise<Buffer>) => async (ctx: Context) =>
  depositFile('facture.pdf', 'application/pdf', await file())(ctx);

export const valid = () => ublInvoice({ number: 'HOSTILE-1' });
/** Each pass deposits the accepted UTF-16 invoice under a new number. */
let utf16 = 0;

/** A JSON body (any bytes) to `path`. */
export function jsonTo(
  path: string,
  body: string | Buffer,
  auth: 'bearer' | 'cpro' | 'none' = 'bearer',
) {
  return (ctx: Context): RawRequest => ({
    method: 'POST',
    path,
    headers: [
      ...(auth === 'bearer' ? [bearer(ctx)] : auth === 'cpro' ? ctx.cpro : []),
      ['Content-Type', 'application/json;charset=utf-8'],
    ],
    body: Buffer.from(body),
  });
}
export const completion = (ctx: Context) => `/api/v1/invoices/${ctx.invoiceId}/complete`;

/** A raw-body flow deposit (the fields in the query string). */
function flow(name: string, bytes: () => Buffer, syntax = 'IN_DP_E1_UBL_INVOICE') {
  return (ctx: Context): RawRequest => ({
    method: 'POST',
    path: `/api/v1/flows?syntaxeFlux=${syntax}&nomFichier=${encodeURIComponent(name)}`,
    headers: [
      bearer(ctx),
      ['Content-Type', name.endsWith('.zip') ? 'application/zip' : 'application/gzip'],
    ],
    body: bytes(),
  });
}

export const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Zip members whose data inflate to `size` spaces (a few KB each). */
function bomb(name: string, size: number, declared = size): ZipMember {
  const content = Buffer.alloc(size, 0x20);
  return { name, data: deflateRawSync(content), method: 8, crc: crc32(content), size: declared };
}

export function rawHttp(text: string | Buffer): RawRequest {
  return { method: '', path: '', headers: [], raw: Buffer.from(text) };
}

/** XML, PDF, archives and JSON (hostile-wire-corpus.ts has multipart, headers, tokens). */
export function documentInputs(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const add = (name: string, expect: Expect, build: HostileInput['build'], code?: string) =>
    inputs.push({ name, expect, build, ...(code ? { code } : {}) });

  // ---- XML, deposited as the invoice file ------------------------------------------------
  add('xml: billion laughs', 'problem', depositXml(xml.billionLaughs));
  add('xml: external entity (XXE)', 'problem', depositXml(xml.externalEntity));
  add('xml: external DTD', 'problem', depositXml(xml.externalDtd));
  add('xml: parameter entity', 'problem', depositXml(xml.parameterEntity));
  add(
    'xml: internal DOCTYPE on a valid invoice',
    'problem',
    depositXml(() => xml.doctype(valid())),
  );
  add(
    'xml: 10,000-deep nesting',
    'problem',
    depositXml(() => xml.deep(10_000)),
  );
  add(
    'xml: 100,000-deep nesting',
    'problem',
    depositXml(() => xml.deep(100_000)),
  );
  add(
    'xml: 4 MB attribute',
    'problem',
    depositXml(() => xml.hugeAttribute(4 * MiB)),
  );
  add(
    'xml: 50,000 attributes',
    'problem',
    depositXml(() => xml.manyAttributes(50_000)),
  );
  add(
    'xml: 9 MB text node',
    'problem',
    depositXml(() => xml.hugeText(valid(), 9 * MiB)),
  );
  add(
    'xml: invalid UTF-8',
    'problem',
    depositXml(() => xml.invalidUtf8(valid())),
  );
  add(
    'xml: UTF-16 without BOM',
    'accepted',
    depositXml(() => xml.utf16NoBom(ublInvoice({ number: `HOSTILE-UTF16-${++utf16}` }))),
  );
  add('xml: BOM only', 'problem', depositXml(xml.bomOnly));
  add('xml: empty file', 'problem', depositXml(xml.empty));
  add(
    'xml: truncated',
    'problem',
    depositXml(() => xml.truncated(valid())),
  );
  add('xml: not an invoice (Order)', 'problem', depositXml(xml.notAnInvoice));
  add(
    'xml: UBL names in another namespace',
    'problem',
    depositXml(() => xml.wrongNamespace(valid())),
  );
  add('xml: prefix rebound inside', 'problem', depositXml(xml.reboundPrefix));
  add('xml: undeclared prefixes', 'problem', depositXml(xml.undeclaredPrefix));
  add(
    'xml: random bytes',
    'problem',
    depositXml(() => randomBytes(4242, 64 * 1024)),
  );

  // ---- PDF, deposited as the invoice file ------------------------------------------------
  add(
    'pdf: truncated Factur-X',
    'problem',
    depositPdf(async () => pdf.truncated(await facturX())),
  );
  add(
    'pdf: truncated plain PDF',
    'problem',
    depositPdf(() => pdf.truncated(plainPdf())),
  );
  add('pdf: encrypted', 'problem', depositPdf(pdf.encrypted));
  add('pdf: xref of 99,999,999 objects', 'problem', depositPdf(pdf.hugeXrefCount));
  add('pdf: object stream and page tree loops', 'problem', depositPdf(pdf.loops));
  add('pdf: xref /Prev loop', 'problem', depositPdf(pdf.xrefLoop));
  add('pdf: stream /Length of 1 GB', 'problem', depositPdf(pdf.lyingLength));
  add(
    'pdf: Factur-X with billion laughs',
    'problem',
    depositPdf(() => pdf.embeddedXml(xml.billionLaughs())),
  );
  add(
    'pdf: Factur-X with XXE',
    'problem',
    depositPdf(() => pdf.embeddedXml(xml.externalEntity())),
  );
  add(
    'pdf: Factur-X with truncated XML',
    'problem',
    depositPdf(() => pdf.embeddedXml(xml.truncated(valid()))),
  );
  add(
    'pdf: embedded 200 MB deflate bomb',
    'problem',
    depositPdf(() => pdf.embeddedBomb(200 * MiB)),
  );
  add('pdf: header then random bytes', 'problem', depositPdf(pdf.garbage));

  // ---- Archives, deposited as flows ------------------------------------------------------
  const invoice = Buffer.from(valid());
  add(
    'zip: one entry inflating 1,000:1 (9 MB)',
    'flow',
    flow('bomb.zip', () => zipOf([bomb('a.xml', 9 * MiB)])),
  );
  add(
    'zip: declared 100 B, inflates 50 MB',
    'flow',
    flow('liar.zip', () => zipOf([bomb('a.xml', 50 * MiB, 100)])),
  );
  add(
    'zip: 1,000 entries sharing one 1 MB of data',
    'flow',
    flow('overlap.zip', () =>
      zipOf(
        [bomb('a.xml', MiB)],
        Array.from({ length: 1000 }, (_, i) => ({ member: 0, name: `f${i}.xml` })),
      ),
    ),
    // Records naming other files than their local headers: caught as inconsistent headers.
    'FLOW_INCONSISTENT_HEADERS',
  );
  add(
    'zip: path traversal and absolute paths',
    'flow',
    flow('traversal.zip', () =>
      zipOf([
        stored('../../../../tmp/evil.xml', invoice),
        stored('/etc/evil.xml', invoice),
        stored('C:/evil.xml', invoice),
      ]),
    ),
    'ENTRY_PATH_TRAVERSAL',
  );
  add(
    'zip: 10,001 entries',
    'flow',
    flow('many.zip', () =>
      zipOf(Array.from({ length: 10_001 }, (_, i) => stored(`e${i}.txt`, Buffer.from('x')))),
    ),
    'FLOW_TOO_MANY_ENTRIES',
  );
  add(
    'zip: nested zip',
    'flow',
    flow('nested.zip', () => zipOf([stored('inner.zip', zipOf([deflated('a.xml', invoice)]))])),
    'ENTRY_NESTED_ARCHIVE',
  );
  add(
    'zip: symlink',
    'flow',
    flow('link.zip', () => zipOf([stored('a.xml', Buffer.from('/etc/passwd'), 0o120777)])),
    'ENTRY_LINK',
  );
  add(
    'zip: truncated',
    'flow',
    flow('cut.zip', () => zipOf([deflated('a.xml', invoice)]).subarray(0, 300)),
  );
  add(
    'zip: random bytes after the magic',
    'flow',
    flow('noise.zip', () => Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(77, 100_000)])),
  );
  add(
    'tar.gz: 200 MB of zeros (ratio)',
    'flow',
    flow('bomb.tar.gz', () =>
      gzipSync(
        Buffer.concat([
          tarOf([{ name: 'a.xml', size: 200 * MiB }]).subarray(0, 512),
          Buffer.alloc(200 * MiB),
        ]),
      ),
    ),
  );
  add(
    'tar.gz: traversal, symlink, hard link, device',
    'flow',
    flow('links.tar.gz', () =>
      tarGz([
        { name: '../../evil.xml', content: invoice },
        { name: 'link.xml', type: '2', link: '/etc/passwd' },
        { name: 'hard.xml', type: '1', link: '../../evil.xml' },
        { name: 'dev.xml', type: '3' },
      ]),
    ),
    'ENTRY_LINK',
  );
  add(
    'tar.gz: truncated gzip',
    'flow',
    flow('cut.tar.gz', () => tarGz([{ name: 'a.xml', content: invoice }]).subarray(0, 100)),
  );
  add('flow: multipart with a zip bomb', 'flow', (ctx) => ({
    method: 'POST',
    path: '/api/v1/flows',
    headers: [bearer(ctx), ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`]],
    body: multipartBody(BOUNDARY, [
      { head: 'Content-Disposition: form-data; name="syntaxeFlux"', value: 'IN_DP_E1_UBL_INVOICE' },
      { head: 'Content-Disposition: form-data; name="nomFichier"', value: 'bomb.zip' },
      {
        head: 'Content-Disposition: form-data; name="flow"; filename="bomb.zip"\r\nContent-Type: application/zip',
        value: zipOf([bomb('a.xml', 9 * MiB)]),
      },
    ]),
  }));

  add('flow: NUL in nomFichier (query)', 'problem', (ctx) => ({
    ...flow('a.zip', () => zipOf([stored('a.xml', invoice)]))(ctx),
    path: '/api/v1/flows?syntaxeFlux=IN_DP_E1_UBL_INVOICE&nomFichier=a%00b.zip',
  }));
  add('flow: NUL in nomFichier (multipart)', 'problem', (ctx) => ({
    method: 'POST',
    path: '/api/v1/flows',
    headers: [bearer(ctx), ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`]],
    body: multipartBody(BOUNDARY, [
      { head: 'Content-Disposition: form-data; name="syntaxeFlux"', value: 'IN_DP_E1_UBL_INVOICE' },
      { head: 'Content-Disposition: form-data; name="nomFichier"', value: 'a\u0000b.zip' },
      {
        head: 'Content-Disposition: form-data; name="flow"; filename="a.zip"\r\nContent-Type: application/zip',
        value: zipOf([stored('a.xml', invoice)]),
      },
    ]),
  }));
  add(
    'cpro: deposer/flux with NUL in nomFichier',
    'cpro',
    jsonTo(
      '/cpro/factures/v1/deposer/flux',
      JSON.stringify({
        fichierFlux: Buffer.from(zipOf([stored('a.xml', invoice)])).toString('base64'),
        nomFichier: 'a\u0000.zip',
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      }),
      'cpro',
    ),
  );
  add(
    'cpro: ajouter/fichier with NUL in the name',
    'cpro',
    jsonTo(
      '/cpro/transverses/v1/ajouter/fichier',
      JSON.stringify({ pieceJointeFichier: 'JVBERi0x', pieceJointeNom: 'a\u0000.pdf' }),
      'cpro',
    ),
  );

  // ---- JSON: keyed deposit, completion, /cpro ---------------------------------------------
  add(
    'json: 100,000 nested arrays (deposit)',
    'problem',
    jsonTo('/api/v1/invoices', deepArray(100_000)),
  );
  add(
    'json: 100,000 nested objects (deposit)',
    'problem',
    jsonTo('/api/v1/invoices', deepObject(100_000)),
  );
  add(
    'json: huge numbers (deposit)',
    'problem',
    jsonTo(
      '/api/v1/invoices',
      `{"metadata":{"framework":1e999999},"keyed":{"lines":[{"quantity":${'9'.repeat(100_000)}}]}}`,
    ),
  );
  add(
    'json: duplicate keys (deposit)',
    'problem',
    jsonTo(
      '/api/v1/invoices',
      '{"metadata":{"framework":"A1_FACTURE_FOURNISSEUR"},"metadata":{"framework":"X"},"keyed":{},"keyed":[]}',
    ),
  );
  add(
    'json: wrong types (deposit)',
    'problem',
    jsonTo(
      '/api/v1/invoices',
      JSON.stringify({ metadata: [1, 2], keyed: { lines: 'x', totals: 5, supplier: null } }),
    ),
  );
  add(
    'json: __proto__ key (deposit)',
    'problem',
    jsonTo('/api/v1/invoices', '{"__proto__":{"isAdmin":true},"metadata":{}}'),
  );
  add(
    'json: constructor.prototype (deposit)',
    'problem',
    jsonTo('/api/v1/invoices', '{"constructor":{"prototype":{"polluted":1}},"metadata":{}}'),
  );
  add(
    'json: lone surrogates (deposit)',
    'problem',
    jsonTo('/api/v1/invoices', `{"metadata":{"framework":"${'\\ud800'.repeat(100_000)}"}}`),
  );
  add(
    'json: not UTF-8 (deposit)',
    'problem',
    jsonTo(
      '/api/v1/invoices',
      Buffer.concat([Buffer.from('{"metadata":"'), randomBytes(5, 1000), Buffer.from('"}')]),
    ),
  );
  add('json: 100,000 nested arrays (completion)', 'problem', (ctx) =>
    jsonTo(completion(ctx), deepArray(100_000))(ctx),
  );
  add('json: __proto__ key (completion)', 'problem', (ctx) =>
    jsonTo(completion(ctx), '{"version":1,"__proto__":{"x":1}}')(ctx),
  );
  add('json: attachment not base64 (completion)', 'problem', (ctx) =>
    jsonTo(
      completion(ctx),
      JSON.stringify({
        version: 1,
        attachments: [{ name: 'a.pdf', contentBase64: '!!!*'.repeat(1000) }],
      }),
    )(ctx),
  );
  add('json: traversal attachment name (completion)', 'problem', (ctx) =>
    jsonTo(
      completion(ctx),
      JSON.stringify({
        version: 1,
        attachments: [{ name: '../../etc/passwd.pdf', contentBase64: 'JVBERi0=' }],
      }),
    )(ctx),
  );
  add(
    'json: 100,000 nested objects (/cpro soumettre)',
    'cpro',
    jsonTo('/cpro/factures/v1/soumettre', deepObject(100_000), 'cpro'),
  );
  add(
    'json: __proto__ key (/cpro soumettre)',
    'cpro',
    jsonTo('/cpro/factures/v1/soumettre', '{"__proto__":{"x":1}}', 'cpro'),
  );
  add(
    'cpro: ajouter/fichier not base64',
    'cpro',
    jsonTo(
      '/cpro/transverses/v1/ajouter/fichier',
      JSON.stringify({ pieceJointeFichier: 'ab=c'.repeat(100), pieceJointeNom: 'a.pdf' }),
      'cpro',
    ),
  );
  add(
    'cpro: ajouter/fichier base64 of 10 MB + 30 KB',
    'cpro',
    jsonTo(
      '/cpro/transverses/v1/ajouter/fichier',
      JSON.stringify({
        pieceJointeFichier: 'QUFB'.repeat(Math.ceil((10 * MiB + 30 * 1024) / 3)),
        pieceJointeNom: 'a.pdf',
      }),
      'cpro',
    ),
  );
  add(
    'cpro: deposer/flux with non-ASCII base64',
    'cpro',
    jsonTo(
      '/cpro/factures/v1/deposer/flux',
      JSON.stringify({
        fichierFlux: 'é'.repeat(4000),
        nomFichier: 'a.zip',
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      }),
      'cpro',
    ),
  );
  add('cpro: cpro-account not base64, 8 KB', 'cpro', (ctx) => ({
    method: 'POST',
    path: '/cpro/factures/v1/soumettre',
    headers: [
      ctx.cpro[0]!,
      ['cpro-account', '%'.repeat(8192)],
      ['Content-Type', 'application/json'],
    ],
    body: Buffer.from('{}'),
  }));
  add('cpro: cpro-account with bytes not UTF-8', 'cpro', (ctx) => ({
    method: 'POST',
    path: '/cpro/factures/v1/soumettre',
    headers: [
      ctx.cpro[0]!,
      ['cpro-account', Buffer.from([0xff, 0xfe, 0x3a, 0xc3])],
      ['Content-Type', 'application/json'],
    ],
    body: Buffer.from('{}'),
  }));

  return inputs;
}
