/**
 * The PDF/A-3b and Factur-X parts of a PDF we write (or complete): document information and
 * the XMP packet that mirrors it, the sRGB output intent with its ICC profile, the document
 * /ID, and the invoice XML as an associated file. The page content (fonts embedded, DeviceRGB
 * colours only, no transparency) is the layout's business: see write-layout.ts.
 *
 * Invariants kept here so that our checker (check-pdfa.ts) and external validators agree:
 * - every Info entry we set has its XMP twin with the same text, dates to the same second in
 *   UTC ('D:YYYYMMDDHHmmSSZ' and 'YYYY-MM-DDTHH:mm:ssZ');
 * - the metadata stream is not compressed (PDF/A forbids a filter on it);
 * - the embedded file is referenced from the catalog's /AF array and the EmbeddedFiles name
 *   tree, with /AFRelationship, /Subtype text/xml and /Params (size, creation and
 *   modification dates).
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFString,
  type PDFDocument,
  type PDFRef,
} from 'pdf-lib';
import { zlibSync } from 'fflate';
import { srgbIccProfile } from './assets/srgb-icc.js';

let iccStream: Uint8Array | undefined;

/** The ICC profile deflated once per process (the stream object keeps its own copy). */
function compressedIcc(): Uint8Array {
  iccStream ??= zlibSync(srgbIccProfile());
  return iccStream.slice();
}

export const PRODUCER = 'Chorale (EN 16931 / Factur-X)';

/** The Factur-X extension schema namespace and prefix (Factur-X 1.0, also ZUGFeRD 2.1+). */
export const FX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

export interface PdfAMetadata {
  title: string;
  author: string;
  subject?: string;
  /** When the document was made; its milliseconds are dropped (PDF dates stop at seconds). */
  date: Date;
  /** Present for a Factur-X: the fx: properties. */
  facturX?: { fileName: string; conformanceLevel: string };
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Text escaped for XML character data and attribute values. */
function xmlText(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    // Control characters are not allowed in XML 1.0; a space keeps word boundaries.
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) out += ' ';
    else out += ch;
  }
  return out;
}

/** Our own descriptions of the fx: properties for the PDF/A extension schema. */
const FX_PROPERTIES: [name: string, description: string][] = [
  ['DocumentFileName', 'Name of the embedded XML invoice file'],
  ['DocumentType', 'Type of the hybrid document (INVOICE)'],
  ['Version', 'Version of the Factur-X XML schema the embedded file follows'],
  ['ConformanceLevel', 'Factur-X profile of the embedded XML invoice'],
];

