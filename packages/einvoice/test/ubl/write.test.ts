import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyInvoice, type Invoice } from '../../src/model/types.js';
import { parseXml } from '../../src/xml/parse.js';
import { NS } from '../../src/xml/ns.js';
import { child, children } from '../../src/xml/query.js';
import type { XmlElement } from '../../src/xml/types.js';
import { readUbl } from '../../src/ubl/read.js';
import { writeUbl } from '../../src/ubl/write.js';
import { validate } from '../../src/validate.js';
import { sharedMaterial } from '../support/shared-material.js';

function tree(xml: string): XmlElement {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(r.error.message);
  return r.root;
}

const plain = (inv: Invoice): unknown =>
  JSON.parse(
    JSON.stringify(inv, (k, v: unknown) =>
      k === '$src' || k === '$at' || k === 'syntax' || k === 'ublDocument' ? undefined : v,
    ),
  );

const names = (el: XmlElement | undefined) => (el?.children ?? []).map((c) => c.local);

function model(): Invoice {
  const inv = emptyInvoice();
  Object.assign(inv, {
    specificationId: 'urn:cen.eu:en16931:2017',
    id: 'F-1',
    issueDate: '2024-01-31',
    dueDate: '2024-02-29',
    typeCode: '381',
    taxPointDate: '2024-01-30',
    currencyCode: 'EUR',
    vatAccountingCurrencyCode: 'SEK',
    projectReference: 'PRJ',
    contractReference: 'CT',
    tenderOrLotReference: 'LOT',
    invoicedObjectId: { value: 'OBJ', scheme: 'AAA' },
  } satisfies Partial<Invoice>);
  inv.notes.push({ subjectCode: 'AAI', text: 'Note & <more>' });
  inv.seller = {
    name: 'Seller',
    identifiers: [],
    vatId: 'FR123',
    address: { countryCode: 'FR' },
  };
  inv.buyer = { name: 'Buyer', address: { countryCode: 'FR' } };
  inv.paymentInstructions = {
    meansCode: '58',
    creditTransfers: [{ accountId: 'IBAN1' }, { accountId: 'IBAN2' }],
    directDebit: { creditorId: 'CRED' },
  };
  inv.totals = {
    lineNetTotal: '100.00',
    taxExclusiveAmount: '100.00',
    vatTotal: '20.00',
    vatTotalInAccountingCurrency: '210.00',
    taxInclusiveAmount: '120.00',
    payableAmount: '120.00',
  };
  inv.vatBreakdowns.push({
    taxableAmount: '100.00',
    taxAmount: '20.00',
    categoryCode: 'S',
    rate: '20',
  });
  inv.lines.push({
    id: '1',
    quantity: '2',
    unitCode: 'C62',
    netAmount: '100.00',
    allowances: [],
    charges: [],
    vatCategoryCode: 'S',
    vatRate: '20',
    price: { netPrice: '50', discount: '5', grossPrice: '55' },
    item: { name: 'Thing', classifications: [], attributes: [] },
  });
  return inv;
}

