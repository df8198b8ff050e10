/**
 * Support of the UBL syntax rule tests: documents built around a body, the runner (every id
 * fired must be a UBL rule of the catalogue, anchored on an element), and `fires` / `silent`.
 * `seen` records every id a test of the importing file saw fire, for its coverage test.
 */
import { expect } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import type { XmlElement } from '../../src/xml/types.js';
import { checkUblSyntax } from '../../src/rules/ubl/syntax.js';
import { type CrEntry, type CrStep } from '../../src/rules/ubl/cr-table.js';
import { flagOf } from '../../src/rules/catalogue.js';
import type { Anchor } from '../../src/rules/engine.js';

const NS_DECL =
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" ' +
  'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"';

export type Root = 'Invoice' | 'CreditNote';

function doc(body: string, root: Root = 'Invoice'): string {
  const ns = `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`;
  return `<?xml version="1.0"?><${root} xmlns="${ns}" ${NS_DECL}>${body}</${root}>`;
}

interface Fired {
  id: string;
  at: XmlElement;
  params?: Record<string, string>;
}

function run(body: string, root: Root = 'Invoice'): Fired[] {
  const parsed = parseXml(doc(body, root));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const fired: Fired[] = [];
  checkUblSyntax(parsed.root, {
    fire(id: string, at: Anchor, _field?: string, params?: Record<string, string>) {
      // Every id fired must be an official UBL rule, and anchored on an element.
      expect(flagOf(id, 'UBL'), id).not.toBeNull();
      expect(at && 'qname' in at, id).toBe(true);
      const f: Fired = { id, at: at as XmlElement };
      if (params) f.params = params;
      fired.push(f);
    },
  });
  return fired;
}

export const ids = (body: string, root: Root = 'Invoice') =>
  new Set(run(body, root).map((f) => f.id));

/** Every id some test of this file saw fire. */
export const seen = new Set<string>();
export function fires(id: string, body: string, root: Root = 'Invoice'): Fired[] {
  const all = run(body, root);
  const mine = all.filter((f) => f.id === id);
  expect(mine.length, `${id} should fire on ${body}`).toBeGreaterThan(0);
  seen.add(id);
  return mine;
}
export function silent(id: string, body: string, root: Root = 'Invoice') {
  expect(ids(body, root).has(id), `${id} should not fire on ${body}`).toBe(false);
}

const el = (s: CrStep, inner = '', attr?: string) =>
  `<${s.prefix}:${s.local}${attr ? ` ${attr}="x"` : ''}>${inner || 'v'}</${s.prefix}:${s.local}>`;

/** A document holding the entry's element (with its attribute, if any) at its path. */
export function crCase(e: CrEntry, root: Root, withTarget = true): string {
  let inner = withTarget ? el(e.el, '', e.attr) : e.attr ? el(e.el) : '';
  for (const s of [...e.parent].reverse()) inner = el(s, inner);
  if (e.scope === 'L') {
    const line = root === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine';
    inner = `<cac:${line}>${inner}</cac:${line}>`;
  } else if (e.scope === '*') {
    // Anywhere: bury it a level down to show it is not tied to the root.
    inner = `<cac:AccountingSupplierParty>${inner}</cac:AccountingSupplierParty>`;
  }
  return inner;
}
