import { describe, expect, it } from 'vitest';
import { checkKeyedEntry, MAX_INVOICE_NUMBER_LENGTH } from '@chorale/einvoice';
import { characterCount, INVOICE_NUMBER_MAX_LENGTH } from '../src/pages/entry/limits.js';

describe('the key-in form counter of the invoice number', () => {
  it('counts to the engine’s limit', () => {
    expect(INVOICE_NUMBER_MAX_LENGTH).toBe(MAX_INVOICE_NUMBER_LENGTH);
  });

  it('counts characters as the engine does', () => {
    for (const number of ['F-1', `${'É'.repeat(19)}𝔉`, ` ${'A'.repeat(21)} `]) {
      const refused = checkKeyedEntry(
        {
          supplier: { identifier: '', name: '', address: { countryCode: 'FR' } },
          recipient: { identifier: '' },
          number,
          issueDate: '',
          type: 'FACTURE',
          currency: 'EUR',
          lines: [],
          vatBreakdown: [],
          totals: {},
        } as unknown as Parameters<typeof checkKeyedEntry>[0],
        { today: '2026-12-07' },
      ).some((f) => f.id === 'SAISIE-NUMERO');
      expect(refused).toBe(characterCount(number) > INVOICE_NUMBER_MAX_LENGTH);
    }
  });
});
