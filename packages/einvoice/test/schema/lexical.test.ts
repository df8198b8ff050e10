import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isXsdBase64 } from '../../src/schema/lexical.js';

/** xsd:base64Binary as the regular expression used to judge it (the reference). */
function reference(s: string): boolean {
  if (!/^[A-Za-z0-9+/\t\n\r ]*(?:=[\t\n\r ]*){0,2}$/.test(s)) return false;
  const compact = s.replace(/[\t\n\r ]+/g, '');
  const n = compact.length;
  if (n % 4 !== 0) return false;
  const pads = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if (pads === 0) return true;
  const last = compact.charAt(n - pads - 1);
  return (pads === 1 ? 'AEIMQUYcgkosw048' : 'AQgw').includes(last) && last !== '';
}

/** Characters that matter: the alphabet, padding, XML white space, form feed, others. */
const char = fc.constantFrom(
  ...'AQgwBEIz09+/='.split(''),
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '-',
  '_',
  '.',
  'é',
  '€',
  '😀',
);

describe('isXsdBase64', () => {
  it('judges any string as the regular-expression reference does', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 14 }), (chars) => {
        const s = chars.join('');
        expect(isXsdBase64(s)).toBe(reference(s));
      }),
      { numRuns: 20000 },
    );
  });

  it('accepts encoded data whatever its white space, and refuses a damaged copy', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.nat(80), (bytes, cut) => {
        const b64 = Buffer.from(bytes).toString('base64');
        const wrapped = b64.replace(/(.{8})/g, '$1\n ');
        expect(isXsdBase64(b64)).toBe(true);
        expect(isXsdBase64(wrapped)).toBe(true);
        if (b64.length > 0) {
          const i = cut % b64.length;
          const damaged = b64.slice(0, i) + '*' + b64.slice(i + 1);
          expect(isXsdBase64(damaged)).toBe(false);
        }
      }),
    );
  });
});
