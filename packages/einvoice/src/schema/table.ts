import { internalize } from '../xml/intern.js';

/**
 * Shape of the generated structure tables (ubl-tables.ts, cii-tables.ts) and their decoding.
 *
 * The tables are produced by scripts/gen-schema-tables.ts from the UBL 2.1 and CII D16B XML
 * Schemas: for every element reachable from the document roots, its name and type; for every
 * type, either its ordered content model (element-only content) or its value kind and
 * attributes (simple content). Only structure facts are kept (names, order, cardinalities,
 * base data types, attribute names/requiredness/fixed values), packed in short strings so the
 * bundle stays small; they are decoded once, on first use.
 *
 * Encoding (kept in step with the generator):
 * - `elements`: space-separated `<nsIndex><local>:<typeIndex base 36>`.
 * - `types[i]`: a simple-content type is `@<kind>` followed by `;<attr>` entries, an attribute
 *   being `<name>` + `!` when required + `=<value>` when fixed + `~<kind>` when not a plain
 *   string; a kind may carry length limits: `s1-3` is a string of 1 to 3 characters;
 *   `~` alone is the UBL extension wildcard (exactly one element of another namespace,
 *   content not checked); otherwise a space-separated sequence of particles, a particle being
 *   `<elementIndex base 36><card>` or a choice `(<p>|<p>…)<card>`, with card '' (1..1),
 *   '?' (0..1), '*' (0..n), '+' (1..n) or `{min,max}` (max 'n' = unbounded).
 * - value kinds: s string-like (no lexical check), d xsd:decimal, D xsd:date, t xsd:time,
 *   T xsd:dateTime, b xsd:boolean, B xsd:base64Binary, l xsd:language.
 */

export interface SchemaTable {
  /** Namespace URIs, indexed by the digit in `elements`. */
  ns: readonly string[];
  /** Conventional prefix of each namespace, for messages ('' for a default namespace). */
  prefixes: readonly string[];
  /** Element indexes of the document roots. */
  roots: readonly number[];
  elements: string;
  types: readonly string[];
}

export type ValueKind = 's' | 'd' | 'D' | 't' | 'T' | 'b' | 'B' | 'l';

/** Length limits (in characters, after whitespace collapsing) of a string-like value. */
export interface Lengths {
  minLen?: number;
  maxLen?: number;
}

export interface AttrDecl extends Lengths {
  required: boolean;
  fixed: string | undefined;
  kind: ValueKind;
}

export interface LeafType extends Lengths {
  leaf: true;
  kind: ValueKind;
  /** Declared unqualified attributes by name. */
  attrs: Map<string, AttrDecl>;
  /** Names of the required attributes. */
  required: string[];
}

export interface ElementDecl {
  ns: string;
  /** Index of `ns` in the table's namespace list. */
  nsIndex: number;
  local: string;
  /** Conventional qualified name, for messages. */
  qname: string;
  type: number;
}

/** A slot of a content model: one element particle, or a choice between several. */
export interface Slot {
  min: number;
  /** Infinity when unbounded. */
  max: number;
  /** The alternatives (one unless a choice). */
  elements: ElementDecl[];
}

export interface ComplexType {
  leaf: false;
  /** True for the extension wildcard: one element of a foreign namespace, not checked. */
  wildcard: boolean;
  slots: Slot[];
  /** local name → slot index and declaration (names are unique within one content model). */
  byLocal: Map<string, Hit>;
  /**
   * For each slot s (and slots.length), the first slot at or after s that is required
   * (min > 0), or slots.length: the checker jumps over optional slots a child skips instead of
   * testing each one (types such as the UBL Invoice have about sixty, mostly optional).
   */
  nextRequired: Int32Array;
  /** What the checker found for the i-th child of the last instances (see schema/check.ts). */
  memo: { local: string[]; ns: string[]; hit: (Hit | undefined)[] };
}

/** Where a child name falls in a content model. */
export interface Hit {
  slot: number;
  decl: ElementDecl;
}

export type SchemaType = LeafType | ComplexType;

export interface DecodedSchema {
  /**
   * Namespace URI → index. A plain object on purpose: looking a string up as a property key
   * internalizes it, which makes the per-element namespace test a cheap lookup instead of a
   * character-by-character comparison of two long URIs.
   */
  nsIndex: Record<string, number>;
  roots: ElementDecl[];
  /** The type of that index, decoded on first use. */
  typeAt(index: number): SchemaType;
  /** The types decoded so far, by index (what `typeAt` fills). */
  types: readonly (SchemaType | undefined)[];
}

const KINDS = new Set<string>(['s', 'd', 'D', 't', 'T', 'b', 'B', 'l']);

