// Generates packages/einvoice/src/schema/{ubl,cii}-tables.ts from the UBL 2.1 and CII D16B
// XML Schemas in ../shared/conformance/schemas (development time only: the library never
// reads the schemas). Keeps only what the structural checker needs, for what is reachable
// from the document roots: element names and types, content models (order, cardinalities,
// choices), simple-content value kinds and attributes. No annotation or documentation text.
//   npx tsx scripts/gen-schema-tables.ts [--check]   (--check: only verify the tables are current)
// The encoding is described in packages/einvoice/src/schema/table.ts.
//
// This is a deliberately small XSD reader: it supports exactly the constructs these schemas
// use on the reachable part (global and local elements, named and anonymous types, sequence
// and choice of elements, simpleContent extension/restriction, simpleType restriction without
// facets, the extension wildcard) and fails loudly on anything else, so a schema change cannot
// silently produce a wrong table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parseXml } from '../packages/einvoice/src/xml/parse.js';
import type { XmlElement } from '../packages/einvoice/src/xml/types.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const checkOnly = process.argv.includes('--check');
const schemasDir = join(import.meta.dirname, '../../shared/conformance/schemas');
const outDir = join(import.meta.dirname, '../packages/einvoice/src/schema');

interface SchemaDoc {
  file: string;
  tns: string;
  qualified: boolean;
  prefixes: Map<string, string>;
  root: XmlElement;
}

interface Global {
  doc: SchemaDoc;
  el: XmlElement;
}

const globalsElement = new Map<string, Global>();
const globalsType = new Map<string, Global>();
const loaded = new Set<string>();

const key = (ns: string, local: string): string => `{${ns}}${local}`;

function xsChildren(el: XmlElement, local?: string): XmlElement[] {
  return el.children.filter((c) => c.ns === XS && (!local || c.local === local));
}

function attrOf(el: XmlElement, name: string): string | undefined {
  return el.attributes.find((a) => a.local === name && a.ns === '')?.value;
}

// Signature schemas are reachable only inside the UBL extension wildcard, whose content the
// checker does not descend into (lax); they also carry a DOCTYPE our parser refuses.
const SKIPPED = /(xmldsig|XAdES|Signature(Aggregate|Basic)?Components)/;

function load(file: string): void {
  if (loaded.has(file) || SKIPPED.test(file)) return;
  loaded.add(file);
  const text = readFileSync(file, 'utf8');
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  // Our tree drops namespace declarations; these schemas declare every prefix on the root
  // (prefixed xsd: in UBL and CII, xs: in the Factur-X profiles).
  const start = text.search(/<xsd?:schema\b/);
  const rootTag = text.slice(start, text.indexOf('>', start));
  const prefixes = new Map<string, string>();
  for (const m of rootTag.matchAll(/xmlns(?::([\w-]+))?\s*=\s*"([^"]*)"/g))
    prefixes.set(m[1] ?? '', m[2]!);
  const root = parsed.root;
  const doc: SchemaDoc = {
    file,
    tns: attrOf(root, 'targetNamespace') ?? '',
    qualified: attrOf(root, 'elementFormDefault') === 'qualified',
    prefixes,
    root,
  };
  for (const c of xsChildren(root)) {
    const name = attrOf(c, 'name');
    if (c.local === 'element') globalsElement.set(key(doc.tns, name!), { doc, el: c });
    else if (c.local === 'complexType' || c.local === 'simpleType')
      globalsType.set(key(doc.tns, name!), { doc, el: c });
    else if (c.local === 'import' || c.local === 'include') {
      const loc = attrOf(c, 'schemaLocation');
      if (loc) load(join(dirname(file), loc));
    }
  }
}

function resolve(doc: SchemaDoc, qname: string): { ns: string; local: string } {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const ns = doc.prefixes.get(prefix);
  if (ns === undefined) throw new Error(`${doc.file}: unbound prefix in ${qname}`);
  return { ns, local: qname.slice(colon + 1) };
}

// ---- simple content ---------------------------------------------------------------------

