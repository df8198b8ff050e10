/**
 * Keyed-in data → model (the mapping the server deposits and the portal checks with), and the
 * keyed validation: the same rules as validateModel, each problem tied to the keyed field.
 */
import { describe, expect, it } from 'vitest';
import {
  keyedToModel,
  validate,
  validateKeyed,
  validateModel,
  writeCii,
  writeUbl,
  type KeyedBuyer,
  type KeyedInvoice,
} from '../../src/index.js';

const buyer: KeyedBuyer = {
  name: 'Mairie de Chorale-sur-Loire',
  address: { line1: '1 place de la Mairie', postCode: '99100', city: 'CHORALE', countryCode: 'FR' },
};

function keyed(overrides: Partial<KeyedInvoice> = {}): KeyedInvoice {
  return {
    supplier: {
      identifier: '99887766600011',
      name: 'Atelier Démo',
      vatId: 'FR79998877666',
      address: {
        line1: '12 rue des Artisans',
        postCode: '99100',
        city: 'CHORALE',
        countryCode: 'FR',
      },
    },
    recipient: { identifier: '21990042000015' },
    serviceCode: 'SERV-TECH',
    commitmentNumber: 'EJ-1',
    number: 'F-1',
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    type: 'FACTURE',
    currency: 'EUR',
    lines: [
      {
        name: 'Portail',
        quantity: '1',
        unitPrice: '1000.00',
        netAmount: '1000.00',
        vatCategory: 'S',
        vatRate: '20',
      },
      {
        name: 'Peinture',
        quantity: '5',
        unitCode: 'HUR',
        unitPrice: '50.00',
        netAmount: '250.00',
        vatCategory: 'S',
        vatRate: '20',
      },
    ],
    vatBreakdown: [{ category: 'S', rate: '20', taxableAmount: '1250.00', taxAmount: '250.00' }],
    totals: {
      lineNetTotal: '1250.00',
      withoutVat: '1250.00',
      vat: '250.00',
      withVat: '1500.00',
      payable: '1500.00',
    },
    ...overrides,
  };
}

describe('keyedToModel', () => {
  it('puts every keyed term where EN 16931 and the French routing read it', () => {
    const m = keyedToModel(keyed({ paymentTerms: '30 jours' }), buyer);
    expect(m.id).toBe('F-1');
    expect(m.issueDate).toBe('2026-11-20');
    expect(m.dueDate).toBe('2026-12-20');
    expect(m.typeCode).toBe('380');
    expect(m.currencyCode).toBe('EUR');
    expect(m.paymentTerms).toBe('30 jours');
    expect(m.buyerReference).toBe('SERV-TECH'); // BT-10
    expect(m.purchaseOrderReference).toBe('EJ-1'); // BT-13
    expect(m.seller?.identifiers).toEqual([{ value: '99887766600011', scheme: '0009' }]);
    expect(m.seller?.legalRegistration).toEqual({ value: '99887766600011', scheme: '0009' });
    expect(m.seller?.vatId).toBe('FR79998877666');
    expect(m.seller?.address).toEqual({
      line1: '12 rue des Artisans',
      postCode: '99100',
      city: 'CHORALE',
      countryCode: 'FR',
    });
    // The buyer's name and address come from the directory when not keyed.
    expect(m.buyer?.name).toBe(buyer.name);
    expect(m.buyer?.identifier).toEqual({ value: '21990042000015', scheme: '0009' });
    expect(m.buyer?.legalRegistration).toBeUndefined();
    expect(m.buyer?.address).toEqual(buyer.address);
    expect(m.buyer?.address).not.toBe(buyer.address); // a copy, never the caller's object
    expect(
      m.lines.map((l) => [l.id, l.quantity, l.unitCode, l.netAmount, l.price?.netPrice]),
    ).toEqual([
      ['1', '1', 'C62', '1000.00', '1000.00'],
      ['2', '5', 'HUR', '250.00', '50.00'],
    ]);
    expect(m.lines[0]?.item?.name).toBe('Portail');
    expect(m.lines[0]?.vatCategoryCode).toBe('S');
    expect(m.lines[0]?.vatRate).toBe('20');
    expect(m.vatBreakdowns).toEqual([
      { categoryCode: 'S', rate: '20', taxableAmount: '1250.00', taxAmount: '250.00' },
    ]);
    expect(m.totals).toEqual({
      lineNetTotal: '1250.00',
      taxExclusiveAmount: '1250.00',
      vatTotal: '250.00',
      taxInclusiveAmount: '1500.00',
      payableAmount: '1500.00',
    });
  });

  it('maps the kinds to BT-3 and a SIREN recipient to BT-47', () => {
    expect(keyedToModel(keyed({ type: 'AVOIR' }), buyer).typeCode).toBe('381');
    expect(keyedToModel(keyed({ type: 'ACOMPTE' }), buyer).typeCode).toBe('386');
    const m = keyedToModel(
      keyed({ recipient: { identifier: '219900420', name: 'Mairie' } }),
      undefined,
    );
    expect(m.buyer?.identifier).toBeUndefined();
    expect(m.buyer?.legalRegistration).toEqual({ value: '219900420', scheme: '0002' });
    expect(m.buyer?.name).toBe('Mairie');
  });

  it('keeps an exemption reason and a prepaid amount, and leaves absent terms absent', () => {
    const m = keyedToModel(
      keyed({
        serviceCode: undefined,
        commitmentNumber: undefined,
        dueDate: undefined,
        vatBreakdown: [
          {
            category: 'E',
            rate: '0',
            taxableAmount: '1250.00',
            taxAmount: '0',
            exemptionReason: 'Art. 261',
          },
        ],
        totals: {
          lineNetTotal: '1250.00',
          withoutVat: '1250.00',
          vat: '0',
          withVat: '1250.00',
          prepaid: '250.00',
          payable: '1000.00',
        },
      }),
      buyer,
    );
    expect(m.vatBreakdowns[0]?.exemptionReason).toBe('Art. 261');
    expect(m.totals?.prepaidAmount).toBe('250.00');
    expect('buyerReference' in m).toBe(false);
    expect('purchaseOrderReference' in m).toBe(false);
    expect('dueDate' in m).toBe(false);
  });

  it('survives a trip through CII and UBL: what is keyed is what an XML invoice says', () => {
    const m = keyedToModel(keyed(), buyer);
    for (const xml of [writeCii(m), writeUbl(m)]) {
      const report = validate(xml);
      expect(report.fatal).toEqual([]);
      expect(report.invoice?.id).toBe('F-1');
      expect(report.invoice?.totals?.payableAmount).toBe('1500.00');
    }
  });
});

