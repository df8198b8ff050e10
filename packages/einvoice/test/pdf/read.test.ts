import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AFRelationship } from 'pdf-lib';
import { readPdf } from '../../src/pdf/read.js';
import type { PdfReadResult } from '../../src/pdf/read-types.js';
import { validate } from '../../src/validate.js';
import { inflateBounded } from '../../src/pdf/read-prescan.js';
import { profileFromGuideline, profileFromXmp } from '../../src/pdf/read-profile.js';
import {
  CONFORMANCE,
  SAMPLE_PDF,
  deflate,
  makeAttachmentBomb,
  makeEncrypted,
  makeHybrid,
  makeJavaScript,
  makeLaunch,
  makeManyObjects,
  makeObjectStreamBomb,
  makePlain,
  makeRaw,
  makeXrefCountBomb,
  sampleXml,
  zeroBomb,
} from './read-fixtures.js';

function codes(r: PdfReadResult): string[] {
  return r.problems.map((p) => p.code);
}

function hybrid(r: PdfReadResult): Extract<PdfReadResult, { kind: 'hybrid' }> {
  if (r.kind !== 'hybrid') throw new Error(`expected a hybrid, got ${r.kind}: ${codes(r).join()}`);
  return r;
}

/** Runs `fn`, returning its result, the time it took and how much the heap (JS objects and
 * array buffers) grew: a bomb inflated in full would show hundreds of MB here. */
