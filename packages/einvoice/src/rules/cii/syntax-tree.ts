/**
 * Small tree helpers for the CII syntax rules (syntax.ts): XPath string values and
 * normalize-space(), ram: child look-ups and paths, and the "at most once" / "exactly once"
 * counts most CII-SR rules are. No allocation on the common path: the walk calls them for
 * every element.
 */
import type { Reporter } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';

export const RAM = NS.ram;
export const RSM = NS.rsm;
export const UDT = NS.udt;

/** XPath string value: the text of the element and of all its descendants. */
export function stringValue(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = '';
  const walk = (e: XmlElement): void => {
    // The tree keeps direct text concatenated, not interleaved with children: for the short
    // code/identifier elements these rules read, order between text and child text is moot.
    s += e.text;
    for (const c of e.children) walk(c);
  };
  walk(el);
  return s;
}

/** XPath normalize-space(): XML whitespace trimmed and inner runs collapsed to one space. */
export function normalizeSpace(s: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += s[i];
  }
  return out;
}

export const NONE: readonly XmlElement[] = [];

/** First ram child `local` of `el`. */
export function child(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.ns === RAM && c.local === local) return c;
  return undefined;
}

export function isRam(el: XmlElement, local: string): boolean {
  return el.ns === RAM && el.local === local;
}

export function hasAttr(el: XmlElement, name: string): boolean {
  for (const a of el.attributes) if (a.ns === '' && a.local === name) return true;
  return false;
}

export function attrValue(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.ns === '' && a.local === name) return a.value;
  return undefined;
}

/** ram children of `el` named `local`, in document order. */
export function ramChildren(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.ns === RAM && c.local === local) out.push(c);
  return out;
}

/** ram elements at the relative path `steps` below `el` (every branch), in document order. */
export function ramPath(el: XmlElement, ...steps: string[]): XmlElement[] {
  let cur: XmlElement[] = [el];
  for (const step of steps) {
    const next: XmlElement[] = [];
    for (const e of cur)
      for (const c of e.children) if (c.ns === RAM && c.local === step) next.push(c);
    if (next.length === 0) return next;
    cur = next;
  }
  return cur;
}

/** True when some ram child `local` has exactly the string value `value` (XPath `=`). */
export function childEquals(el: XmlElement, local: string, value: string): boolean {
  for (const c of el.children) {
    if (c.ns === RAM && c.local === local && stringValue(c) === value) return true;
  }
  return false;
}

/** normalize-space() of the first ram child `local` ('' when there is none). */
export function firstChildNormalized(el: XmlElement, local: string): string {
  for (const c of el.children) {
    if (c.ns === RAM && c.local === local) return normalizeSpace(stringValue(c));
  }
  return '';
}

/** The second ram child `local` of `el` (allocation-free count check). */
export function secondChild(el: XmlElement, local: string): XmlElement | undefined {
  let seen = false;
  for (const c of el.children) {
    if (c.ns === RAM && c.local === local) {
      if (seen) return c;
      seen = true;
    }
  }
  return undefined;
}

/** Number of ram elements at `a/b` below `el`, and the second of them. */
export function countPath(
  el: XmlElement,
  a: string,
  b: string,
): { n: number; second?: XmlElement } {
  let n = 0;
  let second: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns !== RAM || c.local !== a) continue;
    for (const d of c.children) {
      if (d.ns === RAM && d.local === b && ++n === 2) second = d;
    }
  }
  return second ? { n, second } : { n };
}

/** `count(path) <= 1`: fires on the second occurrence. */
export function atMostOnce(r: Reporter, id: string, found: XmlElement[]): void {
  const second = found[1];
  if (second) r.fire(id, second);
}

/** `count(path) = 1`: fires on the context when missing, on the second one when repeated. */
export function exactlyOnce(r: Reporter, id: string, ctx: XmlElement, found: XmlElement[]): void {
  if (found.length === 0) r.fire(id, ctx);
  else atMostOnce(r, id, found);
}
