/**
 * Our Factur-X profile verdicts against the official Factur-X 1.09 rules (each profile's XML
 * Schema and Schematron, run by Saxon-HE: test/support/facturx-reference.ts), on every shared
 * Factur-X sample, the shared Factur-X PDF, the mutations of the samples and generated
 * MINIMUM and EXTENDED invoices (facturx-mutations.ts).
 *
 * Needs Java, Saxon-HE and ../shared: skipped without them on a developer's machine, run (and
 * failing) under CI=true.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../src/pdf/read.js';
import { validateFacturX } from '../../src/profiles/validate-facturx.js';
import { validate } from '../../src/validate.js';
import { referenceRequired, SHARED, type ReferenceProfile } from '../support/facturx-reference.js';
import { compare, disagreement, sampleCases, SAMPLES, type Compared } from './facturx-agreement.js';

describe.runIf(referenceRequired)('Factur-X profiles against the official rules', () => {
  let results: Compared[] = [];
  let pdfXml = '';

  beforeAll(async () => {
    const pdf = await readPdf(
      new Uint8Array(readFileSync(join(SHARED, 'conformance/factur-x/pdf/invoice_EN16931.pdf'))),
    );
    if (pdf.kind !== 'hybrid') throw new Error('the shared Factur-X PDF carries no XML');
    pdfXml = new TextDecoder().decode(pdf.xml);
    results = compare([
      ...sampleCases(),
      { profile: 'EN 16931', name: 'pdf/invoice_EN16931.pdf', xml: pdfXml },
    ]);
  }, 300_000);

  it('gives every shared sample (and the PDF) the official verdict and rule ids', () => {
    const samples = [...Object.values(SAMPLES), 'pdf/invoice_EN16931.pdf'];
    const judged = results.filter((c) => samples.includes(c.name));
    expect(judged.map((c) => c.name).sort()).toEqual(samples.sort());
    for (const c of judged) {
      // The official ids per sample: the shared samples are all valid for their profile.
      expect({ name: c.name, ids: c.official.ids, valid: c.official.valid }).toEqual({
        name: c.name,
        ids: [],
        valid: true,
      });
      expect({ name: c.name, fatal: c.ours.fatal, valid: c.ours.valid }).toEqual({
        name: c.name,
        fatal: [],
        valid: true,
      });
    }
    // MINIMUM and BASIC WL fail EN 16931 as such: their profile is what makes them valid.
    for (const p of ['MINIMUM', 'BASIC WL'] as ReferenceProfile[]) {
      const c = judged.find((x) => x.profile === p)!;
      expect(validate(c.xml).valid).toBe(false);
      expect(c.ours.rules).toBe(p);
    }
  });

  it('agrees with the official verdict and rules on every derived invoice', () => {
    const wrong = results
      .map((c) => ({ profile: c.profile, name: c.name, why: disagreement(c) }))
      .filter((d) => d.why !== null);
    expect(wrong).toEqual([]);
  });

  it('derives invoices the official rules refuse and accept, in every profile', () => {
    // A guard on the comparison itself: it must see both verdicts, per profile.
    for (const p of Object.keys(SAMPLES) as ReferenceProfile[]) {
      const mine = results.filter((c) => c.profile === p && c.official.valid !== null);
      const refused = mine.filter((c) => c.official.valid === false).length;
      const accepted = mine.filter((c) => c.official.valid === true).length;
      expect({ p, refused: refused >= 15, accepted: accepted >= 1 }).toEqual({
        p,
        refused: true,
        accepted: true,
      });
    }
    // The EXTENDED generated invoices: group lines and logistics charges are accepted.
    const ext = results.filter((c) => c.name.startsWith('generated EXTENDED'));
    expect(ext.filter((c) => c.official.valid === true).length).toBeGreaterThanOrEqual(3);
    // And what the official rules could not judge (their own stylesheet failed) stays few.
    expect(results.filter((c) => c.official.valid === null).length).toBeLessThan(20);
  });

  it('names the rule set that judged each invoice', () => {
    const rulesOf = (name: string, profile: ReferenceProfile): string =>
      validateFacturX(results.find((c) => c.name === name && c.profile === profile)!.xml).rules;
    expect(rulesOf(SAMPLES.MINIMUM, 'MINIMUM')).toBe('MINIMUM');
    expect(rulesOf(SAMPLES['BASIC WL'], 'BASIC WL')).toBe('BASIC WL');
    expect(rulesOf(SAMPLES.BASIC, 'BASIC')).toBe('BASIC + EN 16931');
    expect(rulesOf(SAMPLES.EXTENDED, 'EXTENDED')).toBe('EXTENDED');
    // The bare EN 16931 id is judged as EN 16931 unless the profile is declared.
    expect(rulesOf(SAMPLES['EN 16931'], 'EN 16931')).toBe('EN 16931');
    expect(validateFacturX(pdfXml, { profile: 'EN 16931' }).rules).toBe(
      'Factur-X EN 16931 + EN 16931',
    );
  });
});
