import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import type { XmlElement, XmlParseResult } from '../../src/xml/types.js';
import { sharedMaterial } from '../support/shared-material.js';

function ok(input: string | Uint8Array, options = {}): XmlElement {
  const r = parseXml(input, options);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.root;
}

function err(input: string | Uint8Array, options = {}) {
  const r: XmlParseResult = parseXml(input, options);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parseXml: structure and namespaces', () => {
  it('resolves prefixes, the default namespace and unprefixed attributes', () => {
    const root = ok(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<Invoice xmlns="urn:inv" xmlns:cbc="urn:cbc" xmlns:x="urn:x">' +
        '<cbc:ID schemeID="0088" x:flag="1">42</cbc:ID><Note/></Invoice>',
    );
    expect(root).toMatchObject({ ns: 'urn:inv', local: 'Invoice', qname: 'Invoice' });
    const [id, note] = root.children;
    expect(id).toMatchObject({ ns: 'urn:cbc', local: 'ID', qname: 'cbc:ID', text: '42' });
    expect(id!.attributes).toEqual([
      { ns: '', local: 'schemeID', qname: 'schemeID', value: '0088' },
      { ns: 'urn:x', local: 'flag', qname: 'x:flag', value: '1' },
    ]);
    expect(note).toMatchObject({ ns: 'urn:inv', local: 'Note', text: '', parent: root });
    // Namespace declarations are not attributes.
    expect(root.attributes).toEqual([]);
  });

  it('scopes declarations to their element and lets a child redeclare or undeclare', () => {
    const root = ok(
      '<a xmlns="urn:1" xmlns:p="urn:p"><p:b xmlns:p="urn:q"><c/></p:b><p:d/><e xmlns=""/></a>',
    );
    const [b, d, e] = root.children;
    expect(b!.ns).toBe('urn:q');
    expect(b!.children[0]!.ns).toBe('urn:1');
    expect(d!.ns).toBe('urn:p');
    expect(e!.ns).toBe('');
  });

  it('binds the xml prefix without a declaration', () => {
    const root = ok('<a xml:lang="fr"/>');
    expect(root.attributes[0]).toMatchObject({
      ns: 'http://www.w3.org/XML/1998/namespace',
      local: 'lang',
      value: 'fr',
    });
  });

  it('refuses an undeclared prefix on an element or an attribute', () => {
    expect(err('<a><cbc:ID>1</cbc:ID></a>')).toMatchObject({
      code: 'NAMESPACE',
      line: 1,
      column: 4,
    });
    expect(err('<a q:x="1"/>').code).toBe('NAMESPACE');
    expect(err('<a xmlns:p=""/>').code).toBe('NAMESPACE');
    expect(err('<a:b:c xmlns:a="urn:a"/>').code).toBe('NAMESPACE');
  });

  it('refuses two attributes with the same name, even through different prefixes', () => {
    expect(err('<a x="1" x="2"/>').code).toBe('MALFORMED');
    expect(err('<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>').code).toBe('NAMESPACE');
  });

  it('keeps text untrimmed and concatenates the text directly inside an element', () => {
    const root = ok('<a>  x <b>y</b> z  </a>');
    expect(root.text).toBe('  x  z  ');
    expect(root.children[0]!.text).toBe('y');
  });

  it('gives 1-based line and column of every element start', () => {
    const root = ok('<?xml version="1.0"?>\n<a>\n  <b/>\n\t<c>\n</c></a>');
    expect(root).toMatchObject({ line: 2, column: 1 });
    expect(root.children[0]).toMatchObject({ line: 3, column: 3 });
    expect(root.children[1]).toMatchObject({ line: 4, column: 2 });
  });

  it('handles a document on a single very long line in linear time', () => {
    const n = 200_000;
    const root = ok('<a>' + '<b>x</b>'.repeat(n) + '</a>');
    expect(root.children).toHaveLength(n);
    expect(root.children[n - 1]).toMatchObject({ line: 1, column: 4 + (n - 1) * 8 });
  });

  it('accepts white space before ">" in tags and around "="', () => {
    const root = ok('<a  x = "1" ><b >t</b ></a >');
    expect(root.attributes[0]!.value).toBe('1');
    expect(root.children[0]!.text).toBe('t');
  });

  it('skips comments and processing instructions, in the prolog, content and epilog', () => {
    const root = ok(
      '<?xml version="1.0"?><!-- c --><?pi x?>\n<a><!-- in -->t<?pi y?>u</a><!-- after -->\n',
    );
    expect(root.text).toBe('tu');
  });
});