/** Parses a kind code: the kind letter, optionally followed by `<min>-<max>` lengths. */
function kindOf(code: string, into: Lengths): ValueKind {
  const c = code[0] ?? '';
  if (!KINDS.has(c)) throw new Error(`schema table: unknown value kind ${code}`);
  if (code.length > 1) {
    const [min, max] = code.slice(1).split('-');
    into.minLen = Number(min);
    if (max) into.maxLen = Number(max);
  }
  return c as ValueKind;
}

function decodeLeaf(s: string): LeafType {
  const parts = s.slice(1).split(';');
  const attrs = new Map<string, AttrDecl>();
  const required: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    let p = parts[i]!;
    const lengths: Lengths = {};
    let kind: ValueKind = 's';
    const tilde = p.indexOf('~');
    if (tilde >= 0) {
      kind = kindOf(p.slice(tilde + 1), lengths);
      p = p.slice(0, tilde);
    }
    let fixed: string | undefined;
    const eq = p.indexOf('=');
    if (eq >= 0) {
      fixed = p.slice(eq + 1);
      p = p.slice(0, eq);
    }
    const req = p.endsWith('!');
    if (req) p = p.slice(0, -1);
    p = internalize(p);
    attrs.set(p, { required: req, fixed, kind, ...lengths });
    if (req) required.push(p);
  }
  const leaf: LeafType = { leaf: true, kind: 's', attrs, required };
  leaf.kind = kindOf(parts[0]!, leaf);
  return leaf;
}

function decodeCard(s: string): [number, number] {
  switch (s) {
    case '':
      return [1, 1];
    case '?':
      return [0, 1];
    case '*':
      return [0, Infinity];
    case '+':
      return [1, Infinity];
    default: {
      const [a, b] = s.slice(1, -1).split(',');
      return [Number(a), b === 'n' ? Infinity : Number(b)];
    }
  }
}

/** Splits `<digits/letters><card>` into the base-36 index and its cardinality. */
function splitParticle(p: string): [string, string] {
  let i = 0;
  for (; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122))) break; // [0-9a-z]
  }
  return [p.slice(0, i), p.slice(i)];
}

function decodeComplex(s: string, elements: ElementDecl[]): ComplexType {
  const t: ComplexType = {
    leaf: false,
    wildcard: s === '~',
    slots: [],
    byLocal: new Map(),
    nextRequired: new Int32Array(1),
    memo: { local: [], ns: [], hit: [] },
  };
  if (t.wildcard || s === '') return t;
  for (const p of s.split(' ')) {
    let decls: ElementDecl[];
    let card: string;
    if (p.startsWith('(')) {
      const close = p.indexOf(')');
      decls = p
        .slice(1, close)
        .split('|')
        .map((q) => elements[parseInt(q, 36)]!);
      card = p.slice(close + 1);
    } else {
      const [idx, c] = splitParticle(p);
      decls = [elements[parseInt(idx, 36)]!];
      card = c;
    }
    const [min, max] = decodeCard(card);
    const slot = t.slots.length;
    t.slots.push({ min, max, elements: decls });
    for (const decl of decls) t.byLocal.set(decl.local, { slot, decl });
  }
  const n = t.slots.length;
  t.nextRequired = new Int32Array(n + 1);
  t.nextRequired[n] = n;
  for (let i = n - 1; i >= 0; i--)
    t.nextRequired[i] = t.slots[i]!.min > 0 ? i : t.nextRequired[i + 1]!;
  return t;
}

/**
 * Decodes a generated table. Element declarations are decoded at once (one split); types are
 * decoded on first use (`typeAt`), so a check pays only for the types its document uses.
 */
export function decodeSchema(table: SchemaTable): DecodedSchema {
  const elements: ElementDecl[] = table.elements.split(' ').map((e) => {
    const nsIndex = Number(e[0]);
    const colon = e.indexOf(':');
    const local = internalize(e.slice(1, colon));
    const prefix = table.prefixes[nsIndex]!;
    return {
      ns: table.ns[nsIndex]!,
      nsIndex,
      local,
      qname: prefix ? `${prefix}:${local}` : local,
      type: parseInt(e.slice(colon + 1), 36),
    };
  });
  const types: (SchemaType | undefined)[] = new Array<SchemaType | undefined>(table.types.length);
  const nsIndex: Record<string, number> = Object.create(null) as Record<string, number>;
  table.ns.forEach((ns, i) => (nsIndex[ns] = i));
  return {
    nsIndex,
    roots: table.roots.map((i) => elements[i]!),
    types,
    typeAt(i: number): SchemaType {
      let t = types[i];
      if (!t) {
        const s = table.types[i]!;
        t = s.startsWith('@') ? decodeLeaf(s) : decodeComplex(s, elements);
        types[i] = t;
      }
      return t;
    },
  };
}
