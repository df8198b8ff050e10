/**
 * Structural checks of an invoice tree against the UBL 2.1 / CII D16B XML Schemas, natively:
 * the content models come from tables generated from the schemas (ubl-tables.ts,
 * cii-tables.ts, see table.ts), no XSD engine runs.
 *
 * One pass over the tree. For each element with element-only content, its children are
 * matched against the ordered slots of its type: a child whose name the type does not declare
 * is XSD-UNKNOWN-ELEMENT; one placed before an element the schema puts ahead of it is
 * XSD-ORDER; one beyond its maxOccurs is XSD-TOO-MANY; a required slot left empty is
 * XSD-MISSING (on the parent). For each element holding a value: its attributes (unknown,
 * required, fixed) and its lexical form (decimal, date, boolean…). Each problem is reported
 * once, on the offending element (the parent for a missing one); an unknown element is not
 * looked into (it has no type), every declared one is.
 *
 * The UBL extension content (ext:ExtensionContent) is a lax wildcard: one element of another
 * namespace, whose content is not checked.
 */
import type { Reporter, TreeRuleSet } from '../rules/engine.js';
import type { XmlElement } from '../xml/types.js';
import { CII_TABLE } from './cii-tables.js';
import { UBL_TABLE } from './ubl-tables.js';
import {
  charLength,
  collapse,
  isXsdBase64,
  isXsdBoolean,
  isXsdDate,
  isXsdDateTime,
  isXsdDecimal,
  isXsdLanguage,
  isXsdTime,
} from './lexical.js';
import {
  decodeSchema,
  type ComplexType,
  type DecodedSchema,
  type ElementDecl,
  type Hit,
  type SchemaType,
  type LeafType,
  type SchemaTable,
  type ValueKind,
} from './table.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * xsi attributes a schema validator accepts on any element here. xsi:nil is not among them
 * (no element of these schemas is nillable); xsi:type is taken on trust (not resolved).
 */
const isAllowedXsi = (local: string): boolean =>
  local === 'schemaLocation' || local === 'noNamespaceSchemaLocation' || local === 'type';
/** Children per type whose declaration is remembered by position (bounds the memo). */
const MEMO_CHILDREN = 64;
/** How many names an "expected" list quotes before cutting with an ellipsis. */
const EXPECTED_MAX = 6;

const cache = new Map<SchemaTable, DecodedSchema>();
function schemaOf(table: SchemaTable): DecodedSchema {
  let s = cache.get(table);
  if (!s) {
    s = decodeSchema(table);
    cache.set(table, s);
  }
  return s;
}

/** Names of a slot for messages: one name, or the alternatives of a choice. */
function slotName(t: ComplexType, slot: number): string {
  return t.slots[slot]!.elements.map((e) => e.qname).join(' | ');
}

/**
 * What the schema accepts after a child in slot `after` (-1 at the start): that slot again if
 * it repeats, then the following slots up to the first required one.
 */
function expectedAfter(t: ComplexType, after: number): string {
  const names: string[] = [];
  if (after >= 0 && t.slots[after]!.max > 1) names.push(slotName(t, after));
  for (let s = after + 1; s < t.slots.length; s++) {
    names.push(slotName(t, s));
    if (t.slots[s]!.min > 0) break;
  }
  if (names.length === 0) return '—';
  return names.length > EXPECTED_MAX
    ? names.slice(0, EXPECTED_MAX).join(', ') + ', …'
    : names.join(', ');
}

class Checker {
  private readonly nsIndex: Record<string, number>;
  private readonly types: readonly (SchemaType | undefined)[];

  constructor(
    private readonly schema: DecodedSchema,
    private readonly r: Reporter,
  ) {
    this.nsIndex = schema.nsIndex;
    this.types = schema.types;
  }

  element(el: XmlElement, typeIndex: number): void {
    const t = this.types[typeIndex] ?? this.schema.typeAt(typeIndex);
    if (t.leaf) this.leaf(el, t);
    else this.complex(el, t);
  }

  /** Attributes of an element with element-only content: none is declared in these schemas. */
  private noAttributes(el: XmlElement): void {
    for (const a of el.attributes) {
      if (a.ns === XSI && isAllowedXsi(a.local)) continue;
      this.r.fire('XSD-ATTRIBUTE-UNKNOWN', el, undefined, {
        element: el.qname,
        attribute: a.qname,
      });
    }
  }