/** The XMP packet: pdfaid, dc, xmp, pdf and, for a Factur-X, the extension schema and fx:. */
export function buildXmp(meta: PdfAMetadata): string {
  const date = xmpDate(wholeSeconds(meta.date));
  const lines: string[] = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '<pdfaid:part>3</pdfaid:part>',
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xmlText(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
  ];
  if (meta.subject !== undefined)
    lines.push(
      `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(meta.subject)}</rdf:li></rdf:Alt></dc:description>`,
    );
  lines.push(
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${xmlText(PRODUCER)}</pdf:Producer>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${xmlText(PRODUCER)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
  );
  if (meta.facturX) {
    lines.push(
      '<rdf:Description rdf:about=""',
      ' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
      ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
      ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
      '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
      '<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>',
      `<pdfaSchema:namespaceURI>${FX_NAMESPACE}</pdfaSchema:namespaceURI>`,
      '<pdfaSchema:prefix>fx</pdfaSchema:prefix>',
      '<pdfaSchema:property><rdf:Seq>',
    );
    for (const [name, description] of FX_PROPERTIES)
      lines.push(
        '<rdf:li rdf:parseType="Resource">',
        `<pdfaProperty:name>${name}</pdfaProperty:name>`,
        '<pdfaProperty:valueType>Text</pdfaProperty:valueType>',
        '<pdfaProperty:category>external</pdfaProperty:category>',
        `<pdfaProperty:description>${description}</pdfaProperty:description>`,
        '</rdf:li>',
      );
    lines.push(
      '</rdf:Seq></pdfaSchema:property>',
      '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
      '</rdf:Description>',
      `<rdf:Description rdf:about="" xmlns:fx="${FX_NAMESPACE}">`,
      '<fx:DocumentType>INVOICE</fx:DocumentType>',
      `<fx:DocumentFileName>${xmlText(meta.facturX.fileName)}</fx:DocumentFileName>`,
      '<fx:Version>1.0</fx:Version>',
      `<fx:ConformanceLevel>${xmlText(meta.facturX.conformanceLevel)}</fx:ConformanceLevel>`,
      '</rdf:Description>',
    );
  }
  lines.push('</rdf:RDF>', '</x:xmpmeta>');
  // Padding lets a later tool update the packet in place, as XMP recommends for writable files.
  const padding = `${' '.repeat(99)}\n`.repeat(20);
  return `${lines.join('\n')}\n${padding}<?xpacket end="w"?>`;
}

/** Random bytes for the /ID (Web Crypto, present in Node 20 and browsers). */
function randomId(): Uint8Array {
  const id = new Uint8Array(16);
  globalThis.crypto.getRandomValues(id);
  return id;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Makes `doc` a PDF/A-3b: Info and XMP (replacing any earlier packet), the sRGB output intent
 * (unless a GTS_PDFA1 one is already there), the document /ID (a new one when the file had
 * none; the first part is kept when it had one, as ISO 32000 asks for updated files).
 */
export function applyPdfA(doc: PDFDocument, meta: PdfAMetadata): void {
  const date = wholeSeconds(meta.date);
  const ctx = doc.context;
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  if (meta.subject !== undefined) doc.setSubject(meta.subject);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  // Keywords have an XMP twin (pdf:Keywords) we do not write: drop any inherited value.
  const info = ctx.lookup(ctx.trailerInfo.Info);
  if (info instanceof PDFDict) info.delete(PDFName.of('Keywords'));

  const xmp = new TextEncoder().encode(buildXmp({ ...meta, date }));
  const metadata = ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(metadata));

  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  const hasPdfA =
    intents instanceof PDFArray &&
    intents.asArray().some((i) => {
      const d = ctx.lookup(i);
      return d instanceof PDFDict && d.get(PDFName.of('S')) === PDFName.of('GTS_PDFA1');
    });
  if (!hasPdfA) {
    const icc = ctx.stream(compressedIcc(), { N: 3, Filter: 'FlateDecode' });
    const intent = ctx.obj({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
      Info: PDFString.of('sRGB IEC61966-2.1'),
      RegistryName: PDFString.of('http://www.color.org'),
      DestOutputProfile: ctx.register(icc),
    });
    const list = intents instanceof PDFArray ? intents : ctx.obj([]);
    list.push(ctx.register(intent));
    doc.catalog.set(PDFName.of('OutputIntents'), list);
  }

  const fresh = PDFHexString.of(hex(randomId()));
  const prior = ctx.trailerInfo.ID;
  const first =
    prior instanceof PDFArray && prior.get(0) instanceof PDFHexString ? prior.get(0) : fresh;
  ctx.trailerInfo.ID = ctx.obj([first, fresh]);
}

export type AfRelationship = 'Data' | 'Alternative' | 'Source';

/**
 * Embeds `xml` as `fileName`, an associated file of the document: filespec in the catalog's
 * /AF array and in the EmbeddedFiles name tree (replacing an earlier file of that name).
 */
export function attachXml(
  doc: PDFDocument,
  xml: Uint8Array,
  fileName: string,
  date: Date,
  relationship: AfRelationship,
  description: string,
): PDFRef {
  const ctx = doc.context;
  const when = PDFString.fromDate(wholeSeconds(date));
  // fflate rather than pdf-lib's pako: same format, a fraction of the set-up cost per stream.
  const stream = ctx.stream(zlibSync(xml), {
    Type: 'EmbeddedFile',
    Filter: 'FlateDecode',
    Subtype: 'text/xml',
    Params: { Size: xml.length, CreationDate: when, ModDate: when },
  });
  const fileSpec = ctx.obj({
    Type: 'Filespec',
    F: PDFString.of(fileName),
    UF: PDFHexString.fromText(fileName),
    EF: { F: ctx.register(stream) },
    Desc: PDFHexString.fromText(description),
    AFRelationship: relationship,
  });
  const ref = ctx.register(fileSpec);

  // Catalog /AF: drop an earlier entry for the same name, then add ours.
  const af = doc.catalog.lookup(PDFName.of('AF'));
  const afList = ctx.obj([]);
  if (af instanceof PDFArray)
    for (const item of af.asArray()) if (!sameName(doc, item, fileName)) afList.push(item);
  afList.push(ref);
  doc.catalog.set(PDFName.of('AF'), afList);

  // EmbeddedFiles name tree: we rewrite it as one leaf holding every earlier entry plus ours,
  // sorted by name as name trees require. Kids of a deep earlier tree are flattened into it.
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? ctx.obj({});
  const entries: [string, ReturnType<PDFArray['get']>][] = [];
  const tree = names.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (tree) collectNameTree(doc, tree, entries, 0);
  const kept = entries.filter(([name]) => name !== fileName);
  kept.push([fileName, ref]);
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const leaf = ctx.obj([]);
  for (const [name, value] of kept) {
    leaf.push(PDFHexString.fromText(name));
    leaf.push(value);
  }
  names.set(PDFName.of('EmbeddedFiles'), ctx.register(ctx.obj({ Names: leaf })));
  doc.catalog.set(PDFName.of('Names'), names);
  return ref;
}

function textOf(v: unknown): string | undefined {
  return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
}

function sameName(doc: PDFDocument, item: ReturnType<PDFArray['get']>, fileName: string): boolean {
  const spec = doc.context.lookup(item);
  if (!(spec instanceof PDFDict)) return false;
  return (
    textOf(spec.lookup(PDFName.of('UF'))) === fileName ||
    textOf(spec.lookup(PDFName.of('F'))) === fileName
  );
}

function collectNameTree(
  doc: PDFDocument,
  node: PDFDict,
  out: [string, ReturnType<PDFArray['get']>][],
  depth: number,
): void {
  if (depth > 16) return;
  const leaf = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (leaf)
    for (let i = 0; i + 1 < leaf.size(); i += 2) {
      const name = textOf(doc.context.lookup(leaf.get(i)));
      if (name !== undefined) out.push([name, leaf.get(i + 1)]);
    }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids)
    for (const kid of kids.asArray()) {
      const d = doc.context.lookup(kid);
      if (d instanceof PDFDict) collectNameTree(doc, d, out, depth + 1);
    }
}
