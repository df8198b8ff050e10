import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { deposit, nextNumber, startAppWithPersonas } from '../support/deposit.js';
import { keyedInvoice, multipart, plainPdf, ubl, ublInvoice } from '../support/invoices.js';
import { call, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';
import { handZip } from '../flows/archive-support.js';
import { accepted, depositRaw, integrate } from '../flows/support.js';

// Every refusal a supplier reads — of a deposit, a completion, a flow and its entries — is
// written once in French and once in English, each wholly in its language; and a file refused
// for its DOCTYPE is told so, not called malformed.

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
});
afterAll(async () => {
  await t.close();
});

/** Words that give English away in a French text, and French in an English one. */
const ENGLISH =
  /\b(the|is|are|cannot|can|file|files|invoice|not|with|and|of|send|must|be|read|malformed|larger|than|empty|missing|invalid|attachment|accepted|holds|contains|which|should)\b|\bMB\b/i;
const FRENCH =
  /\b(le|la|les|est|des|du|une|pas|fichier|facture|avec|dans|pour|sur|ne|être|illisible|pièce|jointe|joignez|saisies|mal formé|dépasse)\b|\bMo\b|[àâçéèêëîïôûùœ’]/i;

/** The text without what a user sent (quoted names) nor codes and identifiers. */
function prose(text: string): string {
  return text
    .replace(/«[^»]*»/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\b[A-Z0-9]+(?:[_-][A-Z0-9]+)+\b/g, ' ') // codes: FORMAT_ILLISIBLE, IN_DP_E1_UBL_INVOICE, BR-CO-15
    .replace(/\b[a-z]+_[0-9a-z]+\b/g, ' '); // ids
}

const seen: string[] = [];

function expectBilingual(where: string, message: { fr: string; en: string } | undefined) {
  expect(message, where).toBeDefined();
  const { fr, en } = message!;
  expect(fr.length, where).toBeGreaterThan(5);
  expect(en.length, where).toBeGreaterThan(5);
  expect(prose(fr), `${where} (fr): ${fr}`).not.toMatch(ENGLISH);
  expect(prose(en), `${where} (en): ${en}`).not.toMatch(FRENCH);
  seen.push(where);
}

interface Problem {
  detail: string;
  detailFr?: string;
  refusal?: { code: string; message: { fr: string; en: string } };
}

const enc = (text: string) => new TextEncoder().encode(text);
const withDoctype = () =>
  enc(
    new TextDecoder()
      .decode(ublInvoice({ number: nextNumber() }))
      .replace('?>', '?>\n<!DOCTYPE Invoice [ <!ELEMENT Invoice ANY> ]>'),
  );

const file = (bytes: Uint8Array, filename = 'facture.xml', contentType = 'application/xml') => ({
  bytes,
  filename,
  contentType,
});