const BUILTIN_KIND: Record<string, string> = {
  string: 's',
  normalizedString: 's',
  token: 's',
  anyURI: 's',
  decimal: 'd',
  date: 'D',
  time: 't',
  dateTime: 'T',
  boolean: 'b',
  base64Binary: 'B',
  language: 'l',
};

interface Leaf {
  kind: string;
  minLen?: number;
  maxLen?: number;
  attrs: Map<string, { required: boolean; fixed?: string; kind: string }>;
}

function fail(doc: SchemaDoc, el: XmlElement, what: string): never {
  throw new Error(`${doc.file}:${el.line}: unsupported ${what}`);
}

function leafOfTypeName(doc: SchemaDoc, qname: string): Leaf {
  const { ns, local } = resolve(doc, qname);
  if (ns === XS) {
    const kind = BUILTIN_KIND[local];
    if (!kind) throw new Error(`unsupported built-in type xsd:${local}`);
    return { kind, attrs: new Map() };
  }
  const g = globalsType.get(key(ns, local));
  if (!g) throw new Error(`unknown type ${qname}`);
  return leafOfDef(g.doc, g.el);
}

/** Value kind with its length limits when the type has some: 's', 'l', 's1-3'… */
function kindCode(leaf: Leaf): string {
  if (leaf.minLen === undefined && leaf.maxLen === undefined) return leaf.kind;
  return `${leaf.kind}${leaf.minLen ?? 0}-${leaf.maxLen ?? ''}`;
}

function attrKind(doc: SchemaDoc, a: XmlElement): string {
  const t = attrOf(a, 'type');
  if (!t) return 's';
  return kindCode(leafOfTypeName(doc, t));
}

function applyAttributes(
  doc: SchemaDoc,
  holder: XmlElement,
  leaf: Leaf,
  restriction: boolean,
): void {
  for (const a of xsChildren(holder)) {
    if (a.local === 'annotation') continue;
    if (a.local !== 'attribute') fail(doc, a, a.local);
    const name = attrOf(a, 'name');
    if (!name) fail(doc, a, 'attribute reference');
    const use = attrOf(a, 'use') ?? 'optional';
    if (use === 'prohibited') {
      leaf.attrs.delete(name);
      continue;
    }
    const prev = leaf.attrs.get(name);
    const decl: { required: boolean; fixed?: string; kind: string } = {
      required: use === 'required',
      kind: attrOf(a, 'type') ? attrKind(doc, a) : restriction && prev ? prev.kind : 's',
    };
    const fixed = attrOf(a, 'fixed');
    if (fixed !== undefined) {
      if (/[;~]/.test(fixed)) fail(doc, a, `fixed value ${fixed}`);
      decl.fixed = fixed;
    }
    // A default on an optional attribute (one in Factur-X EXTENDED) changes no verdict.
    if (attrOf(a, 'default') !== undefined && use === 'required') fail(doc, a, 'attribute default');
    leaf.attrs.set(name, decl);
  }
}

function leafOfDef(doc: SchemaDoc, def: XmlElement): Leaf {
  if (def.local === 'simpleType') {
    const r = xsChildren(def, 'restriction')[0];
    if (!r) fail(doc, def, 'simpleType (not a restriction)');
    const base = leafOfTypeName(doc, attrOf(r, 'base')!);
    const leaf: Leaf = { kind: base.kind, attrs: new Map() };
    if (base.minLen !== undefined) leaf.minLen = base.minLen;
    if (base.maxLen !== undefined) leaf.maxLen = base.maxLen;
    for (const f of xsChildren(r)) {
      if (f.local === 'annotation') continue;
      const v = Number(attrOf(f, 'value'));
      // Length facets only on string-like values (the CII unit codes: 1 to 3 characters).
      if (base.kind !== 's' || !Number.isInteger(v)) fail(doc, f, `facet ${f.local}`);
      if (f.local === 'minLength' || f.local === 'length') leaf.minLen = v;
      if (f.local === 'maxLength' || f.local === 'length') leaf.maxLen = v;
      if (!['minLength', 'maxLength', 'length'].includes(f.local)) fail(doc, f, `facet ${f.local}`);
    }
    return leaf;
  }
  const sc = xsChildren(def, 'simpleContent')[0];
  if (!sc) fail(doc, def, 'complex type used as simple content');
  const d = xsChildren(sc).find((c) => c.local === 'extension' || c.local === 'restriction')!;
  const base = leafOfTypeName(doc, attrOf(d, 'base')!);
  for (const f of xsChildren(d)) {
    if (f.local !== 'annotation' && f.local !== 'attribute') fail(doc, f, `facet ${f.local}`);
  }
  const leaf: Leaf = { ...base, attrs: new Map([...base.attrs].map(([k, v]) => [k, { ...v }])) };
  applyAttributes(doc, d, leaf, d.local === 'restriction');
  return leaf;
}

