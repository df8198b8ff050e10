import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/invoices/journal.js';

// The journal's canonical JSON is RFC 8785 (JCS): the same text as the reference library for
// every JSON value, so anyone can re-check a chain with a standard implementation.

describe('canonicalJson is RFC 8785', () => {
  it('gives the text of a JCS library for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    const value = {
      '\u{1F600}': 1, // a surrogate pair: sorts before U+E000…U+FFFF
      '\uFB33': 2,
      é: 3,
      z: 4,
      Z: 5,
      '10': 6,
      '1': 7,
      n: [1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 5e-324],
      s: 'tab\there "quoted" \u2028 é',
    };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe(
      '{"1":7,"10":6,"Z":5,"n":[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,5e-324],"s":"tab\\there \\"quoted\\" \u2028 é","z":4,"é":3,"\u{1F600}":1,"\uFB33":2}',
    );
  });
});
