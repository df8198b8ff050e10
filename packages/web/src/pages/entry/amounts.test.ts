/**
 * The key-in form's arithmetic and mapping, without a browser: decimals (never floats), the VAT
 * breakdown per category and rate, and where each keyed problem or refusal is shown.
 */
import { describe, expect, it } from 'vitest';
import { computeAmounts, decimalOf } from './amounts';
import {
  emptyForm,
  emptyLine,
  placeOfKeyedField,
  placeOfPointer,
  placeOfRefusal,
  toKeyed,
  type FormValues,
} from './form-model';

const line = (quantity: string, unitPrice: string, vatCategory = 'S', vatRate = '20') => ({
  quantity,
  unitPrice,
  vatCategory,
  vatRate,
});

describe('computeAmounts', () => {
  it('reads French and English decimals and refuses anything else', () => {
    expect(decimalOf('12,5')).toBe('12.5');
    expect(decimalOf(' 1 250.10 ')).toBe('1250.10');
    expect(decimalOf('-3')).toBe('-3');
    for (const bad of ['', 'abc', '1.2.3', '1e3', '0x10', '1,2345678']) {
      expect(decimalOf(bad)).toBeUndefined();
    }
  });

  it('computes in decimals: 0.1 × 3 is 0.30, not 0.30000000000000004', () => {
    const a = computeAmounts([line('3', '0.1'), line('1', '0.2')]);
    expect(a.lineNets).toEqual(['0.30', '0.20']);
    expect(a.totals).toEqual({
      lineNetTotal: '0.50',
      withoutVat: '0.50',
      vat: '0.10',
      withVat: '0.60',
      payable: '0.60',
    });
  });

  it('rounds half up to the cent, per line and per breakdown (BR-CO-17)', () => {
    const a = computeAmounts([line('1', '0.125'), line('3', '0.335', 'S', '5.5')]);
    expect(a.lineNets).toEqual(['0.13', '1.01']);
    expect(a.breakdown).toEqual([
      { category: 'S', rate: '20', taxableAmount: '0.13', taxAmount: '0.03' },
      { category: 'S', rate: '5.5', taxableAmount: '1.01', taxAmount: '0.06' },
    ]);
    expect(a.totals.vat).toBe('0.09');
    expect(a.totals.withVat).toBe('1.23');
  });

  it('groups lines by category and rate ("20" and "20,0" are one rate), O has no rate', () => {
    const a = computeAmounts([
      line('2', '500'),
      line('5', '50', 'S', '20,0'),
      line('1', '100', 'E', '0'),
      line('1', '40', 'O', ''),
    ]);
    expect(a.breakdown).toEqual([
      { category: 'S', rate: '20', taxableAmount: '1250.00', taxAmount: '250.00' },
      { category: 'E', rate: '0', taxableAmount: '100.00', taxAmount: '0.00' },
      { category: 'O', rate: undefined, taxableAmount: '40.00', taxAmount: '0.00' },
    ]);
    expect(a.totals.withVat).toBe('1640.00');
  });

  it('leaves an incomplete line out of the totals until it can be computed', () => {
    const a = computeAmounts([line('2', ''), line('1', '10')]);
    expect(a.lineNets).toEqual([undefined, '10.00']);
    expect(a.totals.withoutVat).toBe('10.00');
  });
});

