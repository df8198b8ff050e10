/**
 * The differential tester's own parts (test/support/diff/): mutations change the file, the
 * same seed gives the same cases, generated invoices add up, and the minimiser keeps the
 * disagreement it was asked to keep. The official judge is replaced here by a stand-in (our
 * own verdict minus one rule), so these tests need no Java; the tester against the real
 * reference runs in diff.test.ts.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRoot, serialize } from '../negative/mutate.js';
import { generateInvoice } from '../support/diff/generate.js';
import { differences, EXAMPLES_DIR, judgeOurs, type Verdict } from '../support/diff/judges.js';
import { minimiseAll } from '../support/diff/minimise.js';
import { mutate, MUTATION_KINDS } from '../support/diff/mutations.js';
import { seededRng } from '../support/diff/random.js';
import { makeCase } from '../support/diff/run.js';

const requireShared = existsSync(EXAMPLES_DIR) || process.env.CI === 'true';

describe('generated invoices', () => {
  it('are distinct, of 10 to 15 lines, and valid by their own sums in both syntaxes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const syntax = i % 2 ? 'CII' : 'UBL';
      const text = generateInvoice(seededRng(i), syntax, i);
      seen.add(text);
      const ours = judgeOurs(text);
      expect(ours.status).toBe('ok');
      expect(ours.xsdValid).toBe(true);
      // Totals and VAT breakdowns add up: no BR-CO sum rule fires.
      expect(ours.fatal.filter((id) => /^BR-CO-1[0-7]$/.test(id))).toEqual([]);
      const lines = (text.match(/<(cac:InvoiceLine|ram:IncludedSupplyChainTradeLineItem)>/g) ?? [])
        .length;
      expect(lines).toBeGreaterThanOrEqual(10);
      expect(lines).toBeLessThanOrEqual(15);
    }
    expect(seen.size).toBe(40);
  });

  it('cover every VAT category and allowances and charges', () => {
    const all = Array.from({ length: 200 }, (_, i) =>
      generateInvoice(seededRng(i), 'UBL', i),
    ).join();
    for (const code of ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'])
      expect(all).toContain(`<cbc:ID>${code}</cbc:ID>`);
    expect(all).toContain('<cbc:ChargeIndicator>true</cbc:ChargeIndicator>');
    expect(all).toContain('<cbc:ChargeIndicator>false</cbc:ChargeIndicator>');
  });
});

describe('mutations', () => {
  const base = generateInvoice(seededRng(7), 'CII', 7);
  const written = serialize(parseRoot(base), true);

  it.each(MUTATION_KINDS)('%s changes the file, the same way for the same seed', (kind) => {
    for (let seed = 0; seed < 25; seed++) {
      const m = mutate(base, kind, seededRng(seed));
      expect(m, `${kind} found nothing to change`).not.toBeNull();
      expect(m!.text).not.toBe(written);
      expect(m!.kind).toBe(kind);
      expect(mutate(base, kind, seededRng(seed))).toEqual(m);
    }
  });
});

describe.runIf(requireShared)('cases of a run', () => {
  it('are the same for the same seed and differ for another', () => {
    const a = Array.from({ length: 24 }, (_, i) => makeCase(42, i));
    const b = Array.from({ length: 24 }, (_, i) => makeCase(42, i));
    const c = Array.from({ length: 24 }, (_, i) => makeCase(43, i));
    expect(b).toEqual(a);
    expect(c.map((x) => x.text)).not.toEqual(a.map((x) => x.text));
    expect(new Set(a.map((x) => x.kind)).size).toBeGreaterThan(4);
  });
});

describe('the minimiser', () => {
  // A stand-in official judge that never fires BR-CL-01 (the invoice type code): a
  // disagreement whenever we fire it.
  const blind = (text: string): Verdict => {
    const v = judgeOurs(text);
    return { ...v, fatal: v.fatal.filter((id) => id !== 'BR-CL-01') };
  };
  const judges = { ours: judgeOurs, official: (texts: readonly string[]) => texts.map(blind) };

  it('keeps the disagreement and removes what does not carry it', () => {
    const base = generateInvoice(seededRng(3), 'UBL', 3);
    const text = base.replace(/<cbc:InvoiceTypeCode>\d+/, '<cbc:InvoiceTypeCode>999');
    expect(differences(judgeOurs(text), blind(text))).toContain('+fatal BR-CL-01');
    const [small] = minimiseAll([{ text, item: '+fatal BR-CL-01' }], judges);
    expect(differences(judgeOurs(small!), blind(small!))).toContain('+fatal BR-CL-01');
    expect(small!.length).toBeLessThan(text.length / 10);
    expect(small).toContain('<cbc:InvoiceTypeCode>999</cbc:InvoiceTypeCode>');
    expect(small).not.toContain('InvoiceLine');
  });
});
