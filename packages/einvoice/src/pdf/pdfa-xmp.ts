/**
 * Reading the XMP metadata packet of a PDF into flat properties: enough for the PDF/A-3 checks
 * (pdfaid, dc, xmp, pdf namespaces), the Factur-X extension schema and its fx: properties.
 * XMP is RDF/XML: a property may be written as an attribute of rdf:Description or as a child
 * element, whose value may be plain text or the first rdf:li of an rdf:Alt/Seq/Bag. Both forms
 * are read. Uses our own XML parser (no DTD, no entities: safe on untrusted input).
 */
import { parseXml } from '../xml/parse.js';
import type { XmlElement } from '../xml/types.js';

export const XMP_NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  pdfaExtension: 'http://www.aiim.org/pdfa/ns/extension/',
  pdfaSchema: 'http://www.aiim.org/pdfa/ns/schema#',
  pdfaProperty: 'http://www.aiim.org/pdfa/ns/property#',
} as const;

/** Namespaces of the Factur-X / ZUGFeRD XMP properties (Factur-X 1.0 and ZUGFeRD 2.x share
 * the first; ZUGFeRD 2.0 and 1.0 had their own). */
export const FX_NAMESPACES = [
  'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#',
  'urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#',
  'urn:ferd:pdfa:CrossIndustryDocument:invoice:1p0#',
] as const;

export interface XmpData {
  /** Property values keyed `${namespaceURI} ${localName}`. */
  props: Map<string, string>;
  /** Namespace URIs described by pdfaExtension:schemas, with the property names each declares. */
  extensionSchemas: Map<string, Set<string>>;
}

export type XmpResult = { ok: true; xmp: XmpData } | { ok: false; detail: string };

function valueOf(el: XmlElement): string {
  // rdf:Alt / rdf:Seq / rdf:Bag: the first rdf:li (x-default first in an Alt, in practice).
  for (const c of el.children) {
    if (c.ns === XMP_NS.rdf && (c.local === 'Alt' || c.local === 'Seq' || c.local === 'Bag')) {
      const lis = c.children.filter((l) => l.ns === XMP_NS.rdf && l.local === 'li');
      const xDefault = lis.find((l) =>
        l.attributes.some((a) => a.local === 'lang' && a.value === 'x-default'),
      );
      return (xDefault ?? lis[0])?.text.trim() ?? '';
    }
  }
  return el.text.trim();
}

function collect(el: XmlElement, data: XmpData, depth: number): void {
  if (depth > 64) return;
  if (el.ns === XMP_NS.rdf && el.local === 'Description') {
    for (const a of el.attributes) {
      if (a.ns && a.ns !== XMP_NS.rdf && a.ns !== 'http://www.w3.org/XML/1998/namespace') {
        const key = `${a.ns} ${a.local}`;
        if (!data.props.has(key)) data.props.set(key, a.value.trim());
      }
    }
    for (const c of el.children) {
      if (c.ns === XMP_NS.pdfaExtension && c.local === 'schemas') {
        readSchemas(c, data);
        continue;
      }
      const key = `${c.ns} ${c.local}`;
      if (!data.props.has(key)) data.props.set(key, valueOf(c));
    }
    return;
  }
  for (const c of el.children) collect(c, data, depth + 1);
}

/** Walks pdfaExtension:schemas: each schema's pdfaSchema:namespaceURI and the
 * pdfaProperty:name of each of its properties. */
function readSchemas(el: XmlElement, data: XmpData): void {
  const walk = (node: XmlElement, current: Set<string> | undefined, depth: number): void => {
    if (depth > 32) return;
    // A schema entry is the element (rdf:li, or rdf:Description inside it) that holds a
    // pdfaSchema:namespaceURI child (or attribute).
    let set = current;
    const uriEl = node.children.find(
      (c) => c.ns === XMP_NS.pdfaSchema && c.local === 'namespaceURI',
    );
    const uriAttr = node.attributes.find(
      (a) => a.ns === XMP_NS.pdfaSchema && a.local === 'namespaceURI',
    );
    const uri = uriEl?.text.trim() ?? uriAttr?.value.trim();
    if (uri) {
      set = data.extensionSchemas.get(uri) ?? new Set<string>();
      data.extensionSchemas.set(uri, set);
    }
    for (const c of node.children) {
      if (c.ns === XMP_NS.pdfaProperty && c.local === 'name' && set) set.add(c.text.trim());
      else walk(c, set, depth + 1);
    }
    for (const a of node.attributes)
      if (a.ns === XMP_NS.pdfaProperty && a.local === 'name' && set) set.add(a.value.trim());
  };
  walk(el, undefined, 0);
}

export function readXmp(bytes: Uint8Array): XmpResult {
  const parsed = parseXml(bytes, { maxBytes: 4 * 1024 * 1024 });
  if (!parsed.ok) return { ok: false, detail: parsed.error.message };
  const data: XmpData = { props: new Map(), extensionSchemas: new Map() };
  collect(parsed.root, data, 0);
  return { ok: true, xmp: data };
}

/** A property by namespace and local name. */
export function xmpProp(xmp: XmpData, ns: string, local: string): string | undefined {
  return xmp.props.get(`${ns} ${local}`);
}

/** The fx: properties, from whichever Factur-X/ZUGFeRD namespace the packet uses. */
export function fxProps(xmp: XmpData): {
  ns: string | undefined;
  documentType?: string;
  documentFileName?: string;
  version?: string;
  conformanceLevel?: string;
} {
  for (const ns of FX_NAMESPACES) {
    const documentType = xmpProp(xmp, ns, 'DocumentType');
    const documentFileName = xmpProp(xmp, ns, 'DocumentFileName');
    const version = xmpProp(xmp, ns, 'Version');
    const conformanceLevel = xmpProp(xmp, ns, 'ConformanceLevel');
    if (documentType ?? documentFileName ?? version ?? conformanceLevel)
      return { ns, documentType, documentFileName, version, conformanceLevel };
  }
  return { ns: undefined };
}
