import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { esc } from '../../src/render/html-escape.js';
import {
  formatAmount,
  formatDate,
  formatDecimal,
  formatPercent,
  formatQuantity,
} from '../../src/render/format.js';
import { TERM_IDS, codeName, termLabel } from '../../src/render/labels.js';
import { emptyInvoice, type Invoice } from '../../src/model/types.js';
import type { Lang } from '../../src/rules/types.js';
import type { ReportedFinding } from '../../src/validate.js';
import { loadExamples } from './examples.js';
import { fullInvoice } from './full-invoice.js';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Text content of the body: styles and tags dropped, entities unescaped, spaces collapsed. */
function textContent(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return norm(
    body.replace(/<[^>]*>/g, ' ').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e),
  );
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const DATE_KEYS = new Set([
  'issueDate',
  'dueDate',
  'taxPointDate',
  'startDate',
  'endDate',
  'actualDate',
]);
const AMOUNT_KEYS = new Set([
  'amount',
  'baseAmount',
  'netAmount',
  'netPrice',
  'grossPrice',
  'discount',
  'taxableAmount',
  'taxAmount',
  'lineNetTotal',
  'allowanceTotal',
  'chargeTotal',
  'taxExclusiveAmount',
  'vatTotal',
  'vatTotalInAccountingCurrency',
  'taxInclusiveAmount',
  'prepaidAmount',
  'roundingAmount',
  'payableAmount',
]);
const QUANTITY_KEYS = new Set(['quantity', 'baseQuantity']);
const PERCENT_KEYS = new Set(['percentage', 'vatRate', 'rate']);

/** How a model leaf must appear in the rendering. */
function displayed(key: string, value: string, lang: Lang): string {
  if (DATE_KEYS.has(key)) return formatDate(value, lang);
  if (AMOUNT_KEYS.has(key)) return formatAmount(value, lang);
  if (QUANTITY_KEYS.has(key)) return formatQuantity(value, lang);
  if (PERCENT_KEYS.has(key)) return formatPercent(value, lang);
  return value;
}

interface Leaf {
  path: string;
  expected: string;
}

/**
 * Every string leaf of the model (skipping locations and the attachment's base64 content,
 * which is deliberately not shown; '' leaves are shown as "(empty)" and checked apart).
 */
function leaves(value: unknown, lang: Lang, path = '', key = '', out: Leaf[] = []): Leaf[] {
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push({ path, expected: norm(displayed(key, value, lang)) });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, lang, `${path}[${i}]`, key, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$src' || k === '$at') continue;
      if (k === 'content' && path.endsWith('.attachment')) continue;
      leaves(v, lang, path ? `${path}.${k}` : k, k, out);
    }
  }
  return out;
}

const examples = loadExamples();

