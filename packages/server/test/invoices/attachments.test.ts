import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { deposit, nextNumber, startAppWithPersonas } from '../support/deposit.js';
import { ubl, multipart } from '../support/invoices.js';
import { call, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

// One attachment validator for deposits and completions: a name one refuses, the other refuses
// too, with the same code and the same messages.

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
});
afterAll(async () => {
  await t.close();
});

interface Refusal {
  refusal?: { code: string; message: { fr: string; en: string } };
}

async function viaDeposit(filename: string, bytes = new Uint8Array([37, 80, 68, 70])) {
  const res = await deposit(t, p.supplierGestionnaire, {
    invoice: ubl({ number: nextNumber() }),
    attachments: [{ filename, bytes, contentType: 'application/pdf' }],
  });
  return res;
}

async function viaCompletion(filename: string, bytes = new Uint8Array([37, 80, 68, 70])) {
  const { id } = await insertInvoice(t.database.db, { status: 'SUSPENDUE' });
  const body = multipart([
    { name: 'version', value: '1' },
    { name: 'attachments', filename, contentType: 'application/pdf', value: bytes },
  ]);
  return call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/complete`,
    payload: body.payload,
    headers: body.headers,
  });
}

async function viaJsonCompletion(filename: string, bytes = new Uint8Array([37, 80, 68, 70])) {
  const { id } = await insertInvoice(t.database.db, { status: 'SUSPENDUE' });
  return call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/complete`,
    payload: {
      version: 1,
      attachments: [
        {
          name: filename,
          mediaType: 'application/pdf',
          contentBase64: Buffer.from(bytes).toString('base64'),
        },
      ],
    },
  });
}

const refused = [
  ['a control character', 'bon\u0007livraison.pdf'],
  ['a path separator', '../bon.pdf'],
  ['a backslash', 'dossier\\bon.pdf'],
  ['51 characters', `${'n'.repeat(47)}.pdf`],
  ['an extension not accepted', 'virus.exe'],
] as const;

describe('one attachment validator', () => {
  it.each(refused)('%s is refused alike by deposit and completion', async (_what, name) => {
    const answers = [
      await viaDeposit(name),
      await viaCompletion(name),
      await viaJsonCompletion(name),
    ];
    const refusals = answers.map((res) => {
      expect(res.statusCode, res.body).toBe(400);
      return res.json<Refusal>().refusal;
    });
    expect(refusals[0]?.code).toBe('PIECE_JOINTE_REFUSEE');
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[2]).toEqual(refusals[0]);
  });

  it('an empty file is refused alike', async () => {
    const empty = new Uint8Array(0);
    const answers = [await viaDeposit('vide.pdf', empty), await viaCompletion('vide.pdf', empty)];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Refusal>().refusal?.code).toBe('PIECE_JOINTE_REFUSEE');
    }
  });

  it('50 characters counted as characters, not UTF-16 units, are accepted alike', async () => {
    const name = `${'é'.repeat(20)}${'𝄞'.repeat(26)}.pdf`; // 50 code points, 76 UTF-16 units
    expect([...name].length).toBe(50);
    const dep = await viaDeposit(name);
    expect(dep.statusCode, dep.body).toBe(201);
    const done = await viaCompletion(name);
    expect(done.statusCode, done.body).toBe(200);
  });
});