describe('refusals in both languages', () => {
  const deposits: [string, Parameters<typeof deposit>[2]][] = [
    ['malformed XML', { invoice: file(enc('<?xml version="1.0"?><Invoice><a></Invoice>')) }],
    ['DOCTYPE', { invoice: file(withDoctype()) }],
    ['not an invoice', { invoice: file(enc('<?xml version="1.0"?><root/>')) }],
    ['not XML', { invoice: file(enc('bonjour'), 'facture.txt', 'text/plain') }],
    ['empty file', { invoice: file(new Uint8Array(0)) }],
    [
      'bad encoding',
      {
        invoice: file(
          new Uint8Array([
            ...enc('<?xml version="1.0" encoding="UTF-8"?><a>'),
            0xff,
            0xfe,
            ...enc('</a>'),
          ]),
        ),
      },
    ],
    ['unreadable PDF', { invoice: file(enc('%PDF-1.7 nothing'), 'f.pdf', 'application/pdf') }],
    ['plain PDF without data', { invoice: file(plainPdf(), 'f.pdf', 'application/pdf') }],
    ['nothing sent', {}],
    [
      'EN 16931 rules',
      {
        invoice: ubl({
          number: nextNumber(),
          totals: {
            lineNetTotal: '1250.00',
            withoutVat: '1250.00',
            vat: '250.00',
            withVat: '1600.00',
            payable: '1600.00',
          },
        }),
      },
    ],
    [
      'unknown recipient',
      {
        invoice: ubl({
          number: nextNumber(),
          recipient: { identifier: '11122233344455', name: 'X' },
        }),
      },
    ],
    ['unknown service', { invoice: ubl({ number: nextNumber(), serviceCode: 'NOPE' }) }],
    [
      'framework',
      {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'A9_FACTURE_SOUSTRAITANT' },
      },
    ],
    [
      'attachment extension',
      {
        invoice: ubl({ number: nextNumber() }),
        attachments: [{ filename: 'virus.exe', bytes: enc('x') }],
      },
    ],
    [
      'attachment name',
      {
        invoice: ubl({ number: nextNumber() }),
        attachments: [{ filename: `${'n'.repeat(60)}.pdf`, bytes: enc('x') }],
      },
    ],
    ['keyed data with XML', { invoice: ubl({ number: nextNumber() }), keyed: keyedInvoice() }],
  ];

  it.each(deposits)('deposit: %s', async (what, parts) => {
    const res = await deposit(t, p.supplierGestionnaire, parts);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    const problem = res.json<Problem>();
    const message =
      problem.refusal?.message ??
      (problem.detailFr ? { fr: problem.detailFr, en: problem.detail } : undefined);
    expectBilingual(`deposit: ${what}`, message);
    if (what === 'DOCTYPE') {
      expect(problem.refusal?.message.en).toContain('DOCTYPE');
      expect(problem.refusal?.message.fr).toContain('DOCTYPE');
      expect(problem.refusal?.message.en).not.toMatch(/malformed/i);
      expect(problem.refusal?.message.fr).not.toMatch(/mal formé/i);
    }
  });

  it('a duplicate deposit', async () => {
    const number = nextNumber();
    expect(
      (await deposit(t, p.supplierGestionnaire, { invoice: ubl({ number }) })).statusCode,
    ).toBe(201);
    const res = await deposit(t, p.supplierGestionnaire, { invoice: ubl({ number }) });
    expect(res.statusCode).toBe(409);
    expectBilingual('deposit: duplicate', res.json<Problem>().refusal?.message);
  });

  const completions: [string, { name: string; value: string | Uint8Array; filename?: string }[]][] =
    [
      ['no comment nor file', [{ name: 'version', value: '1' }]],
      [
        'a file refused',
        [
          { name: 'version', value: '1' },
          { name: 'attachments', filename: 'a.exe', value: enc('x') },
        ],
      ],
      [
        'an empty file',
        [
          { name: 'version', value: '1' },
          { name: 'attachments', filename: 'a.pdf', value: new Uint8Array(0) },
        ],
      ],
      ['no version', [{ name: 'comment', value: 'voici' }]],
    ];

  it.each(completions)('completion: %s', async (what, parts) => {
    const { id } = await insertInvoice(t.database.db, { status: 'SUSPENDUE' });
    const body = multipart(parts.map((part) => ({ contentType: 'application/pdf', ...part })));
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/complete`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode, res.body).toBe(400);
    const problem = res.json<Problem>();
    expectBilingual(
      `completion: ${what}`,
      problem.refusal?.message ??
        (problem.detailFr ? { fr: problem.detailFr, en: problem.detail } : undefined),
    );
  });

  it('flows: the deposit refusals and every entry refusal of a report', async () => {
    for (const [what, query] of [
      ['unsupported syntax', { syntaxeFlux: 'IN_DP_E3_UBL_INVOICE', nomFichier: 'f.xml' }],
      ['bad file name', { syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', nomFichier: 'a/b.xml' }],
    ] as const) {
      const res = await depositRaw(t, p.apiClient, ubl({ number: nextNumber() }).bytes, query);
      expect(res.statusCode, res.body).toBe(400);
      const problem = res.json<Problem>();
      expectBilingual(`flow: ${what}`, { fr: problem.detailFr ?? '', en: problem.detail });
    }
    const entry = (name: string, bytes: Uint8Array) => ({ name, data: Buffer.from(bytes) });
    const zip = handZip([
      entry('malformed.xml', enc('<?xml version="1.0"?><Invoice><a></Invoice>')),
      entry('doctype.xml', withDoctype()),
      entry(
        'unknown.xml',
        ubl({ number: nextNumber(), recipient: { identifier: '11122233344455', name: 'X' } }).bytes,
      ),
      entry(
        'rules.xml',
        ubl({
          number: nextNumber(),
          totals: {
            lineNetTotal: '1250.00',
            withoutVat: '1250.00',
            vat: '250.00',
            withVat: '1600.00',
            payable: '1600.00',
          },
        }).bytes,
      ),
      entry('not-xml.txt', enc('bonjour')),
      entry('../evil.xml', ubl({ number: nextNumber() }).bytes),
    ]);
    const flow = accepted(
      await depositRaw(t, p.apiClient, zip, {
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        nomFichier: 'lot.zip',
      }),
    );
    await integrate(t, flow.id);
    const res = await call(t, p.apiClient, {
      method: 'GET',
      url: `/api/v1/flows/${flow.id}/report`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      entries: { name: string; errors: { message: { fr: string; en: string } }[] }[];
    }>();
    expect(report.entries).toHaveLength(6);
    for (const e of report.entries) {
      expect(e.errors.length, e.name).toBeGreaterThan(0);
      for (const error of e.errors) expectBilingual(`flow entry ${e.name}`, error.message);
      if (e.name === 'doctype.xml') {
        expect(e.errors[0]!.message.en).toContain('DOCTYPE');
        expect(e.errors[0]!.message.en).not.toMatch(/malformed/i);
      }
    }
  });

  it('went through every path above', () => {
    expect(seen.length).toBeGreaterThanOrEqual(deposits.length + completions.length + 1 + 2 + 6);
  });
});
