import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv';

describe('buildCsv', () => {
  it('writes French CSV for Excel: BOM, ";" separator, decimal commas, CRLF', () => {
    const csv = buildCsv({
      lang: 'fr',
      headers: ['Numéro', 'Montant TTC'],
      rows: [
        [{ text: 'F-1' }, { amount: '1500.00' }],
        [{ text: 'F;2' }, { amount: '-12.345678' }],
        [{ text: 'dit "vrai"' }, { amount: null }],
      ],
    });
    expect(csv).toBe(
      '\ufeffNuméro;Montant TTC\r\nF-1;1500,00\r\n"F;2";-12,345678\r\n"dit ""vrai""";\r\n',
    );
  });

  it('keeps decimal points and "," in English, and every digit of an amount', () => {
    const csv = buildCsv({
      lang: 'en',
      headers: ['Number', 'Total'],
      rows: [[{ text: 'A,B' }, { amount: '12345678901234.99' }]],
    });
    expect(csv).toBe('\ufeffNumber,Total\r\n"A,B",12345678901234.99\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, not amounts or dates', () => {
    const csv = buildCsv({
      lang: 'fr',
      headers: ['a', 'b', 'c', 'd'],
      rows: [
        [
          { text: '=HYPERLINK("x")' },
          { text: '@SUM(A1)' },
          { amount: '-5.00' },
          { date: '2026-11-23' },
        ],
      ],
    });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")";'@SUM(A1);-5,00;2026-11-23`);
  });
});
