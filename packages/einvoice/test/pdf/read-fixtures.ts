/**
 * PDFs built for the reader and PDF/A-3 checker tests: a clean Factur-X-like hybrid (every
 * clause our checker looks at satisfied, built by hand with pdf-lib), variants with one defect
 * each, and hostile files (encrypted, truncated, bombs, scripts). Node-only (test code).
 */
import { deflateRawSync, deflateSync, constants as zc } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AFRelationship,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  rgb,
  StandardFonts,
  type PDFRef,
} from 'pdf-lib';

export const CONFORMANCE = fileURLToPath(
  new URL('../../../../../shared/conformance/', import.meta.url),
);
export const SAMPLE_PDF = `${CONFORMANCE}factur-x/pdf/invoice_EN16931.pdf`;
export const EN16931_XML = `${CONFORMANCE}factur-x/xml/factur-x-en16931.xml`;

export function sampleXml(): Uint8Array {
  return new Uint8Array(readFileSync(EN16931_XML));
}

const FX_NS = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

export interface XmpOptions {
  part?: string | null;
  conformance?: string;
  title?: string;
  creator?: string;
  createDate?: string;
  modifyDate?: string;
  fx?: {
    documentType?: string;
    documentFileName?: string;
    version?: string;
    conformanceLevel?: string;
  } | null;
  /** Whether the pdfaExtension schema describing fx is included. */
  extensionSchema?: boolean;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

export function xmpPacket(o: XmpOptions = {}): string {
  const part = o.part === undefined ? '3' : o.part;
  const fx =
    o.fx === undefined
      ? {
          documentType: 'INVOICE',
          documentFileName: 'factur-x.xml',
          version: '1.0',
          conformanceLevel: 'EN 16931',
        }
      : o.fx;
  const props: string[] = [];
  if (part !== null)
    props.push(
      `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="${part}" pdfaid:conformance="${o.conformance ?? 'B'}"/>`,
    );
  props.push(
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(o.title ?? 'Invoice F-1')}</rdf:li></rdf:Alt></dc:title></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${esc(o.creator ?? 'Chorale tests')}</xmp:CreatorTool><xmp:CreateDate>${o.createDate ?? '2026-01-31T10:00:00+01:00'}</xmp:CreateDate><xmp:ModifyDate>${o.modifyDate ?? '2026-01-31T10:00:00+01:00'}</xmp:ModifyDate></rdf:Description>`,
  );
  if (o.extensionSchema ?? true)
    props.push(
      `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>Factur-X</pdfaSchema:schema><pdfaSchema:namespaceURI>${FX_NS}</pdfaSchema:namespaceURI><pdfaSchema:prefix>fx</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>` +
        ['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel']
          .map(
            (n) =>
              `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${n}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${n}</pdfaProperty:description></rdf:li>`,
          )
          .join('') +
        `</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>`,
    );
  if (fx) {
    const f: string[] = [];
    if (fx.documentType) f.push(`<fx:DocumentType>${fx.documentType}</fx:DocumentType>`);
    if (fx.documentFileName)
      f.push(`<fx:DocumentFileName>${fx.documentFileName}</fx:DocumentFileName>`);
    if (fx.version) f.push(`<fx:Version>${fx.version}</fx:Version>`);
    if (fx.conformanceLevel)
      f.push(`<fx:ConformanceLevel>${fx.conformanceLevel}</fx:ConformanceLevel>`);
    props.push(`<rdf:Description rdf:about="" xmlns:fx="${FX_NS}">${f.join('')}</rdf:Description>`);
  }
  return (
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    props.join('\n') +
    `</rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`
  );
}

export interface HybridOptions {
  xml?: Uint8Array;
  fileName?: string;
  mimeType?: string | null;
  relationship?: AFRelationship | null;
  xmp?: XmpOptions | null;
  outputIntent?: boolean;
  info?: { title?: string; creator?: string; creationDate?: Date };
  /** Draw text with a standard (non-embedded) font. */
  standardFontText?: boolean;
  useObjectStreams?: boolean;
}

/** A hybrid that satisfies every clause our checker looks at, unless told otherwise. */
export async function makeHybrid(o: HybridOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 700, width: 200, height: 50, color: rgb(0.2, 0.3, 0.6) });
  if (o.standardFontText) {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText('Invoice F-1', { x: 50, y: 650, size: 14, font });
  }
  const xml = o.xml ?? sampleXml();
  const when = new Date('2026-01-31T09:00:00Z');
  await doc.attach(xml, o.fileName ?? 'factur-x.xml', {
    mimeType: o.mimeType === null ? undefined : (o.mimeType ?? 'text/xml'),
    description: 'Factur-X invoice',
    creationDate: when,
    modificationDate: when,
    afRelationship: o.relationship === null ? undefined : (o.relationship ?? AFRelationship.Data),
  });
  const info = o.info ?? {};
  doc.setTitle(info.title ?? 'Invoice F-1');
  doc.setCreator(info.creator ?? 'Chorale tests');
  doc.setCreationDate(info.creationDate ?? when);
  doc.setModificationDate(when);
  if (o.xmp !== null) {
    const meta = doc.context.stream(new TextEncoder().encode(xmpPacket(o.xmp ?? {})), {
      Type: 'Metadata',
      Subtype: 'XML',
    });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(meta));
  }
  if (o.outputIntent ?? true) {
    // The checker looks for the profile stream, not into it: a stub suffices here.
    const icc = doc.context.register(doc.context.stream(new Uint8Array(128), { N: 3 }));
    const intent = doc.context.obj({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: PDFString.of('sRGB'),
      DestOutputProfile: icc,
    });
    doc.catalog.set(PDFName.of('OutputIntents'), doc.context.obj([intent]));
  }
  return doc.save({ useObjectStreams: o.useObjectStreams ?? true });
}

/** A PDF without any attachment (text drawn with a standard font). */
export async function makePlain(useObjectStreams = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('A scanned delivery note', { x: 50, y: 700, size: 14, font });
  return doc.save({ useObjectStreams });
}

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const fromLatin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

/** A plain PDF whose trailer (classic xref table) or cross-reference stream dictionary
 * (object streams) declares an /Encrypt dictionary. */
export async function makeEncrypted(xrefStream = false): Promise<Uint8Array> {
  const text = latin1(await makePlain(xrefStream));
  const encrypt = '/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>';
  const out = xrefStream
    ? text.replace('/Type /XRef', `/Type /XRef ${encrypt}`)
    : text.replace(/trailer\s*<</, `trailer\n<<\n${encrypt}`);
  if (out === text) throw new Error('fixture: no place for /Encrypt');
  return fromLatin1(out);
}

/** A plain PDF with a document-level JavaScript /OpenAction. */
export async function makeJavaScript(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.catalog.set(
    PDFName.of('OpenAction'),
    doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hello")') }),
  );
  return doc.save();
}

/** A PDF with a link annotation that launches a program. */
export async function makeLaunch(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [0, 0, 100, 100],
    A: { S: 'Launch', F: PDFString.of('calc.exe') },
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
  return doc.save();
}

/**
 * `total` zero bytes deflated, without ever holding them: one megabyte is deflated once with a
 * sync flush (a non-final block that can be repeated), repeated, then closed with an empty
 * final block; zlib-wrapped with the Adler-32 of n zeros (a = 1, b = n mod 65521).
 */
export function zeroBomb(totalMiB: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), {
    level: 9,
    finishFlush: zc.Z_SYNC_FLUSH,
  });
  const end = deflateRawSync(Buffer.alloc(0));
  const n = totalMiB * 1024 * 1024;
  const adler = ((n % 65521) << 16) | 1;
  const out = Buffer.alloc(2 + block.length * totalMiB + end.length + 4);
  out[0] = 0x78;
  out[1] = 0xda;
  let at = 2;
  for (let i = 0; i < totalMiB; i++) at += block.copy(out, at);
  at += end.copy(out, at);
  out.writeUInt32BE(adler >>> 0, at);
  return new Uint8Array(out);
}

/** A hybrid whose factur-x.xml stream is a deflate bomb of `mib` MiB of zeros. */
export async function makeAttachmentBomb(mib: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const ctx = doc.context;
  const stream = ctx.register(
    ctx.stream(zeroBomb(mib), {
      Type: 'EmbeddedFile',
      Subtype: 'text/xml',
      Filter: 'FlateDecode',
      Params: { ModDate: PDFString.of("D:20260131100000+01'00'") },
    }),
  );
  const spec: PDFRef = ctx.register(
    ctx.obj({
      Type: 'Filespec',
      F: PDFString.of('factur-x.xml'),
      UF: PDFHexString.fromText('factur-x.xml'),
      EF: { F: stream, UF: stream },
      AFRelationship: 'Data',
    }),
  );
  doc.catalog.set(
    PDFName.of('Names'),
    ctx.obj({ EmbeddedFiles: { Names: [PDFString.of('factur-x.xml'), spec] } }),
  );
  doc.catalog.set(PDFName.of('AF'), ctx.obj([spec]));
  return doc.save({ useObjectStreams: false });
}

/** A hand-written PDF whose object stream inflates to `mib` MiB (and claims `n` objects). */
export function makeObjectStreamBomb(mib: number, n = 1): Uint8Array {
  const data = zeroBomb(mib);
  return assemble([
    `<< /Type /Catalog /Pages 2 0 R >>`,
    `<< /Type /Pages /Kids [] /Count 0 >>`,
    {
      dict: `<< /Type /ObjStm /N ${n} /First 4 /Filter /FlateDecode /Length ${data.length} >>`,
      data,
    },
  ]);
}

/** A PDF whose small cross-reference stream announces `entries` entries (pdf-lib would loop
 * over all of them). */
export function makeXrefCountBomb(entries: number): Uint8Array {
  const data = deflateSync(Buffer.from([1, 0, 10, 0]));
  const head = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(
        `${head}2 0 obj\n<< /Type /XRef /Size ${entries} /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${head.length}\n%%EOF\n`, 'latin1'),
    ]),
  );
}

/** A hand-written PDF with `count` trivial objects. */
export function makeManyObjects(count: number): Uint8Array {
  const objects: string[] = [
    `<< /Type /Catalog /Pages 2 0 R >>`,
    `<< /Type /Pages /Kids [] /Count 0 >>`,
  ];
  for (let i = 0; i < count; i++) objects.push('null');
  return assemble(objects);
}

/** A hand-written PDF from object bodies (numbered from 1, object 1 the catalog). */
export function makeRaw(objects: string[]): Uint8Array {
  return assemble(objects);
}

/** Serialises numbered objects with a classic xref table (objects numbered from 1). The file
 * is built as one latin-1 string (stream data included), which keeps 100,000 objects fast. */
function assemble(objects: (string | { dict: string; data: Uint8Array })[]): Uint8Array {
  const parts: string[] = ['%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    const chunk =
      typeof o === 'string'
        ? `${i + 1} 0 obj\n${o}\nendobj\n`
        : `${i + 1} 0 obj\n${o.dict}\nstream\n${Buffer.from(o.data).toString('latin1')}\nendstream\nendobj\n`;
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const off of offsets) xref.push(`${String(off).padStart(10, '0')} 00000 n \n`);
  parts.push(
    `${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`,
  );
  return new Uint8Array(Buffer.from(parts.join(''), 'latin1'));
}

/** Bytes deflated with a zlib header (for tests of the bounded inflater). */
export function deflate(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(deflateSync(bytes));
}
