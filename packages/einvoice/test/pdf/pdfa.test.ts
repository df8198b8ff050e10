import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { checkPdfA, type PdfACheck } from '../../src/pdf/check-pdfa.js';
import {
  SAMPLE_PDF,
  makeEncrypted,
  makeHybrid,
  makeJavaScript,
  makeLaunch,
  makePlain,
  sampleXml,
} from './read-fixtures.js';

function codes(c: PdfACheck): string[] {
  return c.problems.map((p) => p.code);
}

/** Loads a PDF built by the fixtures, lets `edit` change it, saves it again. */
async function edited(
  bytes: Uint8Array,
  edit: (doc: PDFDocument) => void | Promise<void>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  await edit(doc);
  return doc.save();
}

describe('checkPdfA: a file that satisfies every clause', () => {
  it('passes with no problem', async () => {
    const c = await checkPdfA(await makeHybrid());
    expect(c).toEqual({ ok: true, problems: [] });
  });

  it('the official sample: only its /Creator vs xmp:CreatorTool case difference', async () => {
    const c = await checkPdfA(new Uint8Array(readFileSync(SAMPLE_PDF)));
    expect(c.ok).toBe(false);
    expect(codes(c)).toEqual(['XMP_INFO_MISMATCH']);
    expect(c.problems[0]!.message.en).toContain('/Creator');
    expect(c.problems[0]!.message.en).toContain('xmp:CreatorTool');
  });
});

