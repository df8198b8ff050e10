import { describe, expect, it } from 'vitest';
import { emptyInvoice, type Invoice, type Syntax } from '../../src/model/types.js';
import type { Reporter } from '../../src/rules/engine.js';
import { checkDecimals, tooManyDecimals, wholeCents } from '../../src/rules/business/decimals.js';
import { DECIMAL_MESSAGES } from '../../src/rules/business/decimals-messages.js';
import { ruleFlags } from '../../src/rules/catalogue.js';
import { messageFor } from '../../src/messages/catalogue.js';
import { validate } from '../../src/validate.js';
import { readFileSync } from 'node:fs';

interface Fired {
  id: string;
  field: string | undefined;
  params: Record<string, string> | undefined;
}

function run(inv: Invoice): Fired[] {
  const fired: Fired[] = [];
  const r: Reporter = { fire: (id, _at, field, params) => void fired.push({ id, field, params }) };
  checkDecimals(inv, r);
  return fired;
}
const ids = (inv: Invoice) => run(inv).map((f) => f.id);

/** Every amount the BR-DEC rules look at, each with two decimals. */
function valid(syntax?: Syntax): Invoice {
  const inv = emptyInvoice();
  if (syntax) inv.syntax = syntax;
  inv.currencyCode = 'EUR';
  const ac = () => ({ amount: '1.00', baseAmount: '10.00', percentage: '10.000' });
  inv.allowances.push(ac());
  inv.charges.push(ac());
  inv.totals = {
    lineNetTotal: '100.00',
    allowanceTotal: '1.00',
    chargeTotal: '1.00',
    taxExclusiveAmount: '100.00',
    vatTotal: '20.00',
    taxInclusiveAmount: '120.00',
    prepaidAmount: '0.00',
    roundingAmount: '0',
    payableAmount: '120.00',
  };
  inv.vatBreakdowns.push({ taxableAmount: '100.00', taxAmount: '20.00', categoryCode: 'S' });
  inv.lines.push({
    id: '1',
    netAmount: '100.00',
    // Quantities and prices may have more decimals.
    quantity: '1.2345',
    price: { netPrice: '81.0044' },
    allowances: [ac()],
    charges: [ac()],
  });
  return inv;
}

type Mutate = (inv: Invoice) => void;
const t = (inv: Invoice) => inv.totals!;
const l0 = (inv: Invoice) => inv.lines[0]!;

const FIRING: [string, Mutate][] = [
  ['BR-DEC-01', (i) => (i.allowances[0]!.amount = '1.001')],
  ['BR-DEC-02', (i) => (i.allowances[0]!.baseAmount = '10.000')],
  ['BR-DEC-05', (i) => (i.charges[0]!.amount = '0.125')],
  ['BR-DEC-06', (i) => (i.charges[0]!.baseAmount = '3.141')],
  ['BR-DEC-09', (i) => (t(i).lineNetTotal = '100.001')],
  ['BR-DEC-10', (i) => (t(i).allowanceTotal = '1.001')],
  ['BR-DEC-11', (i) => (t(i).chargeTotal = '1.001')],
  ['BR-DEC-12', (i) => (t(i).taxExclusiveAmount = '100.001')],
  ['BR-DEC-14', (i) => (t(i).taxInclusiveAmount = '120.001')],
  ['BR-DEC-16', (i) => (t(i).prepaidAmount = '0.001')],
  ['BR-DEC-17', (i) => (t(i).roundingAmount = '0.001')],
  ['BR-DEC-18', (i) => (t(i).payableAmount = '120.001')],
  ['BR-DEC-19', (i) => (i.vatBreakdowns[0]!.taxableAmount = '100.001')],
  ['BR-DEC-20', (i) => (i.vatBreakdowns[0]!.taxAmount = '20.001')],
  ['BR-DEC-23', (i) => (l0(i).netAmount = '100.001')],
  ['BR-DEC-24', (i) => (l0(i).allowances[0]!.amount = '1.001')],
  ['BR-DEC-25', (i) => (l0(i).allowances[0]!.baseAmount = '10.001')],
  ['BR-DEC-27', (i) => (l0(i).charges[0]!.amount = '1.001')],
  ['BR-DEC-28', (i) => (l0(i).charges[0]!.baseAmount = '10.001')],
];