describe('parseXml: the next-name guess (Name.next) never changes what is read', () => {
  const names = (root: XmlElement): string[] => {
    const out: string[] = [];
    const walk = (e: XmlElement) => {
      out.push(`${e.ns}|${e.local}|${e.qname}`);
      e.children.forEach(walk);
    };
    walk(root);
    return out;
  };

  it('reads a longer name that starts with the guessed one, and a shorter one', () => {
    // Teach the sequence a:x → a:y, then give a:yz, then a:y again, then a:yzw.
    ok('<a:x xmlns:a="urn:g1"><a:y/></a:x>');
    expect(names(ok('<a:x xmlns:a="urn:g1"><a:yz/><a:y/><a:yzw>t</a:yzw></a:x>'))).toEqual([
      'urn:g1|x|a:x',
      'urn:g1|yz|a:yz',
      'urn:g1|y|a:y',
      'urn:g1|yzw|a:yzw',
    ]);
    // The guess a:yz after a:y must not swallow a prefix of a longer name, nor an attribute.
    expect(names(ok('<a:x xmlns:a="urn:g1"><a:y/><a:yz.b/><a:y z="1"/></a:x>'))).toEqual([
      'urn:g1|x|a:x',
      'urn:g1|y|a:y',
      'urn:g1|yz.b|a:yz.b',
      'urn:g1|y|a:y',
    ]);
  });

  it('resolves a guessed name under the bindings in force, not those it was learnt under', () => {
    ok('<a:x xmlns:a="urn:g2"><a:y/></a:x>');
    // Same text, another namespace for the prefix: the guess belongs to other bindings.
    expect(names(ok('<a:x xmlns:a="urn:g3"><a:y/></a:x>'))).toEqual([
      'urn:g3|x|a:x',
      'urn:g3|y|a:y',
    ]);
    // The guessed element redeclares its own prefix.
    expect(names(ok('<a:x xmlns:a="urn:g2"><a:y xmlns:a="urn:g4"/></a:x>'))).toEqual([
      'urn:g2|x|a:x',
      'urn:g4|y|a:y',
    ]);
    // And an unbound prefix is still refused when the text matches a guess.
    ok('<a:x xmlns:a="urn:g5"><b:y xmlns:b="urn:g6"/></a:x>');
    expect(err('<a:x xmlns:a="urn:g5"><b:y/></a:x>').code).toBe('NAMESPACE');
  });
});

describe('parseXml: text, entities and CDATA', () => {
  it('resolves the predefined entities and character references', () => {
    const root = ok('<a x="&lt;&quot;&apos;&#x41;&#66;">&amp;&lt;&gt;&#233;&#x1F600;</a>');
    expect(root.attributes[0]!.value).toBe('<"\'AB');
    expect(root.text).toBe('&<>é😀');
  });

  it('keeps CDATA content literally', () => {
    expect(ok('<a>x<![CDATA[<b>&amp;]]>y</a>').text).toBe('x<b>&amp;y');
  });

  it('normalises line breaks and attribute white space as XML requires', () => {
    const root = ok('<a x="1\t2\r\n3">l1\r\nl2\rl3&#13;</a>');
    expect(root.text).toBe('l1\nl2\nl3\r');
    expect(root.attributes[0]!.value).toBe('1 2 3');
    expect(ok('<a x="&#9;&#10;"/>').attributes[0]!.value).toBe('\t\n');
  });

  it('refuses undeclared entities, bare ampersands and illegal references', () => {
    expect(err('<a>&nbsp;</a>').code).toBe('ENTITY_FORBIDDEN');
    expect(err('<a>fish & chips</a>').code).toBe('MALFORMED');
    expect(err('<a>&#0;</a>').code).toBe('MALFORMED');
    expect(err('<a>&#xD800;</a>').code).toBe('MALFORMED');
    expect(err('<a>&#xZZ;</a>').code).toBe('MALFORMED');
  });

  it('refuses "<" in attribute values, "]]>" in text and control characters', () => {
    expect(err('<a x="<"/>').code).toBe('MALFORMED');
    expect(err('<a>]]></a>').code).toBe('MALFORMED');
    // Located at the "]]>" of the text, not at the one closing a CDATA section before it.
    const after = err('<a>t<![CDATA[x]]>\ny]]>z</a>');
    expect([after.code, after.line, after.column]).toEqual(['MALFORMED', 2, 2]);
    expect(ok('<a>t]]<b>]]&gt;</b><![CDATA[]]]]><c x="]]>"/>]</a>').text).toBe('t]]]]]');
    expect(err('<a>\u0001</a>')).toMatchObject({ code: 'MALFORMED', line: 1, column: 4 });
  });
});