describe('renderHtml on every EN 16931 example', () => {
  it('covers the official examples and the Factur-X EN 16931-level samples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(66);
  });

  for (const lang of ['fr', 'en'] as const) {
    // Walked at collection time so the test's name carries the number of values checked.
    const cases = examples.map((ex) => ({ ex, leaves: leaves(ex.invoice, lang) }));
    const count = cases.reduce((n, c) => n + c.leaves.length, 0);
    it(`shows every one of the ${count} model values of the ${examples.length} invoices (${lang})`, () => {
      expect(count).toBeGreaterThan(5_000);
      const missing: string[] = [];
      for (const { ex, leaves: list } of cases) {
        const text = textContent(renderHtml(ex.invoice, { lang, findings: ex.report.findings }));
        for (const leaf of list) {
          if (!text.includes(leaf.expected)) {
            missing.push(`${ex.name}: ${leaf.path} = ${leaf.expected}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it('shows the attachments by name and MIME type, never their base64 content', () => {
    let seen = 0;
    for (const ex of examples) {
      const html = renderHtml(ex.invoice, { lang: 'fr' });
      for (const d of ex.invoice.additionalDocuments) {
        const a = d.attachment;
        if (!a || a.content.trim().length < 40) continue;
        seen++;
        expect(html).not.toContain(a.content.trim().slice(0, 40));
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe('renderHtml on an invoice with every term set', () => {
  for (const lang of ['fr', 'en'] as const) {
    const inv = fullInvoice();
    const list = leaves(inv, lang);
    it(`shows every one of its ${list.length} values, each once at least (${lang})`, () => {
      const text = textContent(renderHtml(inv, { lang }));
      // Distinct tokens ('v12x'): a value found is this value, not a lucky substring.
      expect(list.filter((l) => !text.includes(l.expected)).map((l) => l.path)).toEqual([]);
      expect(list.length).toBeGreaterThan(250);
    });
  }
});

describe('renderHtml document', () => {
  const inv: Invoice = {
    ...emptyInvoice(),
    id: 'F-1',
    issueDate: '2026-11-24',
    typeCode: '380',
    currencyCode: 'EUR',
    seller: {
      identifiers: [],
      name: '<script>alert("x")</script> & Fils',
    },
    notes: [{ text: `<img src=x onerror=alert(1)> "quoted" 'single'` }],
    additionalDocuments: [
      {
        id: 'DOC',
        externalUri: 'javascript:alert(1)',
        attachment: { content: 'QUJD', filename: 'a.pdf', mimeCode: 'application/pdf' },
      },
    ],
    totals: { payableAmount: '1234567.5' },
  };

  it('escapes hostile values', () => {
    const html = renderHtml(inv, { lang: 'fr' });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href=');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils');
    expect(html).toContain(
      '&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &#39;single&#39;',
    );
    expect(textContent(html)).toContain('<script>alert("x")</script> & Fils');
  });

  it('is a standalone HTML5 document with no script nor external resource', () => {
    const html = renderHtml(inv, { lang: 'en' });
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html.endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(
      /<script|<link|<iframe|<img|<object|<embed|<[^>]*\s(?:src|href)=|url\(|@import/i,
    );
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('@page{size:A4');
  });

  it('labels in French by default wording, with the term ids', () => {
    const html = renderHtml(inv, { lang: 'fr' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Facture n°');
    expect(textContent(html)).toContain("Date d'émission");
    expect(html).toContain('<span class="bt">BT-2</span>');
    expect(html).toContain('data-bt="BT-125-2"');
    expect(textContent(html)).toContain(norm('1\u202f234\u202f567,50 EUR'));
    expect(textContent(renderHtml(inv, { lang: 'en' }))).toContain('1,234,567.50 EUR');
  });

  it('headings are in order (h1, then h2, h3 one level at a time)', () => {
    for (const ex of examples.slice(0, 20)) {
      const levels = [...renderHtml(ex.invoice, { lang: 'fr' }).matchAll(/<h([1-6])[ >]/g)].map(
        (m) => Number(m[1]),
      );
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++)
        expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    }
  });

  it('calls a 381 a credit note', () => {
    expect(renderHtml({ ...inv, typeCode: '381' }, { lang: 'en' })).toContain(
      '<h1>Credit note no.',
    );
  });

  it('shows findings: fatal ones clearly, warnings politely, severity in words', () => {
    const f = (id: string, flag: 'fatal' | 'warning'): ReportedFinding => ({
      id,
      flag,
      path: '/Invoice/cbc:ID',
      line: 3,
      column: 5,
      message: `message of ${id} <b>`,
    });
    const html = renderHtml(inv, {
      lang: 'fr',
      findings: [f('BR-W', 'warning'), f('BR-01', 'fatal')],
    });
    const t = textContent(html);
    expect(t).toContain('Erreur bloquante BR-01');
    expect(t).toContain('Avertissement BR-W');
    expect(t.indexOf('BR-01')).toBeLessThan(t.indexOf('BR-W'));
    expect(t).toContain('doit être corrigée');
    expect(html).toContain('message of BR-01 &lt;b&gt;');
    expect(t).toContain('ligne 3, colonne 5');
    const warnOnly = textContent(renderHtml(inv, { lang: 'en', findings: [f('BR-W', 'warning')] }));
    expect(warnOnly).toContain('This invoice is valid; a few points deserve your attention.');
    expect(textContent(renderHtml(inv, { lang: 'en', findings: [] }))).toContain(
      'No problem found',
    );
    expect(renderHtml(inv, { lang: 'en' })).not.toContain('Validation results');
  });

  it('renders sub-lines and is linear on a large invoice', () => {
    const line = {
      id: '1',
      quantity: '1',
      netAmount: '1',
      allowances: [],
      charges: [],
      item: { name: 'x', classifications: [], attributes: [] },
    };
    const big: Invoice = {
      ...inv,
      lines: Array.from({ length: 20_000 }, (_, i) => ({
        ...line,
        id: String(i),
        subLines: i === 0 ? [{ ...line, id: 'SUB-1' }] : undefined,
      })),
    };
    const t0 = performance.now();
    const html = renderHtml(big, { lang: 'fr' });
    // Generous bound: the machine is shared; a quadratic renderer would take minutes here.
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(html).toContain('↳ SUB-1');
    expect(html).toContain('>19999</th>');
  });
});

describe('format', () => {
  it('formats decimals from their lexical form, never rounding', () => {
    expect(formatAmount('1234567.5', 'fr')).toBe('1\u202f234\u202f567,50');
    expect(formatAmount('1234567.5', 'en')).toBe('1,234,567.50');
    expect(formatAmount('-0.125', 'fr')).toBe('-0,125');
    expect(formatAmount('+3', 'en')).toBe('3.00');
    expect(formatAmount('.5', 'en')).toBe('0.50');
    expect(formatAmount('00012', 'en')).toBe('12.00');
    expect(formatAmount(' 100 ', 'en')).toBe('100.00');
    expect(formatAmount('123456789012345678901234567890.123456789', 'en')).toBe(
      '123,456,789,012,345,678,901,234,567,890.123456789',
    );
    expect(formatAmount('0.1', 'fr')).toBe('0,10');
    expect(formatQuantity('1000', 'fr')).toBe('1\u202f000');
    expect(formatQuantity('2.500', 'en')).toBe('2.500');
    expect(formatPercent('20', 'fr')).toBe('20\u00a0%');
    expect(formatPercent('5.5', 'en')).toBe('5.5%');
    expect(formatDecimal('12', 'en', 3)).toBe('12.000');
  });

  it('shows invalid values as written', () => {
    for (const v of ['abc', '1,5', '', '.', '1e3', '--1']) expect(formatAmount(v, 'fr')).toBe(v);
    expect(formatDate('20261124', 'fr')).toBe('20261124');
    expect(formatDate('2026-13-01', 'fr')).toBe('2026-13-01');
  });

  it('formats ISO dates', () => {
    expect(formatDate('2026-11-24', 'fr')).toBe('24/11/2026');
    expect(formatDate('2026-01-05', 'en')).toBe('05 Jan 2026');
  });
});

describe('labels', () => {
  it('names every BT and BG of EN 16931 in both languages', () => {
    const want = ['BG-0'];
    for (let i = 1; i <= 32; i++) want.push(`BG-${i}`);
    for (let i = 1; i <= 165; i++) if (i !== 4) want.push(`BT-${i}`);
    want.push('BT-18-1', 'BT-29-1', 'BT-30-1', 'BT-34-1', 'BT-46-1', 'BT-47-1', 'BT-49-1');
    want.push('BT-60-1', 'BT-61-1', 'BT-71-1', 'BT-125-1', 'BT-125-2', 'BT-128-1', 'BT-157-1');
    want.push('BT-158-1', 'BT-158-2');
    expect([...TERM_IDS].sort()).toEqual([...want].sort());
    for (const id of want) {
      expect(termLabel(id, 'fr')).not.toBe(id);
      expect(termLabel(id, 'en')).not.toBe(id);
    }
    expect(termLabel('BT-999', 'fr')).toBe('BT-999');
  });

  it('names common codes', () => {
    expect(codeName('invoiceType', '380', 'fr')).toBe('Facture commerciale');
    expect(codeName('vatCategory', 'AE', 'en')).toBe('VAT reverse charge');
    expect(codeName('paymentMeans', '58', 'fr')).toBe('Virement SEPA');
    expect(codeName('unit', 'ZZZZ', 'fr')).toBeUndefined();
  });

  it('esc makes every markup character inert', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