describe('BR-DEC: two decimals at most', () => {
  it('fires nothing on two-decimal amounts, whatever the syntax', () => {
    expect(ids(valid('UBL'))).toEqual([]);
    expect(ids(valid('CII'))).toEqual([]);
    expect(ids(valid())).toEqual([]);
  });

  it.each(FIRING)('%s fires in UBL and CII', (id, mutate) => {
    for (const syntax of ['UBL', 'CII'] as const) {
      const inv = valid(syntax);
      mutate(inv);
      expect(ids(inv)).toEqual([id]);
    }
  });

  it('quotes the amount and names the field', () => {
    const inv = valid('CII');
    inv.totals!.payableAmount = '120.005';
    expect(run(inv)).toEqual([
      { id: 'BR-DEC-18', field: 'payableAmount', params: { value: '120.005' } },
    ]);
    const text = messageFor(
      { id: 'BR-DEC-18', flag: 'fatal', path: '/', line: 0, column: 0, params: { value: '1.005' } },
      'en',
    );
    expect(text).toContain('(1.005)');
    expect(text).toContain('BT-115');
  });

  it('counts characters after the first point as written', () => {
    expect(tooManyDecimals('1.00')).toBe(false);
    expect(tooManyDecimals('100')).toBe(false);
    expect(tooManyDecimals(undefined)).toBe(false);
    expect(tooManyDecimals('1.500')).toBe(true);
    // Trailing whitespace counts, as in the official string-length test.
    expect(tooManyDecimals('1.00 ')).toBe(true);
    expect(tooManyDecimals('1.')).toBe(false);
  });

  it('fires once per offending line', () => {
    const inv = valid('CII');
    inv.lines.push(structuredClone(l0(inv)), structuredClone(l0(inv)));
    for (const l of inv.lines) l.netAmount = '1.234';
    expect(ids(inv)).toEqual(['BR-DEC-23', 'BR-DEC-23', 'BR-DEC-23']);
  });

  it('sub-lines count in CII only', () => {
    for (const [syntax, expected] of [
      ['UBL', []],
      ['CII', ['BR-DEC-23']],
    ] as const) {
      const inv = valid(syntax);
      l0(inv).subLines = [{ netAmount: '1.234', allowances: [], charges: [] }];
      expect(ids(inv)).toEqual(expected);
    }
  });

  describe('BR-DEC-13 / BR-DEC-15 (VAT totals, CII and keyed-in only)', () => {
    it('compare the value with cents, so trailing zeros pass', () => {
      expect(wholeCents('20.100')).toBe(true);
      expect(wholeCents('20.105')).toBe(false);
      expect(wholeCents('abc')).toBe(false);
      const inv = valid('CII');
      inv.totals!.vatTotal = '20.000';
      expect(ids(inv)).toEqual([]);
    });

    it('BR-DEC-13 fires on a VAT total with more than cents', () => {
      const inv = valid('CII');
      inv.totals!.vatTotal = '20.005';
      expect(ids(inv)).toEqual(['BR-DEC-13']);
      const keyed = valid();
      keyed.totals!.vatTotal = '20.005';
      expect(ids(keyed)).toEqual(['BR-DEC-13']);
    });

    it('never fire in UBL (the official UBL asserts cannot fail)', () => {
      const inv = valid('UBL');
      inv.totals!.vatTotal = '20.005';
      inv.vatAccountingCurrencyCode = 'NOK';
      inv.totals!.vatTotalInAccountingCurrency = '200.005';
      expect(ids(inv)).toEqual([]);
    });

    it('BR-DEC-13 passes when a VAT total in another currency is given', () => {
      const inv = valid('CII');
      inv.totals!.vatTotal = '20.005';
      inv.vatAccountingCurrencyCode = 'NOK';
      inv.totals!.vatTotalInAccountingCurrency = '200.05';
      expect(ids(inv)).toEqual([]);
    });

    it('BR-DEC-15 needs a VAT total in the accounting currency with at most cents', () => {
      const inv = valid('CII');
      inv.vatAccountingCurrencyCode = 'NOK';
      inv.totals!.vatTotalInAccountingCurrency = '200.005';
      expect(ids(inv)).toEqual(['BR-DEC-15']);
      delete inv.totals!.vatTotalInAccountingCurrency;
      expect(ids(inv)).toEqual(['BR-DEC-15']);
      // Same currency as the invoice: the invoice-currency total is the one judged.
      const same = valid('CII');
      same.vatAccountingCurrencyCode = 'EUR';
      expect(ids(same)).toEqual([]);
      // Without any VAT total there is nothing to judge.
      const none = valid('CII');
      none.vatAccountingCurrencyCode = 'NOK';
      delete none.totals!.vatTotal;
      expect(ids(none)).toEqual([]);
    });
  });

  it('has a message for every BR-DEC id of the catalogue, and only those', () => {
    const wanted = [...ruleFlags().keys()].filter((id) => id.startsWith('BR-DEC-'));
    expect(Object.keys(DECIMAL_MESSAGES).sort()).toEqual(wanted.sort());
    for (const m of Object.values(DECIMAL_MESSAGES)) {
      expect(m.terms.some((term) => m.en.includes(term) && m.fr.includes(term))).toBe(true);
    }
  });
});