describe('parseXml: hostile input', () => {
  it('refuses any DOCTYPE (XXE, billion laughs) and entity declaration', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    expect(err(xxe)).toMatchObject({ code: 'DOCTYPE_FORBIDDEN', line: 1, column: 22 });
    const laughs =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(err(laughs).code).toBe('DOCTYPE_FORBIDDEN');
    expect(err('<a><!DOCTYPE a></a>').code).toBe('DOCTYPE_FORBIDDEN');
    expect(err('<!ENTITY x "y"><a/>').code).toBe('ENTITY_FORBIDDEN');
  });

  it('bounds the size and the depth', () => {
    expect(err('<a></a>', { maxBytes: 5 }).code).toBe('TOO_LARGE');
    expect(err(utf8('<a></a>'), { maxBytes: 5 }).code).toBe('TOO_LARGE');
    const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(ok(deep(10), { maxDepth: 10 })).toBeDefined();
    expect(err(deep(11), { maxDepth: 10 }).code).toBe('TOO_DEEP');
    // The default limit stops a deep tree long before the JS stack could be at risk.
    expect(err(deep(100_000)).code).toBe('TOO_DEEP');
  });

  it('recognises empty input, non-XML text and PDF bytes', () => {
    expect(err('').code).toBe('EMPTY');
    expect(err(new Uint8Array()).code).toBe('EMPTY');
    expect(err(' \n\t').code).toBe('EMPTY');
    expect(err('{"invoice": 1}').code).toBe('NOT_XML');
    expect(err('<?xml version="1.0"?><!-- only a comment -->').code).toBe('NOT_XML');
    expect(err(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj')).code).toBe('PDF_NOT_XML');
    expect(err('%PDF-1.4').code).toBe('PDF_NOT_XML');
  });

  it('reports unclosed and mismatched tags with their place', () => {
    expect(err('<a><b></a>')).toMatchObject({ code: 'MALFORMED', line: 1, column: 7 });
    expect(err('<a>\n<b>').message).toContain('<b>');
    expect(err('<a x="1"').code).toBe('MALFORMED');
    expect(err('<a x="1>').code).toBe('MALFORMED');
    expect(err('<a x=1/>').code).toBe('MALFORMED');
    expect(err('<a/><b/>').code).toBe('MALFORMED');
    expect(err('<a/>text').code).toBe('MALFORMED');
    expect(err('<a><!-- x </a>').code).toBe('MALFORMED');
    expect(err('<a><![CDATA[x</a>').code).toBe('MALFORMED');
    expect(err('<a><!-- a -- b --></a>').code).toBe('MALFORMED');
  });

  it('requires the XML declaration first and well formed', () => {
    expect(err(' <?xml version="1.0"?><a/>').code).toBe('MALFORMED');
    expect(err('<?xml encoding="UTF-8"?><a/>').code).toBe('MALFORMED');
    expect(err('<?xml version="1.0"').code).toBe('MALFORMED');
  });

  it('never throws, whatever the bytes', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const base = utf8('<a x="1"><b>t&amp;</b><![CDATA[c]]><!--k--><c/></a>');
    for (let i = 0; i < 2000; i++) {
      const bytes = base.slice(0, 1 + (rand() % base.length));
      bytes[rand() % bytes.length] = rand() % 256;
      expect(() => parseXml(bytes)).not.toThrow();
      expect(() => parseXml(new TextDecoder().decode(bytes))).not.toThrow();
    }
  });
});

