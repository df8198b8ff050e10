/** Shared helpers of the CII tests: the conformance material and model comparison. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseXml } from '../../src/xml/parse.js';
import type { XmlElement } from '../../src/xml/types.js';

/** ../shared/conformance from the repository root. */
export const CONFORMANCE = fileURLToPath(
  new URL('../../../../../shared/conformance/', import.meta.url),
);

export function parse(xml: string | Uint8Array): XmlElement {
  const r = parseXml(xml);
  if (!r.ok)
    throw new Error(`${r.error.code}: ${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r.root;
}

export function parseFile(path: string): XmlElement {
  return parse(readFileSync(path));
}

/** Every .xml file below `dir`, recursively, sorted. */
export function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...xmlFiles(p));
    else if (e.name.endsWith('.xml')) out.push(p);
  }
  return out.sort();
}

const SKIP = new Set(['$src', '$at', 'syntax', 'ublDocument']);

/**
 * The model's business content only: no locations, no syntax marks, no undefined fields, so
 * that two models read from different documents compare with toEqual/toStrictEqual.
 */
export function content(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(content);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SKIP.has(k) || v === undefined) continue;
      out[k] = content(v);
    }
    return out;
  }
  return value;
}

/** One element of a schema sequence: its name, its type and whether it may be left out. */
interface SchemaParticle {
  name: string;
  type: string;
  optional: boolean;
}

let schemaTypes: Map<string, SchemaParticle[]> | undefined;

/** Sequences of the D16B complex types, by type name ('CrossIndustryInvoiceType' etc.). */
function loadSchema(): Map<string, SchemaParticle[]> {
  if (schemaTypes) return schemaTypes;
  const dir = join(CONFORMANCE, 'schemas/cii-d16b/uncefact/data/standard');
  const types = new Map<string, SchemaParticle[]>();
  for (const file of [
    'CrossIndustryInvoice_100pD16B.xsd',
    'CrossIndustryInvoice_ReusableAggregateBusinessInformationEntity_100pD16B.xsd',
  ]) {
    const xsd = readFileSync(join(dir, file), 'utf8');
    for (const m of xsd.matchAll(
      /<xsd:complexType name="(\w+)">\s*<xsd:sequence>([\s\S]*?)<\/xsd:sequence>/g,
    )) {
      const particles: SchemaParticle[] = [];
      for (const e of m[2]!.matchAll(/<xsd:element name="(\w+)" type="([\w:]+)"([^>]*)>/g))
        particles.push({ name: e[1]!, type: e[2]!, optional: e[3]!.includes('minOccurs="0"') });
      types.set(m[1]!, particles);
    }
  }
  schemaTypes = types;
  return types;
}

/**
 * Checks an element tree against the D16B sequences: every child is allowed, children come in
 * schema order, required children are there. Returns the problems found (empty when none).
 * Simple types (udt:, qdt:) are not looked into.
 */
export function schemaOrderProblems(root: XmlElement): string[] {
  const types = loadSchema();
  const problems: string[] = [];
  const walk = (el: XmlElement, typeName: string, path: string): void => {
    const seq = types.get(typeName);
    if (!seq) return;
    let pos = 0;
    const seen = new Set<string>();
    for (const c of el.children) {
      let i = pos;
      while (i < seq.length && seq[i]!.name !== c.local) i++;
      if (i === seq.length) {
        const known = seq.some((p) => p.name === c.local);
        problems.push(`${path}/${c.local}: ${known ? 'out of order' : 'not allowed'}`);
        continue;
      }
      pos = i;
      seen.add(c.local);
      const t = seq[i]!.type;
      if (t.startsWith('ram:') || t.startsWith('rsm:')) walk(c, t.slice(4), `${path}/${c.local}`);
    }
    for (const p of seq)
      if (!p.optional && !seen.has(p.name)) problems.push(`${path}: missing ${p.name}`);
  };
  walk(root, 'CrossIndustryInvoiceType', '/CrossIndustryInvoice');
  return problems;
}