const CII_EXAMPLE = readFileSync(
  new URL(
    '../../../../../shared/conformance/en16931/examples/cii/examples/CII_example3.xml',
    import.meta.url,
  ),
  'utf8',
);

function ciiDec(...edits: [string, string][]): string[] {
  let xml = CII_EXAMPLE;
  for (const [from, to] of edits) {
    expect(xml).toContain(from);
    xml = xml.replace(from, to);
  }
  return validate(xml).fatal.filter((id) => id.startsWith('BR-DEC-'));
}

const TAX_TOTAL = '<ram:TaxTotalAmount currencyID="DKK">225</ram:TaxTotalAmount>';
const CURRENCY = '<ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>';

describe('BR-DEC on CII documents (reader + rules)', () => {
  it('report nothing on the valid example', () => {
    expect(ciiDec()).toEqual([]);
  });

  it('count written decimals for the plain amounts', () => {
    expect(
      ciiDec([
        '<ram:ActualAmount>100</ram:ActualAmount>',
        '<ram:ActualAmount>100.000</ram:ActualAmount>',
      ]),
    ).toEqual(['BR-DEC-05']);
    expect(
      ciiDec([
        '<ram:LineTotalAmount>800</ram:LineTotalAmount>',
        '<ram:LineTotalAmount>800.001</ram:LineTotalAmount>',
      ]),
    ).toEqual(['BR-DEC-23']);
  });

  it('BR-DEC-13 judges the VAT total by value', () => {
    expect(ciiDec([TAX_TOTAL, TAX_TOTAL.replace('225', '225.000')])).toEqual([]);
    expect(ciiDec([TAX_TOTAL, TAX_TOTAL.replace('225', '225.005')])).toEqual(['BR-DEC-13']);
  });

  it('BR-DEC-15 wants a VAT total in the accounting currency with at most cents', () => {
    const eur = (v: string) =>
      `${TAX_TOTAL}<ram:TaxTotalAmount currencyID="EUR">${v}</ram:TaxTotalAmount>`;
    const taxCurrency = [CURRENCY, CURRENCY + '<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>'] as [
      string,
      string,
    ];
    expect(ciiDec(taxCurrency, [TAX_TOTAL, eur('30.20')])).toEqual([]);
    expect(ciiDec(taxCurrency, [TAX_TOTAL, eur('30.201')])).toEqual(['BR-DEC-15']);
    expect(ciiDec(taxCurrency)).toEqual(['BR-DEC-15']);
  });
});