function encodeLeaf(leaf: Leaf): string {
  let s = '@' + kindCode(leaf);
  for (const [name, a] of leaf.attrs) {
    s += ';' + name + (a.required ? '!' : '') + (a.fixed !== undefined ? '=' + a.fixed : '');
    if (a.kind !== 's') s += '~' + a.kind;
  }
  return s;
}

// ---- reachability and encoding ----------------------------------------------------------

interface Generated {
  ns: string[];
  prefixes: string[];
  elementKeys: Map<string, number>;
  elements: string[];
  typeKeys: Map<string, number>;
  types: string[];
  roots: number[];
}

function generate(
  files: string[],
  roots: [ns: string, local: string][],
  nsPrefixes: [ns: string, prefix: string][],
  baseDir = schemasDir,
): Generated {
  // Each table is read afresh: the Factur-X profiles redeclare the same namespaces.
  globalsElement.clear();
  globalsType.clear();
  loaded.clear();
  for (const f of files) load(join(baseDir, f));
  const g: Generated = {
    ns: nsPrefixes.map(([ns]) => ns),
    prefixes: nsPrefixes.map(([, p]) => p),
    elementKeys: new Map(),
    elements: [],
    typeKeys: new Map(),
    types: [],
    roots: [],
  };
  // Anonymous types get a key from their position; named ones from their name.
  const pending: (() => void)[] = [];
  const leafIndex = new Map<string, number>();

  const typeIndex = (
    doc: SchemaDoc,
    def: XmlElement | undefined,
    typeName: string | undefined,
  ): number => {
    let k: string;
    let tdoc = doc;
    let tdef = def;
    if (typeName) {
      const { ns, local } = resolve(doc, typeName);
      k = key(ns, local);
      if (ns !== XS) {
        const gt = globalsType.get(k);
        if (!gt) throw new Error(`unknown type ${typeName}`);
        tdoc = gt.doc;
        tdef = gt.el;
      }
    } else {
      k = `${doc.file}:${def!.line}:${def!.column}`;
    }
    const known = g.typeKeys.get(k);
    if (known !== undefined) return known;
    if (!tdef || tdef.local === 'simpleType' || xsChildren(tdef, 'simpleContent').length > 0) {
      // Simple-content types are shared by their encoding: the hundreds of named UBL basic
      // types reduce to a handful of distinct value kinds and attribute sets.
      const enc = encodeLeaf(tdef ? leafOfDef(tdoc, tdef) : leafOfTypeName(doc, typeName!));
      let index = leafIndex.get(enc);
      if (index === undefined) {
        index = g.types.length;
        g.types.push(enc);
        leafIndex.set(enc, index);
      }
      g.typeKeys.set(k, index);
      return index;
    }
    const index = g.types.length;
    g.typeKeys.set(k, index);
    g.types.push('');
    {
      const d = tdoc;
      const t = tdef;
      pending.push(() => {
        g.types[index] = encodeComplex(d, t);
      });
    }
    return index;
  };

  const elementIndex = (doc: SchemaDoc, el: XmlElement): number => {
    let edoc = doc;
    let edef = el;
    let ns: string;
    let local: string;
    const ref = attrOf(el, 'ref');
    if (ref) {
      ({ ns, local } = resolve(doc, ref));
      const ge = globalsElement.get(key(ns, local));
      if (!ge) throw new Error(`unknown element ${ref}`);
      edoc = ge.doc;
      edef = ge.el;
    } else {
      local = attrOf(el, 'name')!;
      const isGlobal = el.parent === doc.root;
      ns = isGlobal || doc.qualified ? doc.tns : '';
    }
    for (const a of ['substitutionGroup', 'abstract', 'nillable', 'default', 'fixed']) {
      if (attrOf(edef, a) !== undefined) fail(edoc, edef, `element @${a}`);
    }
    const nsIndex = g.ns.indexOf(ns);
    if (nsIndex < 0) throw new Error(`namespace without a prefix in the table: ${ns}`);
    const typeName = attrOf(edef, 'type');
    const anon = typeName
      ? undefined
      : xsChildren(edef).find((c) => c.local === 'complexType' || c.local === 'simpleType');
    if (!typeName && !anon) fail(edoc, edef, 'element without a type');
    const type = typeIndex(edoc, anon, typeName);
    const entry = `${nsIndex}${local}:${type.toString(36)}`;
    const known = g.elementKeys.get(entry);
    if (known !== undefined) return known;
    g.elementKeys.set(entry, g.elements.length);
    g.elements.push(entry);
    return g.elements.length - 1;
  };

  const card = (doc: SchemaDoc, p: XmlElement): string => {
    const min = attrOf(p, 'minOccurs') ?? '1';
    const max = attrOf(p, 'maxOccurs') ?? '1';
    if (min === '1' && max === '1') return '';
    if (min === '0' && max === '1') return '?';
    if (min === '0' && max === 'unbounded') return '*';
    if (min === '1' && max === 'unbounded') return '+';
    if (!/^\d+$/.test(min) || !/^(\d+|unbounded)$/.test(max)) fail(doc, p, `occurs ${min}..${max}`);
    return `{${min},${max === 'unbounded' ? 'n' : max}}`;
  };

  const encodeComplex = (doc: SchemaDoc, def: XmlElement): string => {
    const parts = xsChildren(def).filter((c) => c.local !== 'annotation');
    if (parts.length === 0) return '';
    if (parts.length !== 1) fail(doc, def, 'complex type with attributes or several groups');
    if (attrOf(def, 'mixed') === 'true') fail(doc, def, 'mixed content');
    const group = parts[0]!;
    const particles = xsChildren(group).filter((c) => c.local !== 'annotation');
    if (group.local === 'sequence' && particles.length === 1 && particles[0]!.local === 'any') {
      // The UBL extension content: one element of another namespace, validated laxly.
      const any = particles[0]!;
      if (attrOf(any, 'namespace') !== '##other' || card(doc, any) !== '')
        fail(doc, any, 'wildcard');
      return '~';
    }
    const names = new Set<string>();
    const seen = (el: XmlElement, index: number): void => {
      const local = g.elements[index]!.slice(1, g.elements[index]!.indexOf(':'));
      if (names.has(local)) fail(doc, el, `repeated element name ${local} in one content model`);
      names.add(local);
    };
    const encodeChoice = (ch: XmlElement): string => {
      const alts = xsChildren(ch).filter((c) => c.local !== 'annotation');
      const out: string[] = [];
      for (const a of alts) {
        if (a.local !== 'element' || card(doc, a) !== '') fail(doc, a, 'choice alternative');
        const i = elementIndex(doc, a);
        seen(a, i);
        out.push(i.toString(36));
      }
      return `(${out.join('|')})${card(doc, ch)}`;
    };
    if (group.local === 'choice') return encodeChoice(group);
    if (group.local !== 'sequence' || card(doc, group) !== '') fail(doc, group, group.local);
    const out: string[] = [];
    for (const p of particles) {
      if (p.local === 'element') {
        const i = elementIndex(doc, p);
        seen(p, i);
        out.push(i.toString(36) + card(doc, p));
      } else if (p.local === 'choice') out.push(encodeChoice(p));
      else fail(doc, p, p.local);
    }
    return out.join(' ');
  };

  for (const [ns, local] of roots) {
    const ge = globalsElement.get(key(ns, local));
    if (!ge) throw new Error(`no root element ${local}`);
    g.roots.push(elementIndex(ge.doc, ge.el));
  }
  while (pending.length) pending.shift()!();
  return g;
}

