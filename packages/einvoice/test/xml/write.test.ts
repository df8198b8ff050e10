import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { XmlBuilder, escapeAttr, escapeText } from '../../src/xml/write.js';

describe('escapeText / escapeAttr', () => {
  it('escapes markup characters', () => {
    expect(escapeText('a < b & c > d ]]>')).toBe('a &lt; b &amp; c &gt; d ]]&gt;');
    expect(escapeAttr('"x" & <y>')).toBe('&quot;x&quot; &amp; &lt;y&gt;');
    expect(escapeText('plain')).toBe('plain');
  });

  it('writes line breaks and tabs as references where a parser would normalise them', () => {
    expect(escapeText('a\r\nb\tc')).toBe('a&#13;\nb\tc');
    expect(escapeAttr('a\r\nb\tc')).toBe('a&#13;&#10;b&#9;c');
  });

  it('drops characters XML cannot carry', () => {
    expect(escapeText('a\u0000b\u001Fc\uFFFEd\uD800e')).toBe('abcde');
    expect(escapeAttr('\u0001x')).toBe('x');
    expect(escapeText('😀')).toBe('😀');
  });
});

describe('XmlBuilder', () => {
  it('writes an indented document with namespace declarations on the root', () => {
    const b = new XmlBuilder('Invoice', { '': 'urn:inv', cbc: 'urn:cbc', cac: 'urn:cac' });
    b.leaf('cbc:ID', 'F-1');
    b.leaf('cbc:Note', undefined);
    b.leaf('cbc:Empty', '');
    b.start('cac:Party').leaf('cbc:Name', 'A & B', { lang: 'fr', skipped: undefined }).close();
    b.group('cac:Nothing', undefined, () => b.leaf('cbc:X', undefined));
    b.group('cac:Something', { n: '1' }, () => b.leaf('cbc:X', 'x'));
    expect(b.finish()).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Invoice xmlns="urn:inv" xmlns:cbc="urn:cbc" xmlns:cac="urn:cac">',
        '  <cbc:ID>F-1</cbc:ID>',
        '  <cbc:Empty/>',
        '  <cac:Party>',
        '    <cbc:Name lang="fr">A &amp; B</cbc:Name>',
        '  </cac:Party>',
        '  <cac:Something n="1">',
        '    <cbc:X>x</cbc:X>',
        '  </cac:Something>',
        '</Invoice>',
        '',
      ].join('\n'),
    );
  });

  it('can write compactly and without a declaration', () => {
    const b = new XmlBuilder('a', {}, { indent: '', declaration: false });
    b.start('b').leaf('c', '1').close();
    expect(b.finish()).toBe('<a><b><c>1</c></b></a>');
  });

  it('gives back exactly the strings written, whatever they hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (text, value) => {
        const b = new XmlBuilder('r', { p: 'urn:p' });
        b.leaf('p:e', text, { a: value });
        const parsed = parseXml(b.finish());
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const e = parsed.root.children[0]!;
        const strip = (s: string) =>
          // eslint-disable-next-line no-control-regex
          s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(e.ns).toBe('urn:p');
        expect(e.text).toBe(
          strip(text).replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) =>
            isPaired(s, i) ? c : '',
          ),
        );
        expect(e.attributes[0]!.value).toBe(
          strip(value).replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) =>
            isPaired(s, i) ? c : '',
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});

/** True when the surrogate at i is half of a valid pair. */
function isPaired(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = s.charCodeAt(i + 1);
    return n >= 0xdc00 && n <= 0xdfff;
  }
  const p = s.charCodeAt(i - 1);
  return p >= 0xd800 && p <= 0xdbff;
}