describe('validateKeyed', () => {
  it('finds nothing fatal in a valid invoice, like validateModel', () => {
    const report = validateKeyed(keyed(), buyer);
    expect(report.valid).toBe(true);
    expect(report.fatal).toEqual(validateModel(keyedToModel(keyed(), buyer)).fatal);
  });

  it('ties a wrong VAT rate to its line, in both languages, with its terms', () => {
    const bad = keyed();
    bad.lines[1] = { ...bad.lines[1]!, vatRate: '0' };
    const fr = validateKeyed(bad, buyer, { lang: 'fr' });
    const en = validateKeyed(bad, buyer, { lang: 'en' });
    expect(fr.valid).toBe(false);
    const rate = fr.findings.find((f) => f.id === 'BR-S-05');
    expect(rate?.field).toBe('lines.1.vatRate');
    expect(rate?.terms).toContain('BT-152');
    expect(rate?.message).toMatch(/taux/i);
    expect(en.findings.find((f) => f.id === 'BR-S-05')?.message).toMatch(/rate/i);
    expect(fr.findings.every((f) => f.line === 0)).toBe(true);
  });

  it('gives exactly the findings validateModel gives, one for one', () => {
    const cases: KeyedInvoice[] = [
      keyed({ number: ' ', currency: 'EURO' }),
      keyed({
        supplier: { ...keyed().supplier, vatId: undefined, address: { countryCode: '' } },
      }),
      keyed({ totals: { ...keyed().totals, vat: '240.00', withVat: '1490.00' } }),
      keyed({ lines: [], vatBreakdown: [] }),
      keyed({ lines: [{ ...keyed().lines[0]!, quantity: '1.5', vatCategory: 'Q' }] }),
    ];
    for (const c of cases) {
      const ours = validateKeyed(c, buyer);
      const theirs = validateModel(keyedToModel(c, buyer));
      expect(ours.fatal).toEqual(theirs.fatal);
      expect(ours.warning).toEqual(theirs.warning);
      expect(ours.findings.map((f) => [f.id, f.message])).toEqual(
        theirs.findings.map((f) => [f.id, f.message]),
      );
      expect(ours.valid).toBe(false);
    }
  });

  it('points each problem at the keyed field it is about', () => {
    const noVat = validateKeyed(
      keyed({ supplier: { ...keyed().supplier, vatId: undefined }, number: '' }),
      buyer,
    );
    const at = (id: string) => noVat.findings.filter((f) => f.id === id).map((f) => f.field);
    expect(at('BR-02')).toEqual(['number']);
    // Fired once per line of category S, always about the supplier's VAT id.
    expect(new Set(at('BR-S-02'))).toEqual(new Set(['supplier.vatId']));

    const totals = validateKeyed(keyed({ totals: { ...keyed().totals, vat: '240.00' } }), buyer);
    expect(totals.findings.map((f) => f.field)).toContain('totals.vat');

    const breakdown = validateKeyed(
      keyed({ vatBreakdown: [{ ...keyed().vatBreakdown[0]!, taxAmount: '200.00' }] }),
      buyer,
    );
    expect(breakdown.findings.map((f) => f.field)).toContain('vatBreakdown.0.taxAmount');

    const noName = keyed();
    noName.lines[0] = { ...noName.lines[0]!, name: '' };
    expect(validateKeyed(noName, buyer).findings.find((f) => f.id === 'BR-25')?.field).toBe(
      'lines.0.name',
    );

    const noBuyer = validateKeyed(keyed(), undefined);
    expect(noBuyer.findings.find((f) => f.id === 'BR-07')?.field).toBe('recipient.name');
    expect(noBuyer.findings.find((f) => f.id === 'BR-10')?.field).toBe('recipient.identifier');
  });
});
