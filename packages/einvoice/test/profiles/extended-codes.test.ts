/**
 * The Factur-X EXTENDED rules on notes, partner ids, attribute codes and timestamps
 * (BR-FXEXT-01…04, BR-FXEXT-CII-DT-097a), on the official EXTENDED sample changed once per
 * rule (facturx-mutations.ts; the same cases are judged by the official Schematron in
 * facturx-reference.test.ts when Java and Saxon are there).
 */
import { describe, expect, it } from 'vitest';
import { validateFacturX } from '../../src/profiles/validate-facturx.js';
import { profileRuleMessage } from '../../src/profiles/messages.js';
import { generatedExtended } from './facturx-mutations.js';
import { sampleXml } from './facturx-agreement.js';

const cases = new Map(generatedExtended(sampleXml('EXTENDED')).map((m) => [m.name, m.xml]));
const judge = (what: string) => {
  const xml = cases.get(`generated EXTENDED: ${what}`);
  if (!xml) throw new Error(`no case ${what}`);
  const r = validateFacturX(xml, { lang: 'fr' });
  expect(r.rules).toBe('EXTENDED');
  return r;
};
const OWN = /^BR-FXEXT-(0[1-4]|CII-DT-097a)$/;
const own = (ids: string[]) => ids.filter((id) => OWN.test(id));

describe('Factur-X EXTENDED: notes, partner ids, attribute codes, timestamps', () => {
  it('the official sample breaks none of them', () => {
    const r = validateFacturX(sampleXml('EXTENDED'));
    expect({ valid: r.valid, fatal: own(r.fatal), warning: own(r.warning) }).toEqual({
      valid: true,
      fatal: [],
      warning: [],
    });
  });

  it('refuses a note with a subject code and no text, in the header (01) and on a line (02)', () => {
    const header = judge('document note with a subject and no text');
    expect({ valid: header.valid, own: own(header.fatal) }).toEqual({
      valid: false,
      own: ['BR-FXEXT-01'],
    });
    const finding = header.findings.find((f) => f.id === 'BR-FXEXT-01')!;
    expect(finding.path).toMatch(/ExchangedDocument\/ram:IncludedNote/);
    expect(finding.message).toMatch(/BT-21/);
    const line = judge('line note with a subject and no text');
    expect({ valid: line.valid, own: own(line.fatal) }).toEqual({
      valid: false,
      own: ['BR-FXEXT-02'],
    });
  });

  it('refuses a tax registration other than VA outside the seller (03), not the seller’s', () => {
    const buyer = judge('buyer tax registration that is not a VAT id');
    expect(own(buyer.fatal)).toEqual(['BR-FXEXT-03']);
    expect(buyer.findings.find((f) => f.id === 'BR-FXEXT-03')!.message).toContain('« FC »');
    const seller = judge('seller tax number beside its VAT id');
    expect(own([...seller.fatal, ...seller.warning])).toEqual([]);
  });

  it('warns of an attribute code out of UNTDED 6313 + Factur-X (04), without refusing', () => {
    const listed = judge('item attribute with a listed code');
    expect(own([...listed.fatal, ...listed.warning])).toEqual([]);
    const other = judge('item attribute with a code out of the list');
    expect({ fatal: own(other.fatal), warning: own(other.warning) }).toEqual({
      fatal: [],
      warning: ['BR-FXEXT-04'],
    });
    expect(other.findings.find((f) => f.id === 'BR-FXEXT-04')!.message).toContain('« XYZ »');
  });

  it('refuses a format 205 timestamp that is not CCYYMMDDHHMM (CII-DT-097a)', () => {
    // A well-formed one does not break 097a (the profile's date format list, which we do not
    // check, would refuse 205 there all the same: not compared with the official verdict).
    const sample = sampleXml('EXTENDED');
    const delivery = '<udt:DateTimeString format="102">20260128</udt:DateTimeString>';
    expect(sample.split(delivery)).toHaveLength(2);
    const good = sample.replace(
      delivery,
      '<udt:DateTimeString format="205">202601281430</udt:DateTimeString>',
    );
    expect(own(validateFacturX(good).fatal)).toEqual([]);
    expect(own(judge('delivery date marked format 205').fatal)).toEqual(['BR-FXEXT-CII-DT-097a']);
  });

  it('has a French and an English message for each', () => {
    for (const id of [
      'BR-FXEXT-01',
      'BR-FXEXT-02',
      'BR-FXEXT-03',
      'BR-FXEXT-04',
      'BR-FXEXT-CII-DT-097a',
    ]) {
      const m = profileRuleMessage(id);
      expect({ id, fr: Boolean(m?.fr), en: Boolean(m?.en) }).toEqual({ id, fr: true, en: true });
    }
  });
});
