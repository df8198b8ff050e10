import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validate } from '../../src/validate.js';
import { readCii } from '../../src/cii/read.js';
import { writeCii } from '../../src/cii/write.js';
import { readUbl } from '../../src/ubl/read.js';
import type { Invoice } from '../../src/model/types.js';
import { emptyInvoice } from '../../src/model/types.js';
import { NS } from '../../src/xml/ns.js';
import { child, descend } from '../../src/xml/query.js';
import type { XmlElement } from '../../src/xml/types.js';
import {
  CONFORMANCE,
  content,
  parse,
  parseFile,
  schemaOrderProblems,
  xmlFiles,
} from './helpers.js';
import { FULL } from './fixtures.js';

function roundTrip(inv: Invoice): { xml: string; back: Invoice } {
  const xml = writeCii(inv);
  return { xml, back: readCii(parse(xml)) };
}

const name = (f: string) => f.slice(f.lastIndexOf('/') + 1);

/** Every CII invoice of the conformance material (EN 16931 examples, Factur-X profiles). */
const CII_FILES = [
  ...xmlFiles(`${CONFORMANCE}en16931/examples/cii`),
  ...xmlFiles(`${CONFORMANCE}factur-x/xml`).filter((f) => name(f).startsWith('factur-x-')),
];

/** Every UBL invoice and credit note of the conformance material. */
const UBL_FILES = [
  ...xmlFiles(`${CONFORMANCE}en16931/examples`).filter((f) => !f.includes('/cii/')),
  ...xmlFiles(`${CONFORMANCE}factur-x/xml`).filter((f) => name(f).startsWith('ubl-')),
].filter((f) => {
  const root = parseFile(f);
  return root.ns === NS.ublInvoice || root.ns === NS.ublCreditNote;
});

describe('writeCii', () => {
  it('writes a parseable document with the containers the schema requires', () => {
    const xml = writeCii(emptyInvoice());
    const root = parse(xml);
    expect(root.ns).toBe(NS.rsm);
    expect(root.local).toBe('CrossIndustryInvoice');
    expect(schemaOrderProblems(root)).toEqual([
      '/CrossIndustryInvoice/ExchangedDocument: missing ID',
      '/CrossIndustryInvoice/ExchangedDocument: missing IssueDateTime',
    ]);
    // Seller and buyer parties are required containers: they come back as empty groups.
    expect(content(readCii(root))).toEqual({
      ...(content(emptyInvoice()) as object),
      seller: { identifiers: [] },
      buyer: {},
    });
  });

  it('writes dates in format 102, currencyID only on TaxTotalAmount, unitCode on quantities', () => {
    const { xml } = roundTrip(readCii(parse(FULL)));
    expect(xml).toContain('<udt:DateTimeString format="102">20240131</udt:DateTimeString>');
    expect(xml).toContain('<qdt:DateTimeString format="102">20231231</qdt:DateTimeString>');
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="EUR">6.00</ram:TaxTotalAmount>');
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="USD">6.60</ram:TaxTotalAmount>');
    expect(xml.match(/currencyID=/g)).toHaveLength(2);
    expect(xml).toContain('<ram:BilledQuantity unitCode="C62">3</ram:BilledQuantity>');
    expect(xml).toContain('<ram:BasisQuantity unitCode="C62">1</ram:BasisQuantity>');
  });

  it('writes BT-7 once, in format 102 as udt:DateString', () => {
    const inv = readCii(parse(FULL));
    inv.taxPointDate = '2024-01-10';
    const { xml, back } = roundTrip(inv);
    expect(xml.match(/<ram:TaxPointDate>/g)).toHaveLength(1);
    expect(xml).toContain('<udt:DateString format="102">20240110</udt:DateString>');
    expect(back.taxPointDate).toBe('2024-01-10');
  });

  it('escapes text and attributes and keeps them exact', () => {
    const inv = emptyInvoice();
    inv.id = 'A&B <C> "D"\r\n';
    inv.seller = {
      identifiers: [{ value: 'x', scheme: 'a"b&c' }],
      name: ' Müller & Söhne ',
    };
    const { xml, back } = roundTrip(inv);
    expect(xml).toContain('A&amp;B &lt;C&gt; "D"&#13;');
    expect(back.id).toBe(inv.id);
    expect(back.seller?.name).toBe(' Müller & Söhne ');
    expect(back.seller?.identifiers[0]?.scheme).toBe('a"b&c');
  });

  it('writes BT-17 and BT-18 of a model built without BG-24 counterparts', () => {
    const inv = emptyInvoice();
    inv.tenderOrLotReference = 'LOT';
    inv.invoicedObjectId = { value: 'OBJ', scheme: 'AUN' };
    inv.additionalDocuments.push({ id: 'D', description: 'Desc' }, { id: 'E' });
    const { xml, back } = roundTrip(inv);
    expect(back.tenderOrLotReference).toBe('LOT');
    expect(content(back.invoicedObjectId)).toEqual({ value: 'OBJ', scheme: 'AUN' });
    // A document with a description can only be of type 916 in CII; a bare one keeps none.
    expect(content(back.additionalDocuments)).toEqual([
      { id: 'D', description: 'Desc', typeCode: '916' },
      { id: 'E' },
    ]);
    expect(xml.match(/<ram:AdditionalReferencedDocument>/g)).toHaveLength(4);
  });

  it('keeps a required-typed term that was absent absent (BR-54), and an empty one empty', () => {
    const inv = readCii(parse(FULL));
    const attrs = inv.lines[0]!.item!.attributes;
    expect(attrs[1]!.name).toBe('');
    attrs[0]!.value = ''; // set by hand, no location: an empty element
    const { xml, back } = roundTrip(inv);
    expect(xml).toMatch(/<ram:ApplicableProductCharacteristic>\s*<ram:Value>Orphan</);
    expect(xml).toContain('<ram:Value/>');
    const backAttrs = back.lines[0]!.item!.attributes;
    expect(backAttrs[1]!.$at?.name).toBeUndefined();
    expect(backAttrs[0]!.$at?.value).toBeDefined();
    // A built model (no $src) writes '' as an empty element.
    const built = emptyInvoice();
    built.notes.push({ text: '' });
    expect(writeCii(built)).toContain('<ram:Content/>');
  });

  it('writes BT-8 in UNTDID 2475, translating the UBL (UNTDID 2005) codes', () => {
    const inv = readCii(parse(FULL));
    const written = (code: string) => {
      inv.vatPointDateCode = code;
      return roundTrip(inv).back.vatPointDateCode;
    };
    expect(written('3')).toBe('5');
    expect(written('35')).toBe('29');
    expect(written('432')).toBe('72');
    expect(written('29')).toBe('29');
    expect(written('X')).toBe('X');
  });

  it('puts an IBAN in IBANID and any other account in ProprietaryID', () => {
    const inv = emptyInvoice();
    inv.paymentInstructions = {
      meansCode: '30',
      creditTransfers: [{ accountId: 'DE02120300000000202051' }, { accountId: '12 34' }],
    };
    const { xml, back } = roundTrip(inv);
    expect(xml).toContain('<ram:IBANID>DE02120300000000202051</ram:IBANID>');
    expect(xml).toContain('<ram:ProprietaryID>12 34</ram:ProprietaryID>');
    expect(xml.match(/<ram:TypeCode>30<\/ram:TypeCode>/g)).toHaveLength(2);
    expect(content(back.paymentInstructions)).toEqual(content(inv.paymentInstructions));
  });
});