async function write(file: string, constName: string, title: string, g: Generated): Promise<void> {
  const body = [
    `// Generated by scripts/gen-schema-tables.ts from the ${title} XML Schemas: do not edit.`,
    '// Structure facts only (element names, order, cardinalities, value kinds, attributes);',
    '// encoding described in table.ts.',
    "import type { SchemaTable } from './table.js';",
    '',
    `export const ${constName}: SchemaTable = {`,
    `  ns: ${JSON.stringify(g.ns)},`,
    `  prefixes: ${JSON.stringify(g.prefixes)},`,
    `  roots: ${JSON.stringify(g.roots)},`,
    `  elements: ${JSON.stringify(g.elements.join(' '))},`,
    `  types: ${JSON.stringify(g.types)},`,
    '};',
    '',
  ].join('\n');
  // Written already formatted, so regenerating leaves no diff for the formatter check.
  const path = join(outDir, file);
  const formatted = await format(body, { ...(await resolveConfig(path)), filepath: path });
  if (checkOnly) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== formatted) {
      console.error(`${file} is out of date: run npx tsx scripts/gen-schema-tables.ts`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(path, formatted);
  console.log(
    `${file}: ${g.elements.length} elements, ${g.types.length} types, ${formatted.length} bytes`,
  );
}

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd:';
await write(
  'ubl-tables.ts',
  'UBL_TABLE',
  'UBL 2.1',
  generate(
    ['ubl-2.1/maindoc/UBL-Invoice-2.1.xsd', 'ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd'],
    [
      [`${UBL}Invoice-2`, 'Invoice'],
      [`${UBL}CreditNote-2`, 'CreditNote'],
    ],
    [
      [`${UBL}Invoice-2`, ''],
      [`${UBL}CreditNote-2`, ''],
      [`${UBL}CommonAggregateComponents-2`, 'cac'],
      [`${UBL}CommonBasicComponents-2`, 'cbc'],
      [`${UBL}CommonExtensionComponents-2`, 'ext'],
    ],
  ),
);

const UNCEFACT = 'urn:un:unece:uncefact:data:standard:';
await write(
  'cii-tables.ts',
  'CII_TABLE',
  'CII D16B',
  generate(
    ['cii-d16b/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd'],
    [[`${UNCEFACT}CrossIndustryInvoice:100`, 'CrossIndustryInvoice']],
    [
      [`${UNCEFACT}CrossIndustryInvoice:100`, 'rsm'],
      [`${UNCEFACT}ReusableAggregateBusinessInformationEntity:100`, 'ram'],
      [`${UNCEFACT}UnqualifiedDataType:100`, 'udt'],
      [`${UNCEFACT}QualifiedDataType:100`, 'qdt'],
    ],
  ),
);

// The Factur-X 1.09 profiles: each profile's XSD restricts CII D16B (fewer elements, tighter
// cardinalities); a profile invoice must be valid against its own schema.
const facturXDir = join(import.meta.dirname, '../../shared/conformance/factur-x/profiles');
for (const [dir, name, constName] of [
  ['minimum', 'MINIMUM', 'FX_MINIMUM_TABLE'],
  ['basicwl', 'BASICWL', 'FX_BASIC_WL_TABLE'],
  ['basic', 'BASIC', 'FX_BASIC_TABLE'],
  ['en16931', 'EN16931', 'FX_EN16931_TABLE'],
  ['extended', 'EXTENDED', 'FX_EXTENDED_TABLE'],
] as const) {
  await write(
    `fx-${dir}-tables.ts`,
    constName,
    `Factur-X 1.09 ${name}`,
    generate(
      [`${dir}/Factur-X_${name}.xsd`],
      [[`${UNCEFACT}CrossIndustryInvoice:100`, 'CrossIndustryInvoice']],
      [
        [`${UNCEFACT}CrossIndustryInvoice:100`, 'rsm'],
        [`${UNCEFACT}ReusableAggregateBusinessInformationEntity:100`, 'ram'],
        [`${UNCEFACT}UnqualifiedDataType:100`, 'udt'],
        [`${UNCEFACT}QualifiedDataType:100`, 'qdt'],
      ],
      facturXDir,
    ),
  );
}
