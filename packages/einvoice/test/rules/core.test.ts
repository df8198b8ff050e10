import { describe, expect, it } from 'vitest';
import {
  emptyInvoice,
  type Invoice,
  type InvoiceLine,
  type Syntax,
} from '../../src/model/types.js';
import type { Anchor, Reporter } from '../../src/rules/engine.js';
import { blank, checkCore, normalizedLength } from '../../src/rules/business/core.js';
import { CORE_MESSAGES } from '../../src/rules/business/core-messages.js';
import { ruleFlags } from '../../src/rules/catalogue.js';
import { validate } from '../../src/validate.js';
import { readFileSync } from 'node:fs';

interface Fired {
  id: string;
  at: Anchor;
  field: string | undefined;
}

function run(inv: Invoice): Fired[] {
  const fired: Fired[] = [];
  const r: Reporter = { fire: (id, at, field) => void fired.push({ id, at, field }) };
  checkCore(inv, r);
  return fired;
}

const ids = (inv: Invoice) => run(inv).map((f) => f.id);

function line(n: string): InvoiceLine {
  return {
    id: n,
    quantity: '2',
    unitCode: 'C62',
    netAmount: '20.00',
    allowances: [],
    charges: [],
    price: { netPrice: '10.00' },
    vatCategoryCode: 'S',
    vatRate: '20',
    item: { name: 'Widget', classifications: [], attributes: [] },
  };
}

/** A complete invoice on which no core rule fires. */
function valid(syntax?: Syntax): Invoice {
  const inv = emptyInvoice();
  if (syntax) inv.syntax = syntax;
  Object.assign(inv, {
    specificationId: 'urn:cen.eu:en16931:2017',
    id: 'F-1',
    issueDate: '2026-01-15',
    typeCode: '380',
    currencyCode: 'EUR',
    seller: {
      name: 'Seller SA',
      identifiers: [{ value: 'S-ID' }],
      address: { countryCode: 'FR' },
    },
    buyer: { name: 'Buyer SA', address: { countryCode: 'FR' } },
    totals: {
      lineNetTotal: '20.00',
      taxExclusiveAmount: '20.00',
      vatTotal: '4.00',
      taxInclusiveAmount: '24.00',
      payableAmount: '24.00',
    },
  });
  inv.vatBreakdowns.push({
    taxableAmount: '20.00',
    taxAmount: '4.00',
    categoryCode: 'S',
    rate: '20',
  });
  inv.lines.push(line('1'));
  return inv;
}

type Mutate = (inv: Invoice) => void;
const l0 = (inv: Invoice) => inv.lines[0]!;

