/**
 * Small, allocation-light helpers to walk the XML tree (xml/types.ts). Readers and syntax
 * rules share them; they match on (namespace URI, local name), never on prefixes.
 */
import type { XmlElement } from './types.js';

/** First child element with that name, or undefined. */
export function child(
  el: XmlElement | undefined,
  ns: string,
  local: string,
): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

/** Every child element with that name, in document order. */
export function children(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.local === local && c.ns === ns) out.push(c);
  return out;
}

/** Number of child elements with that name. */
export function count(el: XmlElement | undefined, ns: string, local: string): number {
  if (!el) return 0;
  let n = 0;
  for (const c of el.children) if (c.local === local && c.ns === ns) n++;
  return n;
}

/** Follows a path of (ns, local) steps, first match at each step. */
export function descend(
  el: XmlElement | undefined,
  ...steps: [ns: string, local: string][]
): XmlElement | undefined {
  let cur = el;
  for (const [ns, local] of steps) {
    cur = child(cur, ns, local);
    if (!cur) return undefined;
  }
  return cur;
}

/** Value of an attribute by local name (unprefixed attributes), or undefined. */
export function attr(el: XmlElement | undefined, local: string, ns = ''): string | undefined {
  if (!el) return undefined;
  for (const a of el.attributes) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

/** Text of the first child with that name, or undefined when there is no such child. */
export function childText(
  el: XmlElement | undefined,
  ns: string,
  local: string,
): string | undefined {
  return child(el, ns, local)?.text;
}

/**
 * Location path of an element for messages, with positions where a name repeats among its
 * siblings: /Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount. Computed on demand only.
 */
export function pathOf(el: XmlElement): string {
  const steps: string[] = [];
  for (let cur: XmlElement | null = el; cur; cur = cur.parent) {
    const parent: XmlElement | null = cur.parent;
    let step = cur.qname;
    if (parent) {
      let index = 0;
      let total = 0;
      for (const sib of parent.children) {
        if (sib.local === cur.local && sib.ns === cur.ns) {
          total++;
          if (sib === cur) index = total;
        }
      }
      if (total > 1) step += `[${index}]`;
    }
    steps.push(step);
  }
  return '/' + steps.reverse().join('/');
}
