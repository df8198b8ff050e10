/**
 * The platform's entry checks of keyed-in data: what they refuse, what they let through, and
 * that validateKeyed (the portal's live check) reports them at their field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkKeyedEntry,
  frenchVatKey,
  frenchVatValid,
  luhnValid,
  sirenValid,
  siretValid,
  validateKeyed,
  type KeyedInvoice,
} from '../../src/index.js';

function keyed(overrides: Partial<KeyedInvoice> = {}): KeyedInvoice {
  return {
    supplier: {
      identifier: '99887766600011',
      name: 'Atelier Démo',
      vatId: 'FR79998877666',
      address: { line1: '12 rue des Artisans', postCode: '99100', city: 'X', countryCode: 'FR' },
    },
    recipient: { identifier: '21990042000015' },
    number: 'F-1',
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    type: 'FACTURE',
    currency: 'EUR',
    lines: [
      {
        name: 'Travaux',
        quantity: '1',
        unitPrice: '100.00',
        netAmount: '100.00',
        vatCategory: 'S',
        vatRate: '20',
      },
    ],
    vatBreakdown: [{ category: 'S', rate: '20', taxableAmount: '100.00', taxAmount: '20.00' }],
    totals: {
      lineNetTotal: '100.00',
      withoutVat: '100.00',
      vat: '20.00',
      withVat: '120.00',
      payable: '120.00',
    },
    ...overrides,
  };
}

const today = '2026-12-07';
const ids = (k: KeyedInvoice) => checkKeyedEntry(k, { today }).map((f) => `${f.id}@${f.field}`);

/** A 9-digit string completed with its Luhn digit. */
function withLuhnDigit(eight: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${eight}${d}`)) return `${eight}${d}`;
  throw new Error('unreachable');
}

describe('French VAT numbers', () => {
  it('match published numbers', () => {
    // Examples of the key's published formula: SIREN 404 833 048 → FR 83.
    expect(frenchVatKey('404833048')).toBe('83');
    expect(frenchVatValid('FR83404833048')).toBe(true);
    expect(frenchVatValid('FR 83 404 833 048')).toBe(true);
    expect(frenchVatValid('FR84404833048')).toBe(false);
    expect(frenchVatValid('FR8340483304')).toBe(false);
  });

  it('accept exactly one key per SIREN', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 99 }), (eight, k) => {
        const siren = withLuhnDigit(eight);
        const key = String(k).padStart(2, '0');
        expect(frenchVatValid(`FR${key}${siren}`)).toBe(key === frenchVatKey(siren));
      }),
    );
  });
});

describe('SIREN and SIRET', () => {
  it('follow Luhn, La Poste following its own sum', () => {
    expect(sirenValid('404833048')).toBe(true);
    expect(sirenValid('404833049')).toBe(false);
    expect(siretValid('99887766600011')).toBe(true);
    expect(siretValid('99887766600012')).toBe(false);
    // La Poste (SIREN 356 000 000): a digit sum that is a multiple of 5, Luhn or not.
    expect(siretValid('35600000000001')).toBe(true);
    expect(luhnValid('35600000000001')).toBe(false);
    expect(siretValid('35600000000000')).toBe(false);
  });
});

describe('checkKeyedEntry', () => {
  it('lets a sound invoice through', () => {
    expect(ids(keyed())).toEqual([]);
  });

  it('refuses an invoice dated after tomorrow, takes tomorrow (a time zone)', () => {
    expect(ids(keyed({ issueDate: '2026-12-08', dueDate: '2027-01-08' }))).toEqual([]);
    expect(ids(keyed({ issueDate: '2026-12-09', dueDate: '2027-01-08' }))).toEqual([
      'SAISIE-DATE-FUTURE@issueDate',
    ]);
  });

  it('refuses a date before 2000 and a due date before the invoice date', () => {
    expect(ids(keyed({ issueDate: '1926-11-20', dueDate: '2026-12-20' }))).toEqual([
      'SAISIE-DATE-ANCIENNE@issueDate',
    ]);
    expect(ids(keyed({ dueDate: '2026-11-19' }))).toEqual(['SAISIE-ECHEANCE@dueDate']);
    expect(ids(keyed({ dueDate: '2026-11-20' }))).toEqual([]);
  });

  it('refuses a wrong check key of the SIRET and of a French VAT number, not of another country', () => {
    const k = keyed();
    expect(ids({ ...k, supplier: { ...k.supplier, identifier: '99887766600012' } })).toEqual([
      'SAISIE-SIRET@supplier.identifier',
    ]);
    expect(ids({ ...k, supplier: { ...k.supplier, vatId: 'FR32998877666' } })).toEqual([
      'SAISIE-TVA-FR@supplier.vatId',
    ]);
    expect(ids({ ...k, supplier: { ...k.supplier, vatId: 'DE123456789' } })).toEqual([]);
  });

  it('refuses an invoice number beyond 20 characters, counting characters, not UTF-16 units', () => {
    expect(ids(keyed({ number: 'F'.repeat(20) }))).toEqual([]);
    expect(ids(keyed({ number: 'F'.repeat(21) }))).toEqual(['SAISIE-NUMERO@number']);
    // 20 characters, 21 UTF-16 units: accepted.
    expect(ids(keyed({ number: `${'É'.repeat(19)}𝔉` }))).toEqual([]);
    const [f] = checkKeyedEntry(keyed({ number: 'FAC-2026-000000012345' }), { today, lang: 'fr' });
    expect(f?.message).toBe(
      'Le numéro de facture a 21 caractères : raccourcissez-le à 20 au plus, tel qu’il figure dans votre comptabilité.',
    );
  });

  it('refuses an amount beyond 15 integer digits, at its field', () => {
    const k = keyed();
    const big = '1234567890123456.00';
    expect(ids({ ...k, lines: [{ ...k.lines[0]!, unitPrice: big }] })).toEqual([
      'SAISIE-MONTANT@lines.0.unitPrice',
    ]);
    expect(ids({ ...k, lines: [{ ...k.lines[0]!, quantity: '000000000000000001' }] })).toEqual([]);
  });

  it('warns of a VAT rate France does not use, however it is written', () => {
    const k = keyed();
    for (const rate of ['5.5', '5.50', '20.00', '8.5', '2.1', '0']) {
      expect(ids({ ...k, lines: [{ ...k.lines[0]!, vatRate: rate }] })).toEqual([]);
    }
    const found = checkKeyedEntry(
      { ...k, lines: [{ ...k.lines[0]!, vatRate: '19' }] },
      { today, lang: 'fr' },
    );
    expect(found.map((f) => [f.id, f.flag, f.field])).toEqual([
      ['SAISIE-TAUX-TVA', 'warning', 'lines.0.vatRate'],
    ]);
    expect(found[0]!.message).toContain('19 %');
  });
});

describe('validateKeyed', () => {
  it('reports the entry checks beside the EN 16931 rules, at their field, and not valid', () => {
    const report = validateKeyed(keyed({ dueDate: '2026-11-01' }), undefined, {
      today,
      lang: 'fr',
    });
    expect(report.valid).toBe(false);
    expect(report.fatal).toContain('SAISIE-ECHEANCE');
    const finding = report.findings.find((f) => f.id === 'SAISIE-ECHEANCE')!;
    expect(finding.field).toBe('dueDate');
    expect(finding.message).toMatch(/^L’échéance \(2026-11-01\) précède/);
  });
});