/** [rule, syntax, what breaks it]: each must fire that rule and no other core rule. */
const FIRING: [string, Syntax | undefined, Mutate][] = [
  ['BR-01', 'UBL', (i) => (i.specificationId = ' \n')],
  ['BR-01', 'CII', (i) => delete i.specificationId],
  ['BR-02', 'UBL', (i) => (i.id = '')],
  ['BR-03', 'CII', (i) => delete i.issueDate],
  ['BR-04', 'UBL', (i) => (i.typeCode = '  ')],
  ['BR-05', 'CII', (i) => delete i.currencyCode],
  ['BR-06', 'UBL', (i) => (i.seller!.name = '')],
  ['BR-07', 'CII', (i) => delete i.buyer!.name],
  ['BR-08', 'UBL', (i) => delete i.seller!.address],
  ['BR-09', 'UBL', (i) => (i.seller!.address = {})],
  ['BR-10', 'UBL', (i) => delete i.buyer!.address],
  ['BR-11', 'CII', (i) => (i.buyer!.address!.countryCode = ' ')],
  ['BR-12', 'UBL', (i) => delete i.totals!.lineNetTotal],
  ['BR-13', 'CII', (i) => delete i.totals!.taxExclusiveAmount],
  ['BR-14', 'UBL', (i) => delete i.totals!.taxInclusiveAmount],
  ['BR-15', 'CII', (i) => delete i.totals!.payableAmount],
  ['BR-16', 'UBL', (i) => (i.lines = [])],
  ['BR-17', 'UBL', (i) => (i.payee = {})],
  ['BR-17', 'UBL', (i) => (i.payee = { name: 'Other', identifier: { value: 'S-ID' } })],
  ['BR-17', 'CII', (i) => (i.payee = { name: 'Seller SA' })],
  [
    'BR-17',
    'CII',
    (i) => {
      i.seller!.legalRegistration = { value: '123' };
      i.payee = { name: 'P', legalRegistration: { value: '123' } };
    },
  ],
  [
    'BR-18',
    'UBL',
    (i) => (i.taxRepresentative = { name: '', vatId: 'FR1', address: { countryCode: 'FR' } }),
  ],
  ['BR-19', 'UBL', (i) => (i.taxRepresentative = { name: 'Rep', vatId: 'FR1' })],
  ['BR-20', 'UBL', (i) => (i.taxRepresentative = { name: 'Rep', vatId: 'FR1', address: {} })],
  ['BR-56', 'UBL', (i) => (i.taxRepresentative = { name: 'Rep', address: { countryCode: 'FR' } })],
  [
    'BR-56',
    'CII',
    (i) => (i.taxRepresentative = { name: 'Rep', vatId: ' ', address: { countryCode: 'FR' } }),
  ],
  ['BR-21', 'UBL', (i) => (l0(i).id = '')],
  ['BR-22', 'UBL', (i) => delete l0(i).quantity],
  ['BR-23', 'CII', (i) => delete l0(i).unitCode],
  ['BR-24', 'UBL', (i) => delete l0(i).netAmount],
  ['BR-25', 'CII', (i) => (l0(i).item!.name = ' ')],
  ['BR-27', 'UBL', (i) => (l0(i).price!.netPrice = '-1')],
  ['BR-27', 'UBL', (i) => (l0(i).price!.netPrice = 'abc')],
  ['BR-28', 'CII', (i) => (l0(i).price!.grossPrice = '-0.01')],
  ['BR-29', 'UBL', (i) => (i.invoicingPeriod = { startDate: '2026-02-01', endDate: '2026-01-31' })],
  ['BR-31', 'UBL', (i) => i.allowances.push({ vatCategoryCode: 'S', reason: 'Discount' })],
  ['BR-32', 'UBL', (i) => i.allowances.push({ amount: '1', reason: 'Discount' })],
  ['BR-33', 'CII', (i) => i.allowances.push({ amount: '1', vatCategoryCode: 'S' })],
  ['BR-36', 'UBL', (i) => i.charges.push({ vatCategoryCode: 'S', reasonCode: 'FC' })],
  ['BR-37', 'UBL', (i) => i.charges.push({ amount: '1', reason: 'Freight' })],
  ['BR-38', 'CII', (i) => i.charges.push({ amount: '1', vatCategoryCode: 'S' })],
  ['BR-41', 'UBL', (i) => l0(i).allowances.push({ reason: 'x' })],
  ['BR-42', 'UBL', (i) => l0(i).allowances.push({ amount: '1' })],
  ['BR-43', 'CII', (i) => l0(i).charges.push({ reasonCode: 'x' })],
  ['BR-44', 'CII', (i) => l0(i).charges.push({ amount: '1' })],
  ['BR-45', 'UBL', (i) => delete i.vatBreakdowns[0]!.taxableAmount],
  ['BR-46', 'UBL', (i) => delete i.vatBreakdowns[0]!.taxAmount],
  ['BR-48', 'UBL', (i) => delete i.vatBreakdowns[0]!.rate],
  ['BR-49', 'UBL', (i) => (i.paymentInstructions = { creditTransfers: [] })],
  [
    'BR-50',
    'UBL',
    (i) => (i.paymentInstructions = { meansCode: '58', creditTransfers: [{ accountId: ' ' }] }),
  ],
  [
    'BR-51',
    'CII',
    (i) =>
      (i.paymentInstructions = {
        meansCode: '48',
        creditTransfers: [],
        card: { primaryAccountNumber: '12345678901' },
      }),
  ],
  ['BR-52', 'UBL', (i) => i.additionalDocuments.push({ id: '' })],
  ['BR-53', 'UBL', (i) => (i.vatAccountingCurrencyCode = 'NOK')],
  [
    'BR-53',
    'CII',
    (i) => {
      i.vatAccountingCurrencyCode = 'EUR';
      i.totals!.vatTotalInAccountingCurrency = '4.00';
    },
  ],
  [
    'BR-54',
    'UBL',
    (i) =>
      l0(i).item!.attributes.push({ value: 'Black' } as unknown as { name: string; value: string }),
  ],
  ['BR-55', 'CII', (i) => i.precedingInvoices.push({ id: ' ' })],
  ['BR-55', 'UBL', (i) => i.precedingInvoices.push({} as { id: string })],
  ['BR-57', 'UBL', (i) => (i.delivery = { address: {} })],
  ['BR-57', 'CII', (i) => (i.delivery = { address: { countryCode: '' } })],
  ['BR-62', 'UBL', (i) => (i.seller!.electronicAddress = { value: 'a@b.fr' })],
  ['BR-62', 'CII', (i) => (i.seller!.electronicAddress = { value: 'a@b.fr', scheme: '' })],
  ['BR-63', 'UBL', (i) => (i.buyer!.electronicAddress = { value: 'a@b.fr' })],
  ['BR-64', 'UBL', (i) => (l0(i).item!.standardId = { value: '123' })],
  ['BR-65', 'CII', (i) => l0(i).item!.classifications.push({ value: '123', scheme: ' ' })],
];

