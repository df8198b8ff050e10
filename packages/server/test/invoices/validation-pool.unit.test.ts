import { validate } from '@chorale/einvoice';
import { describe, expect, it } from 'vitest';
import { ValidationPool } from '../../src/invoices/validation-pool.js';
import { normalisedJson } from '../../src/invoices/validation-worker.js';
import { generatedInvoice } from '../../../../bench/flow-invoices.js';

describe('the validation pool', () => {
  it('gives the report and the stored model of an in-thread validation, from its threads', async () => {
    const pool = new ValidationPool(2);
    for (let i = 0; i < 6; i++) {
      const { bytes } = generatedInvoice('VP', i, i % 2 ? 'CII' : 'UBL');
      const here = validate(bytes);
      const there = await pool.validate(bytes);
      // The caller keeps its bytes: the thread got a copy of its own.
      expect(bytes.byteLength).toBeGreaterThan(0);
      expect(there.modelJson).toBe(normalisedJson(here.invoice!));
      // What the deposit's checks read comes back too: the model but its lines.
      expect(there.report.invoice).toEqual(
        JSON.parse(normalisedJson({ ...here.invoice!, lines: [] })),
      );
      const { invoice: _a, ...hereReport } = here;
      const { invoice: _b, ...thereReport } = there.report;
      expect(thereReport).toEqual(JSON.parse(JSON.stringify(hereReport)));
    }
  });

  it('validates in this thread an invoice too large for its thread’s heap, and goes on', async () => {
    // A heap of 4 MiB cannot hold a 2 MiB invoice's tree: the thread dies of it.
    const pool = new ValidationPool(1, 4);
    const large = generatedInvoice('VPL', 1, 'UBL', 2500).bytes;
    expect(large.byteLength).toBeGreaterThan(2 * 1024 * 1024);
    const answer = await pool.validate(large);
    expect(answer.report.valid).toBe(true);
    // Validated here: the whole model, as in any in-thread validation.
    expect(answer.report.invoice?.lines).toHaveLength(2500);
    // A new thread takes the next invoice.
    const small = generatedInvoice('VPS', 2, 'CII').bytes;
    expect((await pool.validate(small)).report.valid).toBe(true);
  });
});
