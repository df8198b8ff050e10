import { describe, expect, it } from 'vitest';
import { checkVatCategories } from '../../src/rules/business/vat.js';
import { VAT_MESSAGES } from '../../src/rules/business/vat-messages.js';
import type { Reporter } from '../../src/rules/engine.js';
import { messageFor } from '../../src/messages/catalogue.js';
import { validate } from '../../src/validate.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyInvoice, type Invoice, type Syntax } from '../../src/model/types.js';
import { sharedMaterial } from '../support/shared-material.js';

function ids(inv: Invoice): string[] {
  const out: string[] = [];
  const r: Reporter = {
    fire(id) {
      out.push(id);
    },
  };
  checkVatCategories(inv, r);
  return out;
}

interface Spec {
  prefix: string;
  code: string;
  rate: string | undefined;
  /** A rate that breaks 05/06/07. */
  badRate: string | undefined;
  exemption: boolean;
  rated: boolean;
}

const SPECS: Spec[] = [
  { prefix: 'BR-S', code: 'S', rate: '20', badRate: '0', exemption: false, rated: true },
  { prefix: 'BR-Z', code: 'Z', rate: '0', badRate: '5', exemption: false, rated: false },
  { prefix: 'BR-E', code: 'E', rate: '0', badRate: '5', exemption: true, rated: false },
  { prefix: 'BR-AE', code: 'AE', rate: '0', badRate: '5', exemption: true, rated: false },
  { prefix: 'BR-IC', code: 'K', rate: '0', badRate: '5', exemption: true, rated: false },
  { prefix: 'BR-G', code: 'G', rate: '0', badRate: '5', exemption: true, rated: false },
  { prefix: 'BR-O', code: 'O', rate: undefined, badRate: '0', exemption: true, rated: false },
  { prefix: 'BR-AF', code: 'L', rate: '7', badRate: '-1', exemption: false, rated: true },
  { prefix: 'BR-AG', code: 'M', rate: '4', badRate: '-1', exemption: false, rated: true },
];

/** A consistent invoice of one category: one line of 100, one allowance of 10, one charge of 5. */
function base(s: Spec, syntax?: Syntax): Invoice {
  const inv = emptyInvoice();
  if (syntax) inv.syntax = syntax;
  inv.currencyCode = 'EUR';
  inv.seller = { name: 'Seller', identifiers: [] };
  inv.buyer = { name: 'Buyer' };
  if (s.code !== 'O') inv.seller.vatId = 'FR12345678901';
  if (s.code === 'AE' || s.code === 'K') inv.buyer.vatId = 'DE123456789';
  if (s.code === 'K') {
    inv.delivery = { actualDate: '2024-01-15', address: { countryCode: 'DE' } };
  }
  const withRate = <T extends object>(x: T): T =>
    s.rate === undefined ? x : { ...x, vatRate: s.rate };
  inv.lines.push(
    withRate({
      id: '1',
      netAmount: '100.00',
      vatCategoryCode: s.code,
      allowances: [],
      charges: [],
    }),
  );
  inv.allowances.push(withRate({ amount: '10.00', vatCategoryCode: s.code, reason: 'Discount' }));
  inv.charges.push(withRate({ amount: '5.00', vatCategoryCode: s.code, reason: 'Freight' }));
  const tax = s.rate === undefined ? '0' : ((95 * Number(s.rate)) / 100).toFixed(2);
  inv.vatBreakdowns.push({
    taxableAmount: '95.00',
    taxAmount: tax,
    categoryCode: s.code,
    ...(s.rate === undefined ? {} : { rate: s.rate }),
    ...(s.exemption ? { exemptionReasonCode: 'VATEX-EU-X' } : {}),
  });
  return inv;
}

/** Removes what the category requires of the parties (or adds what it forbids). */
function breakParties(inv: Invoice, s: Spec): void {
  if (s.code === 'O') inv.buyer!.vatId = 'DE123';
  else if (s.code === 'AE' || s.code === 'K') delete inv.buyer!.vatId;
  else delete inv.seller!.vatId;
}

const SYNTAXES: (Syntax | undefined)[] = [undefined, 'UBL', 'CII'];