describe('core business rules', () => {
  it('fire nothing on a complete invoice, in both syntaxes and keyed in', () => {
    expect(ids(valid('UBL'))).toEqual([]);
    expect(ids(valid('CII'))).toEqual([]);
    expect(ids(valid())).toEqual([]);
  });

  it.each(FIRING.map(([id, s, m], n) => [`${id} ${s ?? 'model'} #${n}`, id, s, m] as const))(
    '%s fires',
    (_label, id, syntax, mutate) => {
      const inv = valid(syntax);
      mutate(inv);
      expect(ids(inv)).toEqual([id]);
    },
  );

  it('anchors on the group and names the field', () => {
    const inv = valid('UBL');
    inv.id = '';
    l0(inv).id = '';
    const f = run(inv);
    expect(f).toContainEqual({ id: 'BR-02', at: inv, field: 'id' });
    expect(f).toContainEqual({ id: 'BR-21', at: inv.lines[0], field: 'id' });
  });

  it('fires line rules once per line', () => {
    const inv = valid('CII');
    inv.lines.push(line('2'), line('3'));
    for (const l of inv.lines) delete l.quantity;
    expect(ids(inv).filter((x) => x === 'BR-22')).toHaveLength(3);
  });

  it('BR-09/11/20: UBL judges only an existing address, CII also a missing one', () => {
    const u = valid('UBL');
    delete u.seller!.address;
    expect(ids(u)).toEqual(['BR-08']);
    const c = valid('CII');
    delete c.seller!.address;
    expect(ids(c).sort()).toEqual(['BR-08', 'BR-09']);
    const rep = { name: 'Rep', vatId: 'FR1' };
    const u2 = valid('UBL');
    u2.taxRepresentative = { ...rep };
    expect(ids(u2)).toEqual(['BR-19']);
    const c2 = valid('CII');
    c2.taxRepresentative = { ...rep };
    expect(ids(c2).sort()).toEqual(['BR-19', 'BR-20']);
  });

  it('BR-12…15 run inside BG-22 only, but a keyed-in model needs the totals', () => {
    const u = valid('UBL');
    delete u.totals;
    expect(ids(u)).toEqual([]);
    const k = valid();
    delete k.totals;
    expect(ids(k).sort()).toEqual(['BR-12', 'BR-13', 'BR-14', 'BR-15']);
  });

  it('BR-17 does not fire for a named payee distinct from the seller', () => {
    const u = valid('UBL');
    // UBL compares with the seller's trading name, not its registered name.
    u.payee = { name: 'Seller SA', identifier: { value: 'P-ID' } };
    expect(ids(u)).toEqual([]);
    u.seller!.tradingName = 'Seller SA';
    expect(ids(u)).toEqual(['BR-17']);
    const c = valid('CII');
    c.payee = { name: 'Payee' };
    expect(ids(c)).toEqual([]);
  });

  it('BR-26 and BR-27 fire on a missing net price; BR-27/28 accept zero', () => {
    const inv = valid('UBL');
    delete l0(inv).price;
    expect(ids(inv).sort()).toEqual(['BR-26', 'BR-27']);
    const z = valid('UBL');
    l0(z).price = { netPrice: '0', grossPrice: '0' };
    expect(ids(z)).toEqual([]);
    for (const [price, fired] of [
      ['-0.00', []],
      ['+1.5', []],
      [' 2 ', []],
      ['-0.01', ['BR-27']],
      ['', ['BR-27']],
    ] as const) {
      l0(z).price = { netPrice: price };
      expect(ids(z)).toEqual(fired);
    }
  });

  it('BR-29/BR-30: equal dates pass; UBL reports a sub-line period under BR-29', () => {
    const ok = valid('UBL');
    ok.invoicingPeriod = { startDate: '2026-01-01', endDate: '2026-01-01' };
    l0(ok).period = { startDate: '2026-01-01' };
    expect(ids(ok)).toEqual([]);
    const u = valid('UBL'); // a line's period is BR-30's context, first in its pattern
    l0(u).period = { startDate: '2026-01-02', endDate: '2026-01-01' };
    expect(ids(u)).toEqual(['BR-30']);
    const s = valid('UBL');
    const reversed = { startDate: '2026-01-02', endDate: '2026-01-01' };
    l0(s).subLines = [{ ...line('1.1'), period: reversed }];
    expect(ids(s)).toEqual(['BR-29']);
    const c = valid('CII');
    l0(c).period = reversed;
    expect(ids(c)).toEqual(['BR-30']);
    // UBL: dates xs:date cannot read are the date format rules' business.
    const bad = valid('UBL');
    bad.invoicingPeriod = { startDate: '2026-01-02', endDate: '20260101' };
    expect(ids(bad)).toEqual([]);
  });

  it('sub-lines: UBL line rules skip them, CII checks them', () => {
    const sub = line('1.1');
    delete sub.quantity;
    const u = valid('UBL');
    l0(u).subLines = [sub];
    expect(ids(u)).toEqual([]);
    const c = valid('CII');
    l0(c).subLines = [{ ...sub }];
    expect(ids(c)).toEqual(['BR-22']);
  });

  it('present-but-empty: UBL existence tests pass, CII non-blank tests fail', () => {
    for (const [syntax, expected] of [
      ['UBL', []],
      ['CII', ['BR-57', 'BR-62', 'BR-64', 'BR-65']],
    ] as const) {
      const inv = valid(syntax);
      inv.delivery = { address: { countryCode: '' } };
      inv.seller!.electronicAddress = { value: 'x', scheme: '' };
      l0(inv).item!.standardId = { value: '1', scheme: '' };
      l0(inv).item!.classifications.push({ value: '1', scheme: '' });
      expect(ids(inv).sort()).toEqual(expected);
    }
  });

  it('BR-31…44 accept amount, category and either reason', () => {
    const inv = valid('UBL');
    inv.allowances.push({ amount: '1', vatCategoryCode: 'S', reasonCode: '95' });
    inv.charges.push({ amount: '1', vatCategoryCode: 'S', reason: 'Freight' });
    l0(inv).allowances.push({ amount: '1', reason: 'x' });
    l0(inv).charges.push({ amount: '1', reasonCode: 'x' });
    expect(ids(inv)).toEqual([]);
  });

  it('BR-47/48: category needed; rate not needed for O (trimmed in UBL only)', () => {
    const inv = valid('UBL');
    inv.vatBreakdowns.push({ taxableAmount: '0', taxAmount: '0', categoryCode: ' O ' });
    expect(ids(inv)).toEqual([]);
    const c = valid('CII');
    c.vatBreakdowns.push({ taxableAmount: '0', taxAmount: '0', categoryCode: ' O ' });
    expect(ids(c)).toEqual(['BR-48']);
    const m = valid('CII');
    m.vatBreakdowns.push({ taxableAmount: '0', taxAmount: '0', rate: '0' });
    expect(ids(m)).toEqual(['BR-47']);
  });

  it('BR-50/BR-61: account needed for codes 30 and 58 only', () => {
    const ok = valid('UBL');
    ok.paymentInstructions = { meansCode: '30', creditTransfers: [{ accountId: 'FR76' }] };
    expect(ids(ok)).toEqual([]);
    const other = valid('UBL');
    other.paymentInstructions = { meansCode: '49', creditTransfers: [] };
    expect(ids(other)).toEqual([]);
    const u = valid('UBL');
    u.paymentInstructions = { meansCode: ' 58 ', creditTransfers: [] };
    expect(ids(u)).toEqual(['BR-61']);
    // CII judges the account element: one without any identifier.
    const c = valid('CII');
    c.paymentInstructions = { meansCode: '30', creditTransfers: [{ accountName: 'X' }] };
    expect(ids(c).sort()).toEqual(['BR-50', 'BR-61']);
    const c0 = valid('CII');
    c0.paymentInstructions = { meansCode: '30', creditTransfers: [] };
    expect(ids(c0)).toEqual([]);
  });

  it('BR-51: up to 10 characters once spaces are normalised', () => {
    const inv = valid('UBL');
    inv.paymentInstructions = {
      meansCode: '48',
      creditTransfers: [],
      card: { primaryAccountNumber: '  1234  5678 ' },
    };
    expect(ids(inv)).toEqual([]);
    expect(normalizedLength('  1234  5678 ')).toBe(9);
    expect(blank(' \t\r\n')).toBe(true);
    expect(blank('\u00a0')).toBe(false);
  });

  it('BR-53: a VAT total in the accounting currency satisfies it', () => {
    const u = valid('UBL');
    u.vatAccountingCurrencyCode = 'NOK';
    u.totals!.vatTotalInAccountingCurrency = '40.00';
    expect(ids(u)).toEqual([]);
    // UBL accepts the accounting currency being the invoice currency; CII does not.
    const same = valid('UBL');
    same.vatAccountingCurrencyCode = 'EUR';
    expect(ids(same)).toEqual([]);
    const c = valid('CII');
    c.vatAccountingCurrencyCode = 'NOK';
    c.totals!.vatTotalInAccountingCurrency = '40.00';
    expect(ids(c)).toEqual([]);
  });

  it('BR-54/BR-55 accept complete attributes and references', () => {
    const inv = valid('UBL');
    l0(inv).item!.attributes.push({ name: 'Colour', value: 'Black' });
    inv.precedingInvoices.push({ id: 'F-0' });
    inv.additionalDocuments.push({ id: 'DOC-1' });
    expect(ids(inv)).toEqual([]);
  });

  it('BR-54/BR-55: an empty string read from XML is present only if it has a location', () => {
    const el = {
      ns: '',
      local: 'Name',
      qname: 'cbc:Name',
      attributes: [],
      children: [],
      text: '',
      line: 1,
      column: 1,
      parent: null,
    };
    const read = valid('UBL');
    l0(read).item!.attributes.push({ name: '', value: 'Black', $at: { name: el, value: el } });
    read.precedingInvoices.push({ id: '', $at: { id: el } });
    expect(ids(read)).toEqual([]);
    // The reader leaves no location for an absent element.
    const missing = valid('UBL');
    l0(missing).item!.attributes.push({ name: 'Colour', value: '', $at: { name: el } });
    missing.precedingInvoices.push({ id: '', $src: el });
    expect(ids(missing)).toEqual(['BR-54', 'BR-55']);
    // CII wants a non-blank preceding invoice number even when the element is there.
    const cii = valid('CII');
    cii.precedingInvoices.push({ id: '', $at: { id: el } });
    expect(ids(cii)).toEqual(['BR-55']);
  });

  it('BR-52 also covers BT-18 in both syntaxes, and BT-17 and BT-128 in CII', () => {
    const u = valid('UBL');
    u.invoicedObjectId = { value: ' ' };
    u.tenderOrLotReference = '';
    expect(ids(u)).toEqual(['BR-52']);
    const c = valid('CII');
    c.invoicedObjectId = { value: 'OBJ' };
    c.tenderOrLotReference = '';
    l0(c).objectId = { value: '' };
    expect(ids(c)).toEqual(['BR-52', 'BR-52']);
  });

  it('BR-12…15 in UBL need cac:LegalMonetaryTotal (a BG-22 with a source element)', () => {
    const el = {
      ns: '',
      local: 'Invoice',
      qname: 'Invoice',
      attributes: [],
      children: [],
      text: '',
      line: 1,
      column: 1,
      parent: null,
    };
    const inv = valid('UBL');
    inv.$src = el;
    inv.totals = { vatTotal: '4.00' };
    expect(ids(inv)).toEqual([]);
    inv.totals.$src = { ...el, local: 'LegalMonetaryTotal' };
    expect(ids(inv)).toEqual(['BR-12', 'BR-13', 'BR-14', 'BR-15']);
  });

  it('BR-B-01/BR-B-02: split payment is Italian only and excludes S', () => {
    const it1 = valid('CII');
    it1.seller!.address!.countryCode = 'IT';
    it1.buyer!.address!.countryCode = 'IT';
    it1.vatBreakdowns = [{ taxableAmount: '20', taxAmount: '4', categoryCode: 'B', rate: '20' }];
    l0(it1).vatCategoryCode = 'B';
    expect(ids(it1)).toEqual([]);
    const fr = valid('CII');
    fr.vatBreakdowns = [{ taxableAmount: '20', taxAmount: '4', categoryCode: 'B', rate: '20' }];
    l0(fr).vatCategoryCode = 'B';
    expect(ids(fr)).toEqual(['BR-B-01']);
    const mixed = valid('UBL');
    mixed.seller!.address!.countryCode = 'IT';
    mixed.buyer!.address!.countryCode = 'IT';
    l0(mixed).vatCategoryCode = 'B';
    expect(ids(mixed)).toEqual(['BR-B-02']);
    // UBL counts an item's origin country as a country code; CII does not.
    const origin = structuredClone(it1);
    origin.syntax = 'UBL';
    l0(origin).item!.originCountry = 'CN';
    expect(ids(origin)).toEqual(['BR-B-01']);
    origin.syntax = 'CII';
    expect(ids(origin)).toEqual([]);
  });

  it('has a message for every BR-<n> and BR-B id of the catalogue, and only those', () => {
    const wanted = [...ruleFlags().keys()].filter((id) => /^BR-(\d+|B-\d+)$/.test(id));
    expect(Object.keys(CORE_MESSAGES).sort()).toEqual(wanted.sort());
    for (const m of Object.values(CORE_MESSAGES)) {
      expect(m.terms.length).toBeGreaterThan(0);
      expect(m.terms.some((t) => m.en.includes(t) && m.fr.includes(t))).toBe(true);
    }
  });

  it('fires only ids of the catalogue', () => {
    const known = ruleFlags();
    for (const [id] of FIRING) expect(known.has(id)).toBe(true);
  });
});