async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; grewMiB: number }> {
  const mem = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = mem();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, mem())), 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, mem());
    return { value, ms: performance.now() - t0, grewMiB: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

describe('readPdf on the official Factur-X sample', () => {
  it('finds factur-x.xml, profile EN 16931 from BT-24 and XMP, and the XML validates as expected', async () => {
    const r = hybrid(await readPdf(new Uint8Array(readFileSync(SAMPLE_PDF))));
    expect(r.filename).toBe('factur-x.xml');
    expect(r.profile).toBe('EN 16931');
    expect(r.xmpProfile).toBe('EN 16931');
    expect(codes(r)).not.toContain('PROFILE_MISMATCH');
    // The sample's /Creator says "Python" where its XMP says "python": a real (minor) defect.
    expect(codes(r)).toEqual(['XMP_INFO_MISMATCH']);
    expect(r.problems[0]!.flag).toBe('warning');
    // Extracted bytes: a complete CII document (cross-checked by hand with qpdf/pdfdetach:
    // 41,914 bytes, identical), judged exactly as the official verdict for this PDF says.
    expect(r.xml.length).toBe(41_914);
    const text = new TextDecoder().decode(r.xml);
    expect(text.startsWith("<?xml version='1.0' encoding='UTF-8'?>")).toBe(true);
    expect(text.trimEnd().endsWith('</rsm:CrossIndustryInvoice>')).toBe(true);
    const expected = readFileSync(join(CONFORMANCE, 'factur-x/expected.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as { file: string; valid: boolean; fatal: string[]; warning: string[] },
      )
      .find((v) => v.file === 'pdf/invoice_EN16931.pdf')!;
    const report = validate(r.xml);
    expect(report.syntax).toBe('CII');
    expect(report.valid).toBe(expected.valid);
    expect(report.fatal).toEqual(expected.fatal);
    expect(report.warning).toEqual(expected.warning);
  });
});

describe('readPdf on PDFs we build', () => {
  it('a clean hybrid: XML bytes identical to what was embedded, no problem at all', async () => {
    const xml = sampleXml();
    const r = hybrid(await readPdf(await makeHybrid({ xml })));
    expect(Buffer.from(r.xml).equals(Buffer.from(xml))).toBe(true);
    expect(r.filename).toBe('factur-x.xml');
    expect(r.profile).toBe('EN 16931');
    expect(r.xmpProfile).toBe('EN 16931');
    expect(r.problems).toEqual([]);
  });

  it('also without object streams (classic xref table)', async () => {
    const r = hybrid(await readPdf(await makeHybrid({ useObjectStreams: false })));
    expect(r.problems).toEqual([]);
  });

  it('a PDF without attachment is plain, not an error', async () => {
    const r = await readPdf(await makePlain());
    expect(r.kind).toBe('plain');
    // Not being a PDF/A is no problem for a plain deposit: only unsafe content is reported.
    expect(r.problems).toEqual([]);
  });

  it('reports a profile declared in the XMP that disagrees with BT-24', async () => {
    const r = hybrid(
      await readPdf(
        await makeHybrid({
          xmp: {
            fx: {
              documentType: 'INVOICE',
              documentFileName: 'factur-x.xml',
              version: '1.0',
              conformanceLevel: 'BASIC',
            },
          },
        }),
      ),
    );
    expect(r.profile).toBe('EN 16931');
    expect(r.xmpProfile).toBe('BASIC');
    const p = r.problems.find((q) => q.code === 'PROFILE_MISMATCH')!;
    expect(p.flag).toBe('warning');
    expect(p.message.en).toContain('BASIC');
    expect(p.message.en).toContain('EN 16931');
    expect(p.message.fr).toContain('fx:ConformanceLevel');
  });

  it('reads the profile of each Factur-X level from the XML', async () => {
    const levels: [string, string][] = [
      ['factur-x-minimum.xml', 'MINIMUM'],
      ['factur-x-basicwl.xml', 'BASIC WL'],
      ['factur-x-basic.xml', 'BASIC'],
      ['factur-x-extended.xml', 'EXTENDED'],
    ];
    for (const [file, level] of levels) {
      const xml = new Uint8Array(readFileSync(join(CONFORMANCE, 'factur-x/xml', file)));
      const r = hybrid(
        await readPdf(
          await makeHybrid({
            xml,
            xmp: {
              fx: {
                documentType: 'INVOICE',
                documentFileName: 'factur-x.xml',
                version: '1.0',
                conformanceLevel: level,
              },
            },
          }),
        ),
      );
      expect([file, r.profile, r.xmpProfile, codes(r)]).toEqual([file, level, level, []]);
    }
  });

  it('reports a wrong XMP file name and an XMP level that is no Factur-X level', async () => {
    const r = hybrid(
      await readPdf(
        await makeHybrid({
          xmp: {
            fx: {
              documentType: 'INVOICE',
              documentFileName: 'invoice.xml',
              version: '1.0',
              conformanceLevel: 'PLATINUM',
            },
          },
        }),
      ),
    );
    expect(r.xmpProfile).toBeNull();
    expect(codes(r)).toEqual(expect.arrayContaining(['FILENAME_MISMATCH', 'XMP_PROFILE_UNKNOWN']));
  });

  it('reports missing Factur-X XMP properties and extension schema', async () => {
    const r = hybrid(
      await readPdf(await makeHybrid({ xmp: { fx: null, extensionSchema: false } })),
    );
    expect(r.xmpProfile).toBeNull();
    expect(codes(r)).toEqual(expect.arrayContaining(['FX_SCHEMA_MISSING', 'FX_PROPERTY_MISSING']));
    expect(r.problems.filter((p) => p.code === 'FX_PROPERTY_MISSING')).toHaveLength(4);
  });

  it('reports a missing /AFRelationship, and a relationship Factur-X does not allow', async () => {
    const missing = hybrid(await readPdf(await makeHybrid({ relationship: null })));
    expect(codes(missing)).toEqual(['AF_RELATIONSHIP_MISSING']);
    expect(missing.problems[0]!.message.en).toContain('factur-x.xml');
    const wrong = hybrid(
      await readPdf(await makeHybrid({ relationship: AFRelationship.Supplement })),
    );
    expect(codes(wrong)).toEqual(['AF_RELATIONSHIP_WRONG']);
    for (const ok of [AFRelationship.Alternative, AFRelationship.Source]) {
      const r = hybrid(await readPdf(await makeHybrid({ relationship: ok })));
      expect(codes(r)).toEqual([]);
    }
  });

  it('reports a missing or non-XML MIME type', async () => {
    const missing = hybrid(await readPdf(await makeHybrid({ mimeType: null })));
    expect(codes(missing)).toEqual(['MIME_TYPE_MISSING']);
    const wrong = hybrid(await readPdf(await makeHybrid({ mimeType: 'application/pdf' })));
    expect(codes(wrong)).toEqual(['MIME_TYPE_WRONG']);
    const appXml = hybrid(await readPdf(await makeHybrid({ mimeType: 'application/xml' })));
    expect(codes(appXml)).toEqual([]);
  });

  it('finds an XML attachment under another name by its MIME type, and says the name is unusual', async () => {
    const r = hybrid(
      await readPdf(
        await makeHybrid({
          fileName: 'invoice-2026-001.xml',
          xmp: {
            fx: {
              documentType: 'INVOICE',
              documentFileName: 'invoice-2026-001.xml',
              version: '1.0',
              conformanceLevel: 'EN 16931',
            },
          },
        }),
      ),
    );
    expect(r.filename).toBe('invoice-2026-001.xml');
    expect(codes(r)).toEqual(['FILENAME_UNUSUAL']);
  });

  it('a PDF that is not PDF/A-3: every missing clause is reported, the invoice still read', async () => {
    const r = hybrid(
      await readPdf(
        await makeHybrid({ xmp: { part: '1' }, outputIntent: false, standardFontText: true }),
      ),
    );
    expect(r.profile).toBe('EN 16931');
    expect(codes(r)).toEqual(
      expect.arrayContaining(['PDFA_PART_NOT_3', 'OUTPUT_INTENT_MISSING', 'FONT_NOT_EMBEDDED']),
    );
    expect(r.problems.every((p) => p.flag === 'warning')).toBe(true);
  });

  it('an embedded XML that is not XML: hybrid with a fatal problem and no profile', async () => {
    const r = hybrid(
      await readPdf(
        await makeHybrid({ xml: new TextEncoder().encode('<Invoice><oops></Invoice>') }),
      ),
    );
    expect(r.profile).toBeNull();
    const p = r.problems.find((q) => q.code === 'XML_UNREADABLE')!;
    expect(p.flag).toBe('fatal');
  });
});

describe('readPdf on hostile input: clear problems, bounded time and memory, never a throw', () => {
  it('not a PDF, empty', async () => {
    expect(codes(await readPdf(new TextEncoder().encode('hello, world')))).toEqual(['NOT_A_PDF']);
    expect(codes(await readPdf(new Uint8Array(0)))).toEqual(['PDF_EMPTY']);
    const r = await readPdf(new TextEncoder().encode('%PDF-1.7\n garbage \nstartxref\n0\n%%EOF'));
    expect(r.kind).toBe('unreadable');
    expect(codes(r)).toEqual(['PDF_MALFORMED']);
  });

  it('encrypted, with a classic trailer or a cross-reference stream', async () => {
    for (const xrefStream of [false, true]) {
      const r = await readPdf(await makeEncrypted(xrefStream));
      expect(r.kind).toBe('unreadable');
      expect(codes(r)).toEqual(['PDF_ENCRYPTED']);
      expect(r.problems[0]!.message.fr).toContain('mot de passe');
    }
  });

  it('truncated at every tenth of its length', async () => {
    const whole = await makeHybrid();
    for (let k = 1; k < 10; k++) {
      const r = await readPdf(whole.slice(0, Math.floor((whole.length * k) / 10)));
      expect(r.kind).toBe('unreadable');
      expect(codes(r)).toEqual(['PDF_TRUNCATED']);
    }
  });

  it('cut short after an earlier %%EOF (an update or a linearized file): truncated; a little trailing garbage is fine', async () => {
    const whole = await makeHybrid();
    const withTail = (tail: Uint8Array): Uint8Array => {
      const out = new Uint8Array(whole.length + tail.length);
      out.set(whole);
      out.set(tail, whole.length);
      return out;
    };
    // An incremental update cut in its middle: 20 KB of objects and no final %%EOF.
    const update = new TextEncoder().encode('99 0 obj\n<< /Filler (x) >>\nendobj\n'.repeat(700));
    expect(codes(await readPdf(withTail(update)))).toEqual(['PDF_TRUNCATED']);
    const r = await readPdf(withTail(new Uint8Array(512)));
    expect(r.kind).toBe('hybrid');
  });

  it('an attachment bomb (512 MiB of zeros in 500 KB) is refused fast, without inflating it', async () => {
    const pdf = await makeAttachmentBomb(512);
    expect(pdf.length).toBeLessThan(1_000_000);
    const { value, ms, grewMiB } = await measured(() => readPdf(pdf));
    expect(value.kind).toBe('unreadable');
    expect(codes(value)).toEqual(['ATTACHMENT_TOO_LARGE']);
    expect(value.problems[0]!.message.en).toContain('factur-x.xml');
    expect(ms).toBeLessThan(5_000);
    expect(grewMiB).toBeLessThan(120);
  });

  it('an object stream bomb (pdf-lib would inflate it at load) is refused before parsing', async () => {
    const pdf = makeObjectStreamBomb(512);
    const { value, ms, grewMiB } = await measured(() => readPdf(pdf));
    expect(codes(value)).toEqual(['PDF_STREAM_TOO_LARGE']);
    expect(ms).toBeLessThan(5_000);
    expect(grewMiB).toBeLessThan(120);
  });

  it('an object stream announcing millions of objects', async () => {
    const r = await readPdf(makeObjectStreamBomb(1, 5_000_000));
    expect(codes(r)).toEqual(['PDF_TOO_MANY_OBJECTS']);
  });

  it('a tiny cross-reference stream announcing 300 million entries', async () => {
    const { value, ms } = await measured(() => readPdf(makeXrefCountBomb(300_000_000)));
    expect(codes(value)).toEqual(['PDF_TOO_MANY_OBJECTS']);
    expect(ms).toBeLessThan(5_000);
  });

  it('a body with an absurd number of objects is refused without parsing them', async () => {
    const pdf = makeManyObjects(120_000);
    const { value, ms } = await measured(() => readPdf(pdf));
    expect(codes(value)).toEqual(['PDF_TOO_MANY_OBJECTS']);
    expect(ms).toBeLessThan(5_000);
  });

  it('JavaScript run at opening: a fatal problem naming where it is', async () => {
    const r = await readPdf(await makeJavaScript());
    expect(r.kind).toBe('plain');
    expect(codes(r)).toEqual(['PDF_JAVASCRIPT']);
    expect(r.problems[0]!.flag).toBe('fatal');
    expect(r.problems[0]!.message.en).toContain('/OpenAction');
  });

  it('a launch action', async () => {
    const r = await readPdf(await makeLaunch());
    expect(codes(r)).toEqual(['PDF_FORBIDDEN_ACTION']);
    expect(r.problems[0]!.message.en).toContain('/Launch');
  });
});

describe('readPdf on malformed structure: never throws, never loops', () => {
  it('a cyclic page tree, a cyclic name tree, no page tree, a root that is no catalog', async () => {
    const pages = '<< /Type /Pages /Kids [] /Count 0 >>';
    const cases = [
      ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>'],
      [
        '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>',
        pages,
        '<< /Kids [3 0 R] >>',
      ],
      ['<< /Type /Catalog >>'],
      ['<< /Type /Foo >>'],
    ];
    for (const objects of cases) {
      const t0 = performance.now();
      const r = await readPdf(makeRaw(objects));
      expect(r.kind).toBe('plain');
      expect(performance.now() - t0).toBeLessThan(3_000);
    }
  });

  it('arrays nested 200,000 deep', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const deep = `<< /Type /Catalog /X ${'['.repeat(200_000)}${']'.repeat(200_000)} >>`;
      const r = await readPdf(makeRaw([deep]));
      expect(r.kind).toBe('unreadable');
      expect(codes(r)).toEqual(['PDF_MALFORMED']);
    } finally {
      warn.mockRestore();
    }
  });

  it('300 randomly damaged copies of a hybrid: a result every time, each in bounded time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const base = await makeHybrid();
      let seed = 20261124;
      const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const kinds = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const b = base.slice();
        const n = 1 + Math.floor(rnd() * 20);
        for (let j = 0; j < n; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
        const t0 = performance.now();
        const r = await readPdf(b);
        expect(performance.now() - t0).toBeLessThan(3_000);
        expect(r.problems.every((p) => p.code && p.message.fr && p.message.en)).toBe(true);
        kinds.add(r.kind);
      }
      expect([...kinds].sort()).toEqual(['hybrid', 'plain', 'unreadable']);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('helpers', () => {
  it('inflateBounded keeps small data, stops a bomb at the limit, reports corrupt data', () => {
    const data = new TextEncoder().encode('x'.repeat(10_000));
    const ok = inflateBounded(deflate(data), 1_000_000);
    expect(ok.ok && Buffer.from(ok.bytes).equals(Buffer.from(data))).toBe(true);
    const bomb = inflateBounded(zeroBomb(64), 1024 * 1024);
    expect(bomb).toMatchObject({ ok: false, reason: 'too-large' });
    const exact = inflateBounded(zeroBomb(2), 2 * 1024 * 1024, false);
    expect(exact).toMatchObject({ ok: true, size: 2 * 1024 * 1024 });
    expect(inflateBounded(new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff]), 100)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
  });

  it('profiles from BT-24 and from fx:ConformanceLevel', () => {
    expect(profileFromGuideline('urn:cen.eu:en16931:2017')).toBe('EN 16931');
    expect(profileFromGuideline('urn:factur-x.eu:1p0:basicwl')).toBe('BASIC WL');
    expect(
      profileFromGuideline(
        'urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr',
      ),
    ).toBe('EXTENDED-CTC-FR');
    expect(
      profileFromGuideline('urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0'),
    ).toBe('XRECHNUNG');
    expect(profileFromGuideline('urn:order-x.eu:1p0:basic')).toBeNull();
    expect(profileFromXmp('en 16931')).toBe('EN 16931');
    expect(profileFromXmp('BASIC WL')).toBe('BASIC WL');
    expect(profileFromXmp('GOLD')).toBeNull();
  });
});