describe('CII → model → CII → model', () => {
  it('keeps every term of the full fixture, in schema order', () => {
    const first = readCii(parse(FULL));
    const { xml, back } = roundTrip(first);
    expect(content(back)).toEqual(content(first));
    expect(schemaOrderProblems(parse(xml))).toEqual([]);
  });

  it('finds the CII samples', () => expect(CII_FILES.length).toBeGreaterThanOrEqual(20));

  it.each(CII_FILES.map((f) => [name(f), f]))('%s', (_n, file) => {
    const original = parseFile(file);
    const first = readCii(original);
    const { xml, back } = roundTrip(first);
    expect(content(back)).toEqual(content(first));
    // The checker agrees with the originals (all schema-valid), so the writer's order is too.
    expect(schemaOrderProblems(original)).toEqual([]);
    expect(schemaOrderProblems(parse(xml))).toEqual([]);
    // The fatal verdict of the original is kept; warnings can only go (the writer writes no
    // element outside EN 16931, which is what most CII warnings are about).
    const before = validate(readFileSync(file));
    const after = validate(xml);
    expect(after.fatal).toEqual(before.fatal);
    for (const w of after.warning) expect(before.warning).toContain(w);
  });
});

/**
 * What a UBL-read model loses or gains by passing through CII, by construction of the CII
 * binding: a BG-24 document with a description, URI or attachment gets TypeCode 916, the
 * seller identifiers come back plain IDs first (CII has ID* before GlobalID*), and BT-8 is
 * coded in UNTDID 2475 instead of 2005.
 */
function asCiiWouldCarry(inv: Invoice): Invoice {
  const copy = structuredClone(content(inv)) as Invoice;
  for (const d of copy.additionalDocuments)
    if (
      d.typeCode === undefined &&
      (d.description !== undefined || d.externalUri !== undefined || d.attachment)
    )
      d.typeCode = '916';
  const code2475: Record<string, string> = { '3': '5', '35': '29', '432': '72' };
  if (copy.vatPointDateCode !== undefined)
    copy.vatPointDateCode = code2475[copy.vatPointDateCode.trim()] ?? copy.vatPointDateCode;
  if (copy.seller)
    copy.seller.identifiers = [
      ...copy.seller.identifiers.filter((i) => i.scheme === undefined),
      ...copy.seller.identifiers.filter((i) => i.scheme !== undefined),
    ];
  return copy;
}

/** Price groups with a discount but no gross price: CII's gross price needs ChargeAmount. */
function grossPriceWithoutAmount(xml: XmlElement): number {
  let n = 0;
  const tx = child(xml, NS.rsm, 'SupplyChainTradeTransaction');
  for (const li of tx?.children ?? []) {
    const gross = descend(
      li,
      [NS.ram, 'SpecifiedLineTradeAgreement'],
      [NS.ram, 'GrossPriceProductTradePrice'],
    );
    if (gross && !child(gross, NS.ram, 'ChargeAmount')) n++;
  }
  return n;
}

describe('UBL → model → CII → model', () => {
  it('finds the UBL samples', () => expect(UBL_FILES.length).toBeGreaterThanOrEqual(40));

  it.each(UBL_FILES.map((f) => [name(f), f]))('%s', (_n, file) => {
    const first = readUbl(parseFile(file));
    const { xml, back } = roundTrip(first);
    expect(content(back)).toEqual(asCiiWouldCarry(first));
    const root = parse(xml);
    const problems = schemaOrderProblems(root);
    // The only schema gap: BT-147 without BT-148 (allowed by EN 16931, not by D16B).
    expect(problems).toHaveLength(grossPriceWithoutAmount(root));
    for (const p of problems)
      expect(p).toMatch(/GrossPriceProductTradePrice: missing ChargeAmount$/);
  });
});