/** A valid official CII example (read-only conformance material beside the repository). */
const CII_EXAMPLE = readFileSync(
  new URL(
    '../../../../../shared/conformance/en16931/examples/cii/examples/CII_example3.xml',
    import.meta.url,
  ),
  'utf8',
);

/** Core rule ids reported on the example once each [from, to] replacement is made. */
function ciiCore(...edits: [string, string][]): string[] {
  let xml = CII_EXAMPLE;
  for (const [from, to] of edits) {
    expect(xml).toContain(from);
    xml = xml.replace(from, to);
  }
  const report = validate(xml);
  return [...report.fatal, ...report.warning].filter((id) => /^BR-(\d+|B-\d+)$/.test(id));
}

const PAYMENT = '<ram:TypeCode>30</ram:TypeCode>';
const IBAN = '<ram:IBANID>DK1212341234123412</ram:IBANID>';
const SELLER_ADDRESS =
  /<ram:PostalTradeAddress>\s*<ram:PostcodeCode>54321[\s\S]*?<\/ram:PostalTradeAddress>/;

describe('core rules on CII documents (reader + rules, CII semantics)', () => {
  it('report nothing on the valid example', () => {
    expect(ciiCore()).toEqual([]);
  });

  it('BR-08 and BR-09 both fire on a missing seller address', () => {
    const m = CII_EXAMPLE.match(SELLER_ADDRESS);
    expect(m).not.toBeNull();
    expect(ciiCore([m![0], '']).sort()).toEqual(['BR-08', 'BR-09']);
  });

  it('BR-29: end before start', () => {
    expect(ciiCore(['20130401', '20121231'])).toEqual(['BR-29']);
  });

  it('BR-03 and BR-29 count only dates in format 102', () => {
    expect(ciiCore(['format="102">20130410', 'format="203">20130410'])).toEqual(['BR-03']);
    expect(ciiCore(['format="102">20130401', 'format="610">201304'])).toEqual(['BR-29']);
    expect(ciiCore(['format="102">20130401', 'format="102">20130101'])).toEqual([]);
  });

  it('BR-50/BR-61: an account with neither IBAN nor proprietary id', () => {
    expect(ciiCore([IBAN, '<ram:AccountName>X</ram:AccountName>']).sort()).toEqual([
      'BR-50',
      'BR-61',
    ]);
  });

  it('BR-51 is fatal in CII', () => {
    const card =
      '<ram:ApplicableTradeSettlementFinancialCard><ram:ID>1234 5678 9012</ram:ID></ram:ApplicableTradeSettlementFinancialCard>';
    const report = validate(CII_EXAMPLE.replace(PAYMENT, PAYMENT + card));
    expect(report.fatal).toContain('BR-51');
  });

  it('BR-53: the VAT accounting currency may not be the invoice currency', () => {
    const code = '<ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>';
    expect(ciiCore([code, code + '<ram:TaxCurrencyCode>DKK</ram:TaxCurrencyCode>'])).toEqual([
      'BR-53',
    ]);
    expect(
      ciiCore(
        [code, code + '<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>'],
        [
          '<ram:TaxTotalAmount currencyID="DKK">225</ram:TaxTotalAmount>',
          '<ram:TaxTotalAmount currencyID="DKK">225</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="EUR">30.20</ram:TaxTotalAmount>',
        ],
      ),
    ).toEqual([]);
  });

  it('BR-57: a deliver-to address needs a country code', () => {
    expect(
      ciiCore([
        '<ram:ApplicableHeaderTradeDelivery/>',
        '<ram:ApplicableHeaderTradeDelivery><ram:ShipToTradeParty><ram:PostalTradeAddress><ram:CityName>X</ram:CityName></ram:PostalTradeAddress></ram:ShipToTradeParty></ram:ApplicableHeaderTradeDelivery>',
      ]),
    ).toEqual(['BR-57']);
  });

  it('BR-62: the seller electronic address needs a non-blank scheme', () => {
    const tax = '<ram:SpecifiedTaxRegistration>';
    const uri = (scheme: string) =>
      `<ram:URIUniversalCommunication><ram:URIID${scheme}>a@b.dk</ram:URIID></ram:URIUniversalCommunication>${tax}`;
    expect(ciiCore([tax, uri('')])).toEqual(['BR-62']);
    expect(ciiCore([tax, uri(' schemeID=" "')])).toEqual(['BR-62']);
    expect(ciiCore([tax, uri(' schemeID="EM"')])).toEqual([]);
  });

  it('BR-B-01/BR-B-02: category B outside Italy and beside S', () => {
    const lineTax = '<ram:CategoryCode>S</ram:CategoryCode>';
    expect(ciiCore([lineTax, '<ram:CategoryCode>B</ram:CategoryCode>']).sort()).toEqual([
      'BR-B-01',
      'BR-B-02',
    ]);
  });
});