describe('writeUbl', () => {
  it('writes an Invoice for any model not read from a UBL CreditNote', () => {
    const inv = model();
    const root = tree(writeUbl(inv));
    expect(root).toMatchObject({ ns: NS.ublInvoice, local: 'Invoice' });
    expect(child(root, NS.cbc, 'InvoiceTypeCode')?.text).toBe('381');
    expect(child(root, NS.cbc, 'DueDate')?.text).toBe('2024-02-29');
    expect(child(root, NS.cbc, 'Note')?.text).toBe('#AAI#Note & <more>');
    expect(names(root).slice(0, 8)).toEqual([
      'CustomizationID',
      'ID',
      'IssueDate',
      'DueDate',
      'InvoiceTypeCode',
      'Note',
      'TaxPointDate',
      'DocumentCurrencyCode',
    ]);
    expect(child(child(root, NS.cac, 'ProjectReference'), NS.cbc, 'ID')?.text).toBe('PRJ');
  });

  it('writes a CreditNote in its own element order, BT-9 and BT-11 where it can hold them', () => {
    const inv = { ...model(), ublDocument: 'CreditNote' as const };
    const root = tree(writeUbl(inv));
    expect(root).toMatchObject({ ns: NS.ublCreditNote, local: 'CreditNote' });
    expect(names(root).slice(0, 6)).toEqual([
      'CustomizationID',
      'ID',
      'IssueDate',
      'TaxPointDate',
      'CreditNoteTypeCode',
      'Note',
    ]);
    expect(child(root, NS.cbc, 'DueDate')).toBeUndefined();
    expect(child(root, NS.cac, 'ProjectReference')).toBeUndefined();
    const refs = children(root, NS.cac, 'AdditionalDocumentReference').map((r) => [
      child(r, NS.cbc, 'ID')?.text,
      child(r, NS.cbc, 'DocumentTypeCode')?.text,
    ]);
    expect(refs).toEqual([
      ['OBJ', '130'],
      ['PRJ', '50'],
    ]);
    const means = children(root, NS.cac, 'PaymentMeans');
    expect(means).toHaveLength(2);
    expect(child(means[0], NS.cbc, 'PaymentDueDate')?.text).toBe('2024-02-29');
    expect(child(means[1], NS.cbc, 'PaymentDueDate')).toBeUndefined();
    const line = child(root, NS.cac, 'CreditNoteLine');
    expect(child(line, NS.cbc, 'CreditedQuantity')?.attributes[0]).toMatchObject({
      local: 'unitCode',
      value: 'C62',
    });
    expect(readUbl(root).dueDate).toBe('2024-02-29');
  });

  it('puts the invoice currency on amounts and the VAT accounting currency on BT-111', () => {
    const root = tree(writeUbl(model()));
    const [t1, t2] = children(root, NS.cac, 'TaxTotal');
    expect(child(t1, NS.cbc, 'TaxAmount')?.attributes[0]?.value).toBe('EUR');
    expect(child(t2, NS.cbc, 'TaxAmount')?.attributes[0]?.value).toBe('SEK');
    expect(child(t2, NS.cac, 'TaxSubtotal')).toBeUndefined();
    const lmt = child(root, NS.cac, 'LegalMonetaryTotal');
    for (const c of lmt!.children) expect(c.attributes[0]?.value).toBe('EUR');
  });

  it('derives what UBL requires and the model lacks (BT-110, price discount)', () => {
    const inv = model();
    delete inv.totals!.vatTotal;
    inv.vatBreakdowns.push({
      taxableAmount: '10',
      taxAmount: '0.50',
      categoryCode: 'S',
      rate: '5',
    });
    const back = readUbl(tree(writeUbl(inv)));
    expect(back.totals?.vatTotal).toBe('20.5');
    expect(back.lines[0]!.price).toMatchObject({ discount: '5', grossPrice: '55' });
  });

  it('places BT-90 on the payee when there is one, else on the seller', () => {
    const onSeller = tree(writeUbl(model()));
    const sellerIds = (root: XmlElement) =>
      children(
        child(child(root, NS.cac, 'AccountingSupplierParty'), NS.cac, 'Party'),
        NS.cac,
        'PartyIdentification',
      ).map((p) => child(p, NS.cbc, 'ID')?.text);
    expect(sellerIds(onSeller)).toEqual(['CRED']);
    const inv = model();
    inv.payee = { name: 'Factor' };
    const onPayee = tree(writeUbl(inv));
    expect(sellerIds(onPayee)).toEqual([]);
    expect(readUbl(onPayee).paymentInstructions?.directDebit?.creditorId).toBe('CRED');
  });

  it('round-trips a hand-built model, as Invoice and as CreditNote, schema-valid', () => {
    for (const kind of ['Invoice', 'CreditNote'] as const) {
      const inv = { ...model(), ublDocument: kind };
      const xml = writeUbl(inv);
      expect(plain(readUbl(tree(xml)))).toEqual(plain(inv));
      expect(validate(xml).findings.filter((f) => f.id.startsWith('XSD'))).toEqual([]);
    }
  });

  const examples = join(import.meta.dirname, '../../../../../shared/conformance/en16931/examples');
  it.runIf(sharedMaterial(examples))(
    'writes the maximal examples in the other document kind without a schema error',
    () => {
      for (const file of [
        'test/testfiles/Invoice-Max_content.xml',
        'test/testfiles/CreditNote-Max_content.xml',
      ]) {
        const inv = readUbl(tree(readFileSync(join(examples, file), 'utf8')));
        inv.ublDocument = inv.ublDocument === 'CreditNote' ? 'Invoice' : 'CreditNote';
        const xml = writeUbl(inv);
        expect(validate(xml).findings.filter((f) => f.id.startsWith('XSD'))).toEqual([]);
        expect(plain(readUbl(tree(xml)))).toEqual(plain(inv));
      }
    },
  );
});