  /** The last text found to be white space only: indentation strings are shared by the
   * parser among siblings, so most elements repeat it and skip the scan. */
  private blank = '';

  private textOnlySpace(el: XmlElement): void {
    if (el.blankText === true) return; // the parser saw only white space
    const s = el.text;
    if (s === this.blank) return;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
        this.r.fire('XSD-TEXT', el, undefined, {
          element: el.qname,
          value: collapse(s).slice(0, 40),
        });
        return;
      }
    }
    this.blank = s;
  }

  private complex(el: XmlElement, t: ComplexType): void {
    this.noAttributes(el);
    // An empty content type (Factur-X MINIMUM's HeaderTradeDeliveryType) takes no character
    // data at all: white space there is refused too, where element-only content ignores it.
    if (t.slots.length === 0 && !t.wildcard && el.text !== '')
      this.r.fire('XSD-EMPTY', el, undefined, {
        element: el.qname,
        value: JSON.stringify(el.text).slice(1, -1).slice(0, 40),
      });
    else this.textOnlySpace(el);
    if (t.wildcard) {
      this.wildcard(el);
      return;
    }
    const children = el.children;
    // Fast path: children in schema order (the normal case), one scan with a cursor.
    let pos = -1; // slot of the last matched child
    let count = 0; // children matched in that slot so far
    let missing: number[] | undefined; // required slots skipped (reported at the end)
    let i = 0;
    const memo = t.memo;
    for (; i < children.length; i++) {
      const c = children[i]!;
      // Instances of a type mostly list the same children in the same order: the declaration
      // found for the i-th child last time is reused when the name is the same (names are
      // internalised by the parser, so these comparisons are by identity).
      let hit: Hit | undefined;
      if (i < MEMO_CHILDREN && memo.local[i] === c.local && memo.ns[i] === c.ns) {
        hit = memo.hit[i];
      } else {
        hit = t.byLocal.get(c.local);
        if (hit && hit.decl.nsIndex !== this.nsIndex[c.ns]) hit = undefined;
        if (i < MEMO_CHILDREN) {
          memo.local[i] = c.local;
          memo.ns[i] = c.ns;
          memo.hit[i] = hit;
        }
      }
      if (!hit) {
        this.unknown(el, t, c, pos);
        continue;
      }
      if (hit.slot === pos) {
        if (++count === t.slots[pos]!.max + 1) this.tooMany(el, c, t.slots[pos]!.max);
      } else if (hit.slot > pos) {
        if (pos >= 0 && count < t.slots[pos]!.min) (missing ??= []).push(pos);
        const next = t.nextRequired;
        for (let s = next[pos + 1]!; s < hit.slot; s = next[s + 1]!) (missing ??= []).push(s);
        pos = hit.slot;
        count = 1;
      } else break; // out of order: the slow path below takes over from here
      this.element(c, hit.decl.type);
    }
    if (i === children.length) {
      if (pos >= 0 && count < t.slots[pos]!.min) (missing ??= []).push(pos);
      const next = t.nextRequired;
      for (let s = next[pos + 1]!; s < t.slots.length; s = next[s + 1]!) (missing ??= []).push(s);
      if (missing) for (const s of missing) this.missing(el, t, s);
      return;
    }
    this.outOfOrder(el, t, i);
  }

  /**
   * Children not in schema order. The elements kept in place are a longest run of children
   * whose slots never go back (longest non-decreasing subsequence): every other known child
   * is reported as misplaced, so one element put in the wrong place gives one finding.
   * Counts (too many, missing) are then taken over all children wherever they stand.
   * Children before `from` were already checked by the fast path (values, unknown names,
   * excess repetitions): for them only the order is reported here.
   */
  private outOfOrder(el: XmlElement, t: ComplexType, from: number): void {
    const children = el.children;
    const n = children.length;
    const slotOf = new Int32Array(n).fill(-1);
    const decls: (ElementDecl | undefined)[] = new Array<ElementDecl | undefined>(n);
    for (let i = 0; i < n; i++) {
      const c = children[i]!;
      const hit = t.byLocal.get(c.local);
      if (hit && hit.decl.nsIndex === this.nsIndex[c.ns]) {
        slotOf[i] = hit.slot;
        decls[i] = hit.decl;
      }
    }
    // Longest non-decreasing subsequence of the slots (patience method, O(n log n)).
    const tails: number[] = []; // child index ending the best run of each length
    const prev = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const s = slotOf[i]!;
      if (s < 0) continue;
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (slotOf[tails[mid]!]! <= s) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) prev[i] = tails[lo - 1]!;
      tails[lo] = i;
    }
    const kept = new Uint8Array(n);
    const keptSlots = new Uint8Array(t.slots.length);
    for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) {
      kept[k] = 1;
      keptSlots[slotOf[k]!] = 1;
    }

    const counts = new Int32Array(t.slots.length);
    let lastKept = -1; // slot of the last kept child, for "expected" lists
    for (let i = 0; i < n; i++) {
      const c = children[i]!;
      const decl = decls[i];
      const s = slotOf[i]!;
      if (!decl) {
        if (i >= from) this.unknown(el, t, c, lastKept);
        continue;
      }
      const occurrence = ++counts[s]!;
      // The fast path never reports order, so misplaced children are reported wherever
      // they stand, even before `from`.
      if (!kept[i]) this.misplaced(el, t, c, s, keptSlots);
      if (i >= from) {
        if (occurrence === t.slots[s]!.max + 1) this.tooMany(el, c, t.slots[s]!.max);
        this.element(c, decl.type);
      }
      if (kept[i]) lastKept = s;
    }
    for (let s = 0; s < t.slots.length; s++) {
      if (counts[s]! < t.slots[s]!.min) this.missing(el, t, s);
    }
  }

  private misplaced(
    el: XmlElement,
    t: ComplexType,
    c: XmlElement,
    slot: number,
    keptSlots: Uint8Array,
  ): void {
    // Quote the order the schema wants among the elements present: the nearest slots, before
    // and after this one's, that hold a child kept in place. Scans slots, not children, so
    // many misplaced children in a long parent stay linear.
    let below = slot - 1;
    while (below >= 0 && !keptSlots[below]) below--;
    let above = slot + 1;
    while (above < t.slots.length && !keptSlots[above]) above++;
    const order: string[] = [];
    if (below >= 0) order.push(slotName(t, below));
    order.push(slotName(t, slot));
    if (above < t.slots.length) order.push(slotName(t, above));
    this.r.fire('XSD-ORDER', c, undefined, {
      element: c.qname,
      parent: el.qname,
      order: order.join(' → '),
    });
  }

  private unknown(el: XmlElement, t: ComplexType, c: XmlElement, after: number): void {
    this.r.fire('XSD-UNKNOWN-ELEMENT', c, undefined, {
      element: c.qname,
      parent: el.qname,
      expected: expectedAfter(t, after),
    });
  }

  private tooMany(el: XmlElement, c: XmlElement, max: number): void {
    this.r.fire('XSD-TOO-MANY', c, undefined, {
      element: c.qname,
      parent: el.qname,
      max: String(max),
    });
  }

  private missing(el: XmlElement, t: ComplexType, slot: number): void {
    this.r.fire('XSD-MISSING', el, undefined, { element: slotName(t, slot), parent: el.qname });
  }

  /** ext:ExtensionContent: exactly one element, of a namespace other than the extension one. */
  private wildcard(el: XmlElement): void {
    const children = el.children;
    if (children.length === 0) {
      this.r.fire('XSD-MISSING', el, undefined, { element: '*', parent: el.qname });
      return;
    }
    const first = children[0]!;
    // ##other: neither the extension namespace nor no namespace at all.
    if (first.ns === el.ns || first.ns === '') {
      this.r.fire('XSD-UNKNOWN-ELEMENT', first, undefined, {
        element: first.qname,
        parent: el.qname,
        expected: '*',
      });
    }
    if (children.length > 1) this.tooMany(el, children[1]!, 1);
  }

  private leaf(el: XmlElement, t: LeafType): void {
    if (el.children.length > 0) {
      this.r.fire('XSD-VALUE-CHILD', el.children[0]!, undefined, {
        element: el.children[0]!.qname,
        parent: el.qname,
      });
    }
    let present = 0; // required attributes seen
    for (const a of el.attributes) {
      if (a.ns === XSI && isAllowedXsi(a.local)) continue;
      const decl = a.ns === '' ? t.attrs.get(a.local) : undefined;
      if (!decl) {
        this.r.fire('XSD-ATTRIBUTE-UNKNOWN', el, undefined, {
          element: el.qname,
          attribute: a.qname,
        });
        continue;
      }
      if (decl.required) present++;
      if (decl.fixed !== undefined && collapse(a.value) !== decl.fixed) {
        this.r.fire('XSD-ATTRIBUTE-FIXED', el, undefined, {
          element: el.qname,
          attribute: a.qname,
          value: a.value,
          expected: decl.fixed,
        });
      } else if (decl.kind !== 's') {
        this.value(el, decl.kind, a.value, a.qname);
      } else if (decl.minLen !== undefined) {
        this.length(el, a.value, decl.minLen, decl.maxLen, a.qname);
      }
    }
    if (present < t.required.length) {
      for (const name of t.required) {
        if (!el.attributes.some((a) => a.local === name && a.ns === '')) {
          this.r.fire('XSD-ATTRIBUTE-MISSING', el, undefined, {
            element: el.qname,
            attribute: name,
          });
        }
      }
    }
    if (t.kind !== 's') this.value(el, t.kind, el.text, '');
    else if (t.minLen !== undefined) this.length(el, el.text, t.minLen, t.maxLen, '');
  }

  private length(
    el: XmlElement,
    raw: string,
    min: number,
    max: number | undefined,
    attribute: string,
  ): void {
    const n = charLength(collapse(raw));
    if (n < min || (max !== undefined && n > max)) {
      this.r.fire('XSD-LENGTH', el, undefined, {
        element: attribute ? `${el.qname}/@${attribute}` : el.qname,
        value: raw,
        min: String(min),
        max: max === undefined ? '∞' : String(max),
      });
    }
  }

  /** Lexical check of a value (element text, or attribute value when `attribute` is set). */
  private value(el: XmlElement, kind: ValueKind, raw: string, attribute: string): void {
    let id: string | undefined;
    switch (kind) {
      case 'd':
        if (!isXsdDecimal(raw)) id = 'XSD-DECIMAL';
        break;
      case 'D':
        if (!isXsdDate(raw)) id = 'XSD-DATE';
        break;
      case 't':
        if (!isXsdTime(raw)) id = 'XSD-TIME';
        break;
      case 'T':
        if (!isXsdDateTime(raw)) id = 'XSD-DATETIME';
        break;
      case 'b':
        if (!isXsdBoolean(raw)) id = 'XSD-BOOLEAN';
        break;
      case 'B':
        if (!isXsdBase64(raw)) id = 'XSD-BASE64';
        break;
      case 'l':
        if (!isXsdLanguage(raw)) id = 'XSD-LANGUAGE';
        break;
      case 's':
        break;
    }
    if (id) {
      this.r.fire(id, el, undefined, {
        element: attribute ? `${el.qname}/@${attribute}` : el.qname,
        // A wrong base64 payload can be megabytes: quote only its start.
        value: raw.length > 60 ? raw.slice(0, 60) + '…' : raw,
      });
    }
  }
}

function checkWith(table: SchemaTable, root: XmlElement, r: Reporter): void {
  const schema = schemaOf(table);
  const decl = schema.roots.find((d) => d.local === root.local && d.ns === root.ns);
  if (!decl) return; // not this syntax's root: validate.ts only calls us with one
  new Checker(schema, r).element(root, decl.type);
}

/** Structural checks of a UBL tree against the UBL 2.1 schema. */
export const checkUblStructure: TreeRuleSet = (root, r) => checkWith(UBL_TABLE, root, r);
/** Structural checks of a CII tree against the CII D16B schema. */
export const checkCiiStructure: TreeRuleSet = (root, r) => checkWith(CII_TABLE, root, r);

/** The structural check against another table (a Factur-X profile's restriction of CII). */
export const structureCheck =
  (table: SchemaTable): TreeRuleSet =>
  (root, r) =>
    checkWith(table, root, r);
