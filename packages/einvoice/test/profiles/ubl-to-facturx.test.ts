/**
 * UBL → Factur-X: every shared UBL example becomes a Factur-X whose embedded CII is valid for
 * its profile — by our engine and by the official Factur-X and EN 16931 rules — or is refused
 * with a message naming the term, in French and English. Never an invalid PDF.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { syntaxOf } from '../../src/model/syntax.js';
import { readUbl } from '../../src/ubl/read.js';
import { readCii } from '../../src/cii/read.js';
import type { Invoice } from '../../src/model/types.js';
import { facturXFromModel, FacturXConversionError } from '../../src/pdf/facturx-convert.js';
import { writeFacturX } from '../../src/pdf/write-facturx.js';
import { readPdf } from '../../src/pdf/read.js';
import { validateFacturX } from '../../src/profiles/validate-facturx.js';
import {
  judgeByProfile,
  referenceRequired,
  SHARED,
  type ReferenceVerdict,
} from '../support/facturx-reference.js';

const EXAMPLES = join(SHARED, 'conformance/en16931/examples');

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? xmlFiles(join(dir, e.name))
      : e.name.endsWith('.xml')
        ? [join(dir, e.name)]
        : [],
  );
}

function ublModel(file: string): Invoice | null {
  const parsed = parseXml(readFileSync(file));
  if (!parsed.ok || syntaxOf(parsed.root) !== 'UBL') return null;
  return readUbl(parsed.root);
}

const model = (file: string): Invoice => {
  const m = ublModel(join(EXAMPLES, file));
  if (!m) throw new Error(`${file} is not UBL`);
  return m;
};

describe.runIf(referenceRequired)('UBL examples turned into Factur-X', () => {
  const converted: { file: string; xml: string; profile: string }[] = [];
  const refused: { file: string; error: FacturXConversionError }[] = [];
  let ubl = 0;
  let official: ReferenceVerdict[] = [];

  beforeAll(() => {
    for (const file of xmlFiles(EXAMPLES)) {
      const m = ublModel(file);
      if (!m) continue;
      ubl++;
      try {
        const r = facturXFromModel(m);
        converted.push({ file, xml: r.xml, profile: r.profile });
      } catch (error) {
        if (!(error instanceof FacturXConversionError)) throw error;
        refused.push({ file, error });
      }
    }
    // Every converted example here declares EN 16931 (none of them carries a Factur-X id).
    official = judgeByProfile(
      converted.map((c) => c.xml),
      'EN 16931',
    );
  }, 120_000);

  it('turns every example into a valid Factur-X or refuses it', () => {
    expect(ubl).toBeGreaterThanOrEqual(40);
    expect(converted.length + refused.length).toBe(ubl);
    expect(converted.length).toBeGreaterThan(refused.length);
    console.log(
      `UBL → Factur-X: ${ubl} examples, ${converted.length} valid, ${refused.length} refused`,
    );
  });

  it('writes only what our engine and the official rules both accept', () => {
    expect(new Set(converted.map((c) => c.profile))).toEqual(new Set(['EN 16931']));
    const notValid = converted.flatMap((c, i) => {
      const ours = validateFacturX(c.xml, { profile: 'EN 16931' });
      const ref = official[i]!;
      return ours.valid === true && ref.valid === true
        ? []
        : [{ file: c.file, ours: ours.fatal, official: ref.ids, xsd: ref.xsdErrors }];
    });
    expect(notValid).toEqual([]);
  });

  it('names the term it cannot carry, in French and English', () => {
    for (const { error } of refused) {
      expect(error.code).toBe('FACTURX_CONVERSION_REFUSED');
      expect(error.terms.length).toBeGreaterThan(0);
      expect(error.messages.fr).toMatch(/^Conversion en Factur-X .*impossible/);
      expect(error.messages.en).toMatch(/^Cannot convert to Factur-X/);
      expect(error.messages.fr).toMatch(/BT-\d+|BG-\d+/);
      expect(error.messages.en).toMatch(/BT-\d+|BG-\d+/);
    }
  });
});

describe('UBL → Factur-X: what CII needs and cannot say', () => {
  it('refuses several preceding invoices (BT-25), naming them', () => {
    const m = model('test/testfiles/Invoice-Max_content.xml');
    expect(m.precedingInvoices.length).toBeGreaterThan(1);
    let error: unknown;
    try {
      facturXFromModel(m);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FacturXConversionError);
    const e = error as FacturXConversionError;
    expect(e.terms).toEqual(['BG-3', 'BT-25']);
    expect(e.messages.fr).toContain('BT-25');
    expect(e.messages.en).toContain('BT-25');
    expect(e.messages.en).toContain(m.precedingInvoices[0]!.id);
    // One preceding invoice is carried.
    const one = { ...m, precedingInvoices: m.precedingInvoices.slice(0, 1) };
    const r = facturXFromModel(one);
    expect(r.xml.match(/<ram:InvoiceReferencedDocument>/g)).toHaveLength(1);
  });

  it('writes no PDF for a refused UBL invoice', async () => {
    const xml = new Uint8Array(
      readFileSync(join(EXAMPLES, 'test/testfiles/Invoice-Max_content.xml')),
    );
    await expect(writeFacturX({ xml })).rejects.toBeInstanceOf(FacturXConversionError);
  });

  it('derives the gross price BT-148 from BT-146 and BT-147', () => {
    const m = model('ubl/examples/ubl-tc434-example2.xml');
    const line = m.lines.find((l) => l.price?.discount !== undefined && !l.price.grossPrice)!;
    expect(line).toBeDefined();
    const r = facturXFromModel(m);
    const parsed = parseXml(r.xml);
    if (!parsed.ok) throw new Error('parse');
    const back = readCii(parsed.root).lines.find((l) => l.id === line.id)!;
    const p = line.price!;
    // gross − discount = net, in decimals.
    expect(Number(back.price!.grossPrice) * 100 - Number(p.discount) * 100).toBeCloseTo(
      Number(p.netPrice) * 100,
      6,
    );
    expect(back.price!.discount).toBe(p.discount);
    expect(validateFacturX(r.xml, { profile: 'EN 16931' }).valid).toBe(true);
  });

  it('drops a VAT accounting currency equal to the invoice currency (BR-53 in CII)', () => {
    const m = model('ubl/examples/sample-discount-price.xml');
    expect(m.vatAccountingCurrencyCode).toBe(m.currencyCode);
    const r = facturXFromModel(m);
    expect(r.model.vatAccountingCurrencyCode).toBeUndefined();
    expect(r.xml).not.toContain('<ram:TaxCurrencyCode>');
  });

  it('declares the Factur-X level in BT-24 for a CIUS (Peppol BIS) and embeds it', async () => {
    const file = xmlFiles(EXAMPLES).find((f) => ublModel(f)?.specificationId?.includes('peppol'))!;
    expect(file).toBeDefined();
    const r = facturXFromModel(ublModel(file)!);
    expect(r.model.specificationId).toBe('urn:cen.eu:en16931:2017');
    const pdf = await readPdf(await writeFacturX({ xml: new Uint8Array(readFileSync(file)) }));
    expect(pdf.kind).toBe('hybrid');
    if (pdf.kind !== 'hybrid') return;
    expect(new TextDecoder().decode(pdf.xml)).toBe(r.xml);
  });
});
