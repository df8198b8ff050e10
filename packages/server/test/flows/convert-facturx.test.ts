/**
 * Outbound conversion to Factur-X: a UBL invoice that CII can carry becomes a Factur-X PDF; one
 * it cannot (two preceding invoices, BT-25) is sent as deposited, with the library's reason
 * naming the term in French and English — never as an invalid Factur-X.
 */
import { describe, expect, it } from 'vitest';
import { readPdf, validateFacturX, writeUbl } from '@chorale/einvoice';
import { convertForRecipient } from '../../src/flows/outbound/convert.js';
import { keyedToModel } from '../../src/invoices/keyed-invoice.js';
import { demoBuyer, keyedInvoice, ublInvoice } from '../support/invoices.js';

const date = new Date('2026-12-07T10:00:00Z');

describe('convertForRecipient to Factur-X', () => {
  it('turns a UBL invoice into a Factur-X whose XML is valid for its profile', async () => {
    const out = await convertForRecipient({
      original: ublInvoice(),
      mediaType: 'application/xml',
      format: 'FACTURX',
      date,
    });
    expect(out.fallback).toBeNull();
    expect(out.form).toBe('FACTURX');
    const pdf = await readPdf(out.bytes);
    if (pdf.kind !== 'hybrid') throw new Error('no embedded XML');
    expect(validateFacturX(pdf.xml, { profile: 'EN 16931' }).valid).toBe(true);
  });

  it('sends the original, saying why in both languages, when CII cannot carry it', async () => {
    const model = keyedToModel(keyedInvoice(), demoBuyer);
    model.precedingInvoices = [
      { id: 'F-2026-0001', issueDate: '2026-01-15' },
      { id: 'F-2026-0002', issueDate: '2026-02-15' },
    ];
    const original = new TextEncoder().encode(writeUbl(model));
    const out = await convertForRecipient({
      original,
      mediaType: 'application/xml',
      format: 'FACTURX',
      date,
    });
    expect(out.form).toBe('UBL');
    expect(out.bytes).toBe(original);
    expect(out.fallback?.code).toBe('CONVERSION_IMPOSSIBLE');
    expect(out.fallback?.message.fr).toContain('BT-25');
    expect(out.fallback?.message.fr).toContain('F-2026-0002');
    expect(out.fallback?.message.en).toContain('BT-25');
    expect(out.fallback?.message.en).toContain('preceding invoices');
  });
});