describe.each(SPECS)('$prefix (category $code)', (s) => {
  it.each(SYNTAXES)('a consistent invoice fires nothing (%s)', (syntax) => {
    expect(ids(base(s, syntax))).toEqual([]);
  });

  it.each(SYNTAXES)('01: no breakdown for a used category (%s)', (syntax) => {
    const inv = base(s, syntax);
    inv.vatBreakdowns = [];
    // CII's BR-O-01 only checks an O breakdown that is there.
    const fires = !(syntax === 'CII' && s.code === 'O');
    expect(ids(inv).includes(`${s.prefix}-01`)).toBe(fires);
  });

  it('01: single-rate categories take exactly one breakdown', () => {
    const inv = base(s, 'UBL');
    inv.vatBreakdowns.push({ ...inv.vatBreakdowns[0]!, taxableAmount: '0', taxAmount: '0' });
    expect(ids(inv).includes(`${s.prefix}-01`)).toBe(!s.rated);
  });

  it.each(SYNTAXES)('02/03/04: VAT identifiers of the parties (%s)', (syntax) => {
    const inv = base(s, syntax);
    breakParties(inv, s);
    const fired = ids(inv);
    expect(fired).toContain(`${s.prefix}-02`);
    expect(fired).toContain(`${s.prefix}-03`);
    expect(fired).toContain(`${s.prefix}-04`);
  });

  it('02: UBL reports once, CII once per line', () => {
    const inv = base(s, 'UBL');
    breakParties(inv, s);
    inv.lines.push({ ...inv.lines[0]!, id: '2', netAmount: '0' });
    expect(ids(inv).filter((i) => i === `${s.prefix}-02`)).toHaveLength(1);
    inv.syntax = 'CII';
    expect(ids(inv).filter((i) => i === `${s.prefix}-02`)).toHaveLength(2);
  });

  it.each(SYNTAXES)('05/06/07: rates of lines, allowances, charges (%s)', (syntax) => {
    const inv = base(s, syntax);
    for (const x of [inv.lines[0]!, inv.allowances[0]!, inv.charges[0]!]) {
      if (s.badRate === undefined) delete x.vatRate;
      else x.vatRate = s.badRate;
    }
    const fired = ids(inv);
    for (const n of ['05', '06', '07']) expect(fired).toContain(`${s.prefix}-${n}`);
  });

  it.each(SYNTAXES)('08: taxable amount of the breakdown (%s)', (syntax) => {
    const inv = base(s, syntax);
    inv.vatBreakdowns[0]!.taxableAmount = '90.00';
    // IGIC and IPSI taxable amounts are not checked in CII (the official assert cannot fail).
    const checked = !(syntax === 'CII' && (s.code === 'L' || s.code === 'M'));
    expect(ids(inv).includes(`${s.prefix}-08`)).toBe(checked);
  });

  it.each(SYNTAXES)('09: tax amount of the breakdown (%s)', (syntax) => {
    const inv = base(s, syntax);
    inv.vatBreakdowns[0]!.taxAmount = s.rated ? '50.00' : '1.00';
    // IGIC and IPSI tax amounts are not checked in CII.
    const checked = !(syntax === 'CII' && (s.code === 'L' || s.code === 'M'));
    expect(ids(inv).includes(`${s.prefix}-09`)).toBe(checked);
  });

  it.each(SYNTAXES)('10: exemption reason (%s)', (syntax) => {
    const inv = base(s, syntax);
    const b = inv.vatBreakdowns[0]!;
    if (s.exemption) delete b.exemptionReasonCode;
    else b.exemptionReason = 'Exempt';
    expect(ids(inv)).toContain(`${s.prefix}-10`);
  });

  it('has messages for its rules, in both languages', () => {
    for (let n = 1; n <= 10; n++) {
      const m = VAT_MESSAGES[`${s.prefix}-${String(n).padStart(2, '0')}`];
      expect(m?.fr).toMatch(/\(BT-|BG-/);
      expect(m?.en).toMatch(/\(BT-|BG-/);
    }
  });
});

describe('category specifics', () => {
  const S = SPECS[0]!;
  const Z = SPECS[1]!;
  const K = SPECS[4]!;
  const O = SPECS[6]!;
  const L = SPECS[7]!;

  it('BR-S-08: UBL tolerates less than one unit per rate; CII wants equality', () => {
    const inv = base(S, 'UBL');
    inv.vatBreakdowns[0]!.taxableAmount = '95.50';
    expect(ids(inv)).not.toContain('BR-S-08');
    inv.syntax = 'CII';
    expect(ids(inv)).toContain('BR-S-08');
  });

  it('UBL: BR-S-01 and the 08 sums also see categories outside the VAT scheme', () => {
    const ubl = (body: string) =>
      `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
        xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
        xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${body}</Invoice>`;
    const line = `<cac:InvoiceLine><cbc:LineExtensionAmount currencyID="EUR">100</cbc:LineExtensionAmount>
      <cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>
      </cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>`;
    // A line whose S category has no VAT scheme, and no breakdown: BR-S-01 fires.
    expect(validate(ubl(line)).fatal).toContain('BR-S-01');
    const breakdown = `<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20</cbc:TaxAmount><cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">100</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">20</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>`;
    // With the breakdown, the line counts in its taxable amount: neither 01 nor 08 fires.
    const report = validate(ubl(breakdown + line));
    expect(report.fatal).not.toContain('BR-S-01');
    expect(report.fatal).not.toContain('BR-S-08');
  });

  it('BR-S-08: UBL wants something at the breakdown rate', () => {
    const inv = base(S, 'UBL');
    inv.vatBreakdowns.push({ taxableAmount: '0', taxAmount: '0', categoryCode: 'S', rate: '10' });
    expect(ids(inv)).toContain('BR-S-08');
    // rates are compared as numbers
    const b = base(S, 'UBL');
    b.vatBreakdowns[0]!.rate = '20.00';
    expect(ids(b)).not.toContain('BR-S-08');
  });

  it('BR-Z-08: UBL wants the exact sum, CII tolerates less than one unit', () => {
    const inv = base(Z, 'UBL');
    inv.vatBreakdowns[0]!.taxableAmount = '95.50';
    expect(ids(inv)).toContain('BR-Z-08');
    inv.syntax = 'CII';
    expect(ids(inv)).not.toContain('BR-Z-08');
  });

  it('BR-Z-01: a lone breakdown passes in UBL, not in CII', () => {
    const inv = base(Z, 'UBL');
    inv.lines[0]!.vatCategoryCode = 'S';
    inv.allowances = [];
    inv.charges = [];
    expect(ids(inv)).not.toContain('BR-Z-01');
    inv.syntax = 'CII';
    expect(ids(inv)).toContain('BR-Z-01');
  });

  it('BR-AF-05: a rate of 0 passes in UBL, not in CII', () => {
    const inv = base(L, 'UBL');
    inv.lines[0]!.vatRate = '0';
    expect(ids(inv)).not.toContain('BR-AF-05');
    inv.syntax = 'CII';
    expect(ids(inv)).toContain('BR-AF-05');
  });

  it('BR-IC-11 / BR-IC-12: delivery date and country', () => {
    for (const syntax of SYNTAXES) {
      const inv = base(K, syntax);
      delete inv.delivery;
      expect(ids(inv)).toEqual(['BR-IC-11', 'BR-IC-12']);
      inv.invoicingPeriod = { startDate: '2024-01-01' };
      inv.delivery = { address: { countryCode: 'DE' } };
      expect(ids(inv)).toEqual([]);
    }
    // UBL wants at least two characters.
    const u = base(K, 'UBL');
    u.delivery!.address!.countryCode = 'D';
    expect(ids(u)).toEqual(['BR-IC-12']);
    u.syntax = 'CII';
    expect(ids(u)).toEqual([]);
  });

  it('BR-O-11 to BR-O-14: nothing but O beside an O breakdown', () => {
    const inv = base(O, 'UBL');
    inv.vatBreakdowns.push({ taxableAmount: '0', taxAmount: '0', categoryCode: 'Z', rate: '0' });
    expect(ids(inv)).toContain('BR-O-11');
    expect(ids(inv)).not.toContain('BR-O-12');
    const b = base(O, 'UBL');
    b.lines.push({ ...b.lines[0]!, id: '2', vatCategoryCode: 'E' });
    b.allowances.push({ ...b.allowances[0]!, vatCategoryCode: 'E' });
    b.charges.push({ ...b.charges[0]!, vatCategoryCode: 'E' });
    const fired = ids(b);
    for (const id of ['BR-O-12', 'BR-O-13', 'BR-O-14']) expect(fired).toContain(id);
    expect(fired).not.toContain('BR-O-11');
    // CII: 11 and 12 look at breakdowns and lines alike, 13 and 14 at allowances and charges.
    const c = base(O, 'CII');
    c.allowances.push({ ...c.allowances[0]!, vatCategoryCode: 'E' });
    const cf = ids(c);
    expect(cf).toContain('BR-O-13');
    expect(cf).toContain('BR-O-14');
    expect(cf).not.toContain('BR-O-11');
  });

  it('fills every placeholder of its messages from the params it passes', () => {
    for (const s of SPECS) {
      for (const syntax of SYNTAXES) {
        const inv = base(s, syntax);
        breakParties(inv, s);
        inv.vatBreakdowns.push({ taxableAmount: '1', taxAmount: '1', categoryCode: s.code });
        inv.lines[0]!.vatRate = s.badRate;
        inv.vatBreakdowns[0]!.taxableAmount = '1';
        const out: { id: string; params?: Record<string, string> }[] = [];
        checkVatCategories(inv, { fire: (id, _a, _f, params) => out.push({ id, params }) });
        expect(out.length).toBeGreaterThan(2);
        for (const f of out) {
          for (const lang of ['fr', 'en'] as const) {
            const text = messageFor(
              { id: f.id, flag: 'fatal', path: '/', line: 0, column: 0, params: f.params },
              lang,
            );
            expect(text, `${f.id} ${lang}`).not.toMatch(/\{\w+\}/);
          }
        }
      }
    }
  });

  it('has messages for the extra rules', () => {
    for (const id of ['BR-IC-11', 'BR-IC-12', 'BR-O-11', 'BR-O-12', 'BR-O-13', 'BR-O-14']) {
      expect(VAT_MESSAGES[id]?.en).toBeTruthy();
      expect(VAT_MESSAGES[id]?.fr).toBeTruthy();
    }
  });
});

// End to end on official valid CII examples (the official CII unit cases hardly cover the
// VAT categories), broken one element at a time.
const CII_DIR = join(
  import.meta.dirname,
  '../../../../../shared/conformance/en16931/examples/cii/examples',
);

describe.runIf(sharedMaterial(CII_DIR))('VAT categories on CII invoices read from XML', () => {
  const load = (name: string) => readFileSync(join(CII_DIR, name), 'utf8');
  const mine = (text: string, prefix: string) =>
    [...validate(text).fatal].filter((id) => id.startsWith(prefix));
  const swap = (xml: string, from: string, to: string, all = false) => {
    expect(xml).toContain(from);
    return all ? xml.split(from).join(to) : xml.replace(from, to);
  };

  it('Z: valid as is; seller VAT id, tax amount and exemption reason checked', () => {
    const xml = load('CII_business_example_Z.xml');
    expect(mine(xml, 'BR-Z-')).toEqual([]);
    // Without the seller's VAT id, each Z line fails BR-Z-02 (CII: once per line).
    const noVat = swap(xml, '<ram:ID schemeID="VA">DE37/302/30168</ram:ID>', '');
    const r = validate(noVat).findings.filter((f) => f.id === 'BR-Z-02');
    expect(r).toHaveLength(3);
    expect(
      mine(
        swap(
          xml,
          '<ram:CalculatedAmount>0.00</ram:CalculatedAmount>',
          '<ram:CalculatedAmount>0.01</ram:CalculatedAmount>',
        ),
        'BR-Z-',
      ),
    ).toEqual(['BR-Z-09']);
    expect(
      mine(
        swap(
          xml,
          '<ram:BasisAmount>11693.87</ram:BasisAmount>',
          '<ram:BasisAmount>11693.87</ram:BasisAmount><ram:ExemptionReason>x</ram:ExemptionReason>',
        ),
        'BR-Z-',
      ),
    ).toEqual(['BR-Z-10']);
    // Within one unit passes in CII (UBL wants the exact sum).
    expect(
      mine(
        swap(
          xml,
          '<ram:BasisAmount>11693.87</ram:BasisAmount>',
          '<ram:BasisAmount>11694.50</ram:BasisAmount>',
        ),
        'BR-Z-',
      ),
    ).toEqual([]);
    expect(
      mine(
        swap(
          xml,
          '<ram:BasisAmount>11693.87</ram:BasisAmount>',
          '<ram:BasisAmount>11695.00</ram:BasisAmount>',
        ),
        'BR-Z-',
      ),
    ).toEqual(['BR-Z-08']);
  });

  it('O: valid as is; no VAT id, no other category', () => {
    const xml = load('XRechnung-O.xml');
    expect(mine(xml, 'BR-O-')).toEqual([]);
    const withVat = swap(
      xml,
      '<ram:ID schemeID="FC">XX</ram:ID>',
      '<ram:ID schemeID="VA">DE123456789</ram:ID>',
    );
    expect(mine(withVat, 'BR-O-')).toEqual(['BR-O-02', 'BR-O-04']); // it has an O charge too
    // One line switched to S: CII's BR-O-11 and BR-O-12 both see it.
    const otherLine = swap(
      xml,
      '<ram:CategoryCode>O</ram:CategoryCode>',
      '<ram:CategoryCode>S</ram:CategoryCode>',
    );
    const fired = mine(otherLine, 'BR-O-');
    expect(fired).toContain('BR-O-11');
    expect(fired).toContain('BR-O-12');
  });
});