describe('parseXml: encodings', () => {
  it('decodes UTF-8 with or without a BOM, and refuses invalid UTF-8 with its place', () => {
    expect(ok(utf8('<a>é</a>')).text).toBe('é');
    expect(ok(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<a>é</a>')])).text).toBe('é');
    expect(ok('\uFEFF<a/>').local).toBe('a');
    const bad = new Uint8Array([...utf8('<a>\nxy'), 0xc3, 0x28, ...utf8('</a>')]);
    expect(err(bad)).toMatchObject({ code: 'BAD_ENCODING', line: 2, column: 3 });
    // Overlong encodings and encoded surrogates are invalid too.
    expect(err(new Uint8Array([...utf8('<a>'), 0xc0, 0xaf, ...utf8('</a>')])).code).toBe(
      'BAD_ENCODING',
    );
    expect(err(new Uint8Array([...utf8('<a>'), 0xed, 0xa0, 0x80, ...utf8('</a>')])).code).toBe(
      'BAD_ENCODING',
    );
  });

  it('decodes UTF-16 with a BOM in both byte orders, and without one from "<?"', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><a>é€😀</a>';
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
      be[2 + 2 * i] = c >> 8;
      be[3 + 2 * i] = c & 0xff;
    }
    expect(ok(le).text).toBe('é€😀');
    expect(ok(be).text).toBe('é€😀');
    expect(ok(le.subarray(2)).text).toBe('é€😀');
    expect(ok(be.subarray(2)).text).toBe('é€😀');
    expect(err(utf8('<?xml version="1.0" encoding="UTF-16"?><a/>')).code).toBe('BAD_ENCODING');
  });

  it('decodes a declared ISO-8859-1 exactly (0x80–0x9F are C1 controls, not cp1252)', () => {
    const head = utf8('<?xml version="1.0" encoding="ISO-8859-1"?><a>');
    const bytes = new Uint8Array([...head, 0xe9, 0x80, 0xff, ...utf8('</a>')]);
    expect(ok(bytes).text).toBe('é\u0080ÿ');
    expect(
      ok(
        new Uint8Array([
          ...utf8("<?xml version='1.0' encoding='latin1'?><a>"),
          0xe0,
          ...utf8('</a>'),
        ]),
      ).text,
    ).toBe('à');
  });

  it('decodes windows-1252 through the platform, checks US-ASCII, refuses unknown labels', () => {
    const cp = new Uint8Array([
      ...utf8('<?xml version="1.0" encoding="windows-1252"?><a>'),
      0x80,
      ...utf8('</a>'),
    ]);
    expect(ok(cp).text).toBe('€');
    const ascii = new Uint8Array([
      ...utf8('<?xml version="1.0" encoding="US-ASCII"?><a>'),
      0xe9,
      ...utf8('</a>'),
    ]);
    expect(err(ascii).code).toBe('BAD_ENCODING');
    expect(err(utf8('<?xml version="1.0" encoding="x-klingon"?><a/>'))).toMatchObject({
      code: 'UNSUPPORTED_ENCODING',
    });
    expect(err(new Uint8Array([0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x3c])).code).toBe(
      'UNSUPPORTED_ENCODING',
    );
  });

  it('ignores the declared encoding of text that is already decoded', () => {
    expect(ok('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>').text).toBe('é');
  });

  it('refuses an unpaired surrogate in text input', () => {
    expect(err('<a>\uD800</a>').code).toBe('BAD_ENCODING');
  });
});

const conformance = join(import.meta.dirname, '../../../../../shared/conformance');
describe.runIf(sharedMaterial(conformance))('parseXml on the conformance material', () => {
  it('reads every official example, unit case and Factur-X XML sample', () => {
    const files: string[] = [];
    for (const set of ['en16931/examples', 'en16931/unit']) {
      for (const line of readFileSync(join(conformance, set, 'expected.jsonl'), 'utf8').split(
        '\n',
      )) {
        if (line.trim()) files.push(join(set, (JSON.parse(line) as { file: string }).file));
      }
    }
    for (const f of readdirSync(join(conformance, 'factur-x/xml')))
      files.push(join('factur-x/xml', f));
    expect(files.length).toBeGreaterThan(1200);
    const refused = files.filter((f) => !parseXml(readFileSync(join(conformance, f))).ok);
    expect(refused).toEqual([]);
  });

  it('recognises the Factur-X PDF as a PDF', () => {
    const pdf = readFileSync(join(conformance, 'factur-x/pdf/invoice_EN16931.pdf'));
    expect(err(pdf).code).toBe('PDF_NOT_XML');
  });
});