describe('checkPdfA: each clause', () => {
  it('encryption', async () => {
    expect(codes(await checkPdfA(await makeEncrypted()))).toEqual(['PDF_ENCRYPTED']);
  });

  it('JavaScript and launch actions are fatal', async () => {
    const js = await checkPdfA(await makeJavaScript());
    expect(codes(js)).toContain('PDF_JAVASCRIPT');
    expect(js.problems.find((p) => p.code === 'PDF_JAVASCRIPT')!.flag).toBe('fatal');
    const launch = await checkPdfA(await makeLaunch());
    expect(codes(launch)).toContain('PDF_FORBIDDEN_ACTION');
  });

  it('document-level JavaScript in the /Names tree', async () => {
    const bytes = await edited(await makeHybrid(), (doc) => {
      const names = doc.catalog.lookup(PDFName.of('Names')) as ReturnType<typeof doc.context.obj>;
      const action = doc.context.register(
        doc.context.obj({ S: 'JavaScript', JS: PDFString.of('this.print()') }),
      );
      (names as unknown as { set: (k: PDFName, v: unknown) => void }).set(
        PDFName.of('JavaScript'),
        doc.context.obj({ Names: [PDFString.of('x'), action] }),
      );
    });
    const c = await checkPdfA(bytes);
    expect(codes(c)).toEqual(['PDF_JAVASCRIPT', 'PDF_JAVASCRIPT']);
    expect(c.problems.map((p) => p.message.en).join()).toContain('/Names /JavaScript');
  });

  it('allowed actions (GoTo, URI) are not reported', async () => {
    const bytes = await edited(await makeHybrid(), (doc) => {
      doc.catalog.set(
        PDFName.of('OpenAction'),
        doc.context.obj({ S: 'URI', URI: PDFString.of('https://example.org') }),
      );
    });
    expect(codes(await checkPdfA(bytes))).toEqual([]);
  });

  it('a font that is not embedded, and one that is', async () => {
    const c = await checkPdfA(await makeHybrid({ standardFontText: true }));
    expect(codes(c)).toEqual(['FONT_NOT_EMBEDDED']);
    expect(c.problems[0]!.message.en).toContain('Helvetica');
    const embedded = await edited(await makeHybrid(), (doc) => {
      const file = doc.context.register(doc.context.stream(new Uint8Array(16), {}));
      const fd = doc.context.obj({ Type: 'FontDescriptor', FontName: 'Sans', FontFile2: file });
      const font = doc.context.obj({
        Type: 'Font',
        Subtype: 'TrueType',
        BaseFont: 'Sans',
        FontDescriptor: doc.context.register(fd),
      });
      doc
        .getPages()[0]!
        .node.set(
          PDFName.of('Resources'),
          doc.context.obj({ Font: { F1: doc.context.register(font) } }),
        );
    });
    expect(codes(await checkPdfA(embedded))).toEqual([]);
  });

  it('output intent: missing, and without its ICC profile', async () => {
    expect(codes(await checkPdfA(await makeHybrid({ outputIntent: false })))).toEqual([
      'OUTPUT_INTENT_MISSING',
    ]);
    const noIcc = await edited(await makeHybrid({ outputIntent: false }), (doc) => {
      doc.catalog.set(
        PDFName.of('OutputIntents'),
        doc.context.obj([{ Type: 'OutputIntent', S: 'GTS_PDFA1' }]),
      );
    });
    expect(codes(await checkPdfA(noIcc))).toEqual(['OUTPUT_INTENT_NO_ICC']);
  });

  it('XMP: missing, unreadable, not PDF/A, another part, bad conformance level', async () => {
    expect(codes(await checkPdfA(await makeHybrid({ xmp: null })))).toEqual(['XMP_MISSING']);
    const broken = await edited(await makeHybrid(), (doc) => {
      const meta = doc.context.stream(new TextEncoder().encode('<x:xmpmeta'), {
        Type: 'Metadata',
        Subtype: 'XML',
      });
      doc.catalog.set(PDFName.of('Metadata'), doc.context.register(meta));
    });
    expect(codes(await checkPdfA(broken))).toEqual(['XMP_UNREADABLE']);
    expect(codes(await checkPdfA(await makeHybrid({ xmp: { part: null } })))).toEqual([
      'PDFA_NOT_DECLARED',
    ]);
    expect(codes(await checkPdfA(await makeHybrid({ xmp: { part: '2' } })))).toEqual([
      'PDFA_PART_NOT_3',
    ]);
    expect(codes(await checkPdfA(await makeHybrid({ xmp: { conformance: 'Z' } })))).toEqual([
      'PDFA_CONFORMANCE_INVALID',
    ]);
  });

  it('XMP and the Info dictionary must agree: title, creator tool, dates as instants', async () => {
    const title = await checkPdfA(await makeHybrid({ info: { title: 'Facture F-2' } }));
    expect(codes(title)).toEqual(['XMP_INFO_MISMATCH']);
    expect(title.problems[0]!.message.fr).toContain('Facture F-2');
    const creator = await checkPdfA(await makeHybrid({ xmp: { creator: 'Another tool' } }));
    expect(codes(creator)).toEqual(['XMP_INFO_MISMATCH']);
    // 10:00+01:00 in the XMP is 09:00Z in the Info dictionary: the same instant.
    expect(
      codes(await checkPdfA(await makeHybrid({ xmp: { createDate: '2026-01-31T09:00:00Z' } }))),
    ).toEqual([]);
    const date = await checkPdfA(
      await makeHybrid({ xmp: { createDate: '2026-01-31T11:00:00+01:00' } }),
    );
    expect(codes(date)).toEqual(['XMP_INFO_MISMATCH']);
    expect(date.problems[0]!.message.en).toContain('CreationDate');
    // An XMP date to the minute agrees with an Info date to the second.
    expect(
      codes(await checkPdfA(await makeHybrid({ xmp: { createDate: '2026-01-31T10:00+01:00' } }))),
    ).toEqual([]);
  });

  it('associated files: /AF, relationship, MIME type, /Params, /F and /UF', async () => {
    const notAssociated = await edited(await makeHybrid(), (doc) => {
      doc.catalog.delete(PDFName.of('AF'));
    });
    expect(codes(await checkPdfA(notAssociated))).toEqual(['AF_NOT_ASSOCIATED']);
    expect(codes(await checkPdfA(await makeHybrid({ relationship: null })))).toEqual([
      'AF_RELATIONSHIP_MISSING',
    ]);
    expect(codes(await checkPdfA(await makeHybrid({ mimeType: null })))).toEqual([
      'MIME_TYPE_MISSING',
    ]);
    const noParams = await edited(await makeHybrid(), (doc) => {
      for (const [, obj] of doc.context.enumerateIndirectObjects()) {
        const dict = (
          obj as { dict?: { get: (k: PDFName) => unknown; delete: (k: PDFName) => void } }
        ).dict;
        if (dict && String(dict.get(PDFName.of('Type'))) === '/EmbeddedFile')
          dict.delete(PDFName.of('Params'));
      }
    });
    expect(codes(await checkPdfA(noParams))).toEqual(['EMBEDDED_PARAMS_MISSING']);
    const noUf = await edited(await makeHybrid(), (doc) => {
      for (const [, obj] of doc.context.enumerateIndirectObjects()) {
        const d = obj as { get?: (k: PDFName) => unknown; delete?: (k: PDFName) => void };
        if (d.get && String(d.get(PDFName.of('Type'))) === '/Filespec') d.delete!(PDFName.of('UF'));
      }
    });
    expect(codes(await checkPdfA(noUf))).toEqual(['FILESPEC_NAME_MISSING']);
  });

  it('Factur-X XMP: schema, each property, document type', async () => {
    const noSchema = await checkPdfA(await makeHybrid({ xmp: { extensionSchema: false } }));
    expect(codes(noSchema)).toEqual(['FX_SCHEMA_MISSING']);
    const noVersion = await checkPdfA(
      await makeHybrid({
        xmp: {
          fx: {
            documentType: 'INVOICE',
            documentFileName: 'factur-x.xml',
            conformanceLevel: 'BASIC',
          },
        },
      }),
    );
    expect(codes(noVersion)).toEqual(['FX_PROPERTY_MISSING']);
    expect(noVersion.problems[0]!.message.en).toContain('fx:Version');
    const order = await checkPdfA(
      await makeHybrid({
        xmp: {
          fx: {
            documentType: 'ORDER',
            documentFileName: 'factur-x.xml',
            version: '1.0',
            conformanceLevel: 'EN 16931',
          },
        },
      }),
    );
    expect(codes(order)).toEqual(['FX_DOCUMENT_TYPE_WRONG']);
  });

  it('a plain PDF (no XMP, standard font, no output intent) fails several clauses', async () => {
    const c = await checkPdfA(await makePlain());
    expect(c.ok).toBe(false);
    expect(codes(c).sort()).toEqual(['FONT_NOT_EMBEDDED', 'OUTPUT_INTENT_MISSING', 'XMP_MISSING']);
  });

  it('reads XMP written as attributes or elements, in UTF-16 file names too', async () => {
    const bytes = await edited(await makeHybrid({ xml: sampleXml() }), (doc) => {
      for (const [, obj] of doc.context.enumerateIndirectObjects()) {
        const d = obj as { get?: (k: PDFName) => unknown; set?: (k: PDFName, v: unknown) => void };
        if (d.get && String(d.get(PDFName.of('Type'))) === '/Filespec')
          d.set!(PDFName.of('UF'), PDFHexString.fromText('factur-x.xml'));
      }
    });
    expect(codes(await checkPdfA(bytes))).toEqual([]);
  });
});
