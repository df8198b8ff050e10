/**
 * The per-tree memo (xml/tree-memo.ts): remembered on the root, for that root only, invisible
 * to copies and comparisons, and harmless on a frozen tree.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { treeMemo } from '../../src/xml/tree-memo.js';
import type { XmlElement } from '../../src/xml/types.js';

const tree = (): XmlElement => {
  const r = parseXml('<a><b>1</b></a>');
  if (!r.ok) throw new Error('not parsed');
  return r.root;
};

describe('treeMemo', () => {
  it('answers for the root it was given, and only for it', () => {
    const memo = treeMemo<string>();
    const other = treeMemo<string>();
    const a = tree();
    const b = tree();
    memo.set(a, 'index of a');
    expect([memo.get(a), memo.get(b), other.get(a)]).toEqual(['index of a', undefined, undefined]);
    memo.set(a, 'again');
    expect(memo.get(a)).toBe('again');
  });

  it('is not seen by a spread copy, JSON or a deep comparison', () => {
    const memo = treeMemo<number[]>();
    const a = tree();
    const before = JSON.stringify(a, (k, v: unknown) => (k === 'parent' ? undefined : v));
    memo.set(a, [1, 2]);
    expect(memo.get({ ...a })).toBeUndefined();
    expect(JSON.stringify(a, (k, v: unknown) => (k === 'parent' ? undefined : v))).toBe(before);
    expect(a).toEqual(tree());
  });

  it('remembers nothing on a frozen root, without throwing', () => {
    const memo = treeMemo<string>();
    const a = Object.freeze(tree());
    expect(() => memo.set(a, 'x')).not.toThrow();
    expect(memo.get(a)).toBeUndefined();
  });
});
