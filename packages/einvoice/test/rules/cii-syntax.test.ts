/**
 * CII syntax-binding rules (CII-SR-*, CII-DT-*) on the base invoice and on the official
 * examples (and the Factur-X samples), which must give exactly the CII- findings of the
 * official Schematron; the Schematron rule order and where findings are anchored.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Anchor } from '../../src/rules/engine.js';
import { checkCiiSyntax } from '../../src/rules/cii/syntax.js';
import {
  CONFORMANCE,
  EXAMPLE1_TEXT,
  parse,
  run,
  ids,
  ram,
  setAttr,
  removeChildren,
  at,
  base,
  totals,
} from './cii-syntax-support.js';

describe('CII syntax rules: base invoice and official examples', () => {
  it('fires nothing on the base invoice', () => {
    expect(ids(parse(EXAMPLE1_TEXT))).toEqual([]);
  });

  interface Expected {
    file: string;
    syntax: string;
    fatal: string[];
    warning: string[];
  }
  const cii = (xs: string[]): string[] => xs.filter((x) => x.startsWith('CII-')).sort();

  const examples = readFileSync(new URL('en16931/examples/expected.jsonl', CONFORMANCE), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Expected)
    .filter((e) => e.syntax === 'CII');

  it('covers the 15 official CII examples', () => {
    expect(examples).toHaveLength(15);
  });

  it.each(examples.map((e) => [e.file, e] as const))(
    'gives exactly the official CII- findings on %s',
    (file, e) => {
      const root = parse(readFileSync(new URL(`en16931/examples/${file}`, CONFORMANCE), 'utf8'));
      expect(ids(root)).toEqual([...cii(e.warning), ...cii(e.fatal)].sort());
    },
  );

  const facturx = readFileSync(new URL('factur-x/expected.jsonl', CONFORMANCE), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Expected)
    .filter((e) => e.syntax === 'CII' && e.file.startsWith('xml/'));

  it.each(facturx.map((e) => [e.file, e] as const))(
    'gives exactly the official CII- findings on Factur-X %s',
    (file, e) => {
      const root = parse(readFileSync(new URL(`factur-x/${file}`, CONFORMANCE), 'utf8'));
      expect(ids(root)).toEqual([...cii(e.warning), ...cii(e.fatal)].sort());
    },
  );
});

describe('CII syntax rules: Schematron rule order', () => {
  it('never fires CII-DT-010..012: the generic TypeCode rule claims the document type code', () => {
    const b = base();
    const code = at(b.doc, 'TypeCode');
    setAttr(code, 'listID', 'UNCL1001');
    setAttr(code, 'listAgencyID', '6');
    setAttr(code, 'listVersionID', 'D16B');
    expect(ids(b.root)).toEqual([]);
    setAttr(code, 'name', 'Invoice');
    expect(ids(b.root)).toEqual(['CII-DT-008']);
  });

  it('judges the four own identifiers by CII-DT-001..007 only', () => {
    const b = base();
    setAttr(at(b.docctx, 'GuidelineSpecifiedDocumentContextParameter', 'ID'), 'schemeName', 'x');
    setAttr(at(b.linedoc, 'LineID'), 'schemeURI', 'x');
    setAttr(at(b.product, 'SellerAssignedID'), 'schemeID', 'x');
    expect(ids(b.root)).toEqual(['CII-DT-001', 'CII-DT-004', 'CII-DT-005']);
  });
});

describe('CII syntax rules: anchors', () => {
  it('anchors a missing element on its context', () => {
    const b = base();
    removeChildren(b.doc, 'TypeCode');
    const f = run(b.root).find((x) => x.id === 'CII-SR-014');
    expect(f?.at).toBe(b.doc);
  });

  it('anchors a repeated element on the second occurrence', () => {
    const b = base();
    const second = ram(b.hset, 'PaymentReference', 'again');
    const f = run(b.root).find((x) => x.id === 'CII-SR-469');
    expect(f?.at).toBe(second);
  });

  it('anchors a forbidden attribute on its element and quotes it', () => {
    const b = base();
    const amount = at(b.summ, 'LineTotalAmount');
    setAttr(amount, 'currencyID', 'EUR');
    const found: { at: Anchor; params?: Record<string, string> }[] = [];
    checkCiiSyntax(b.root, {
      fire(id, a, _field, params) {
        if (id === 'CII-DT-031') found.push({ at: a, params });
      },
    });
    expect(found).toEqual([{ at: amount, params: { attribute: 'currencyID' } }]);
  });
});

describe('CII syntax rules: each document total at most once (CII-SR-477..494)', () => {
  it('fires on the second of each repeated total, in the rule order, once per total', () => {
    const b = base();
    totals(b, 'DuePayableAmount', 3); // CII-SR-487, appended last
    totals(b, 'LineTotalAmount', 2); // CII-SR-477
    const fired = run(b.root).filter((f) => /^CII-SR-4(7[7-9]|8[0-9]|9[0-4])$/.test(f.id));
    const second = (local: string) => b.summ.children.filter((c) => c.local === local)[1];
    expect(fired.map((f) => f.id)).toEqual(['CII-SR-477', 'CII-SR-487']);
    expect(fired[0]!.at).toBe(second('LineTotalAmount'));
    expect(fired[1]!.at).toBe(second('DuePayableAmount'));
  });
});