describe('toKeyed', () => {
  const supplier = {
    identifier: '99887766600011',
    name: 'Atelier',
    address: { line1: '12 rue des Artisans', countryCode: 'FR' },
  };
  const values = (over: Partial<FormValues> = {}): FormValues => ({
    ...emptyForm('2026-11-20'),
    recipientIdentifier: '21990042000015',
    recipientName: 'Mairie',
    number: ' F-1 ',
    supplierVatId: 'FR 79 998877666',
    lines: [{ ...emptyLine(), name: 'Portail', quantity: '2', unitPrice: '500,5' }],
    ...over,
  });

  it('builds the keyed invoice the API takes, amounts computed, optional terms left out', () => {
    const k = toKeyed(values(), supplier);
    expect(k.number).toBe('F-1');
    expect(k.supplier.vatId).toBe('FR79998877666');
    expect(k.recipient).toEqual({ identifier: '21990042000015', name: 'Mairie' });
    expect(k.serviceCode).toBeUndefined();
    expect(k.lines).toEqual([
      {
        name: 'Portail',
        quantity: '2',
        unitCode: 'C62',
        unitPrice: '500.5',
        netAmount: '1001.00',
        vatCategory: 'S',
        vatRate: '20',
      },
    ]);
    expect(k.totals.payable).toBe('1201.20');
  });

  it('gives an exempt category its reason and an out-of-scope line no rate', () => {
    const k = toKeyed(
      values({
        lines: [
          {
            ...emptyLine(),
            name: 'Formation',
            quantity: '1',
            unitPrice: '100',
            vatCategory: 'E',
            vatRate: '0',
          },
          {
            ...emptyLine(),
            name: 'Débours',
            quantity: '1',
            unitPrice: '10',
            vatCategory: 'O',
            vatRate: '',
          },
        ],
        exemptions: { E: 'Article 261-4-4° du CGI', O: 'Débours' },
      }),
      supplier,
    );
    expect(k.vatBreakdown.map((b) => [b.category, b.rate, b.exemptionReason])).toEqual([
      ['E', '0', 'Article 261-4-4° du CGI'],
      ['O', undefined, 'Débours'],
    ]);
    expect(k.lines[1]?.vatRate).toBeUndefined();
  });
});

describe('where problems show', () => {
  const k = toKeyed(
    {
      ...emptyForm('2026-11-20'),
      lines: [{ ...emptyLine(), vatCategory: 'E', vatRate: '0', quantity: '1', unitPrice: '1' }],
    },
    { identifier: '99887766600011', name: 'A', address: { countryCode: 'FR' } },
  );

  it('maps keyed fields to form fields', () => {
    expect(placeOfKeyedField('lines.0.vatRate', k)).toBe('lines.0.vatRate');
    expect(placeOfKeyedField('lines.0.netAmount', k)).toBe('lines.0.unitPrice');
    expect(placeOfKeyedField('lines', k)).toBe('lines');
    expect(placeOfKeyedField('vatBreakdown.0.exemptionReason', k)).toBe('exemptions.E');
    expect(placeOfKeyedField('vatBreakdown.0.taxAmount', k)).toBe('totals');
    expect(placeOfKeyedField('totals.vat', k)).toBe('totals');
    expect(placeOfKeyedField('supplier.vatId', k)).toBe('supplierVatId');
    expect(placeOfKeyedField('supplier.address.countryCode', k)).toBe('supplier');
    expect(placeOfKeyedField('recipient.identifier', k)).toBe('recipient');
    expect(placeOfKeyedField('number', k)).toBe('number');
    expect(placeOfKeyedField(null, k)).toBe('top');
  });

  it('maps refusal codes and schema pointers', () => {
    expect(placeOfRefusal('DOUBLON')).toBe('number');
    expect(placeOfRefusal('SERVICE_OBLIGATOIRE')).toBe('serviceCode');
    expect(placeOfRefusal('ENGAGEMENT_OBLIGATOIRE')).toBe('commitmentNumber');
    expect(placeOfRefusal('DESTINATAIRE_INCONNU')).toBe('recipient');
    expect(placeOfRefusal('PIECE_JOINTE_REFUSEE')).toBe('attachments');
    expect(placeOfRefusal('DROIT_MANQUANT')).toBe('top');
    expect(placeOfPointer('keyed/lines/0/quantity', k)).toBe('lines.0.quantity');
    expect(placeOfPointer('metadata/framework', k)).toBe('top');
  });
});
