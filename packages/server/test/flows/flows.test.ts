import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../src/jobs/worker.js';
import { createMailer, type Mail } from '../../src/lib/mailer.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cii, facturX, ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { handZip } from './archive-support.js';
import { accepted, depositMultipart, depositRaw, integrate } from './support.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const nextNumber = () => `FLOW-${process.pid}-${++counter}`;

interface Report {
  flow: {
    etat: string;
    entries: number;
    accepted: number;
    refused: number;
    error: { code: string } | null;
  };
  entries: {
    index: number;
    name: string;
    invoiceNumber: string | null;
    outcome: string;
    invoiceId: string | null;
    refusalCode: string | null;
    errors: {
      refusalCode: string;
      ruleId: string | null;
      message: { fr: string; en: string };
      field: string | null;
      path: string | null;
      line: number | null;
    }[];
  }[];
}

const report = async (id: string, who = p.apiClient) => {
  const res = await call(t, who, { method: 'GET', url: `/api/v1/flows/${id}/report` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
};

const invoicesNumbered = (numbers: string[]) =>
  t.database.db
    .selectFrom('invoice')
    .select(['id', 'number'])
    .where('number', 'in', numbers)
    .execute();

describe('flows: single-file flows', () => {
  it('integrates a UBL flow sent as a raw body by an API client', async () => {
    const number = nextNumber();
    const res = await depositRaw(t, p.apiClient, ubl({ number }).bytes, {
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      nomFichier: `${number}.xml`,
    });
    const flow = accepted(res);
    expect(flow.etat).toBe('IN_RECU');
    expect(flow.numeroFluxDepot).toMatch(/^FLX\d{16}$/);
    expect(res.headers.location).toBe(`/api/v1/flows/${flow.id}`);
    expect(await integrate(t, flow.id)).toEqual({ state: 'IN_INTEGRE', outcome: 'final' });
    const r = await report(flow.id);
    expect(r.flow).toMatchObject({ etat: 'IN_INTEGRE', entries: 1, accepted: 1, refused: 0 });
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]).toMatchObject({ index: 0, outcome: 'ACCEPTED', invoiceNumber: number });
    const [invoice] = await invoicesNumbered([number]);
    expect(r.entries[0]!.invoiceId).toBe(invoice!.id);
    // Running the job again changes nothing.
    expect(await integrate(t, flow.id)).toEqual({ state: 'IN_INTEGRE', outcome: 'final' });
    expect(await invoicesNumbered([number])).toHaveLength(1);
  });

  it('integrates a CII flow sent as multipart by a supplier user', async () => {
    const number = nextNumber();
    const flow = accepted(
      await depositMultipart(t, p.supplierUser, cii({ number }).bytes, {
        syntaxeFlux: 'IN_DP_E1_CII_16B',
        nomFichier: `${number}.xml`,
      }),
    );
    expect((await integrate(t, flow.id)).state).toBe('IN_INTEGRE');
    const r = await report(flow.id, p.supplierUser);
    expect(r.entries[0]).toMatchObject({ outcome: 'ACCEPTED', invoiceNumber: number });
  });

  it('integrates a Factur-X flow through the job worker and mails the depositor', async () => {
    const number = nextNumber();
    const mails: Mail[] = [];
    const worker = await startWorker({
      db: t.database.db,
      mailer: createMailer({
        smtpUrl: undefined,
        from: 'test@chorale.test',
        log: (m) => mails.push(m),
      }),
      publicUrl: 'http://chorale.test',
      files: localFileStore(t.config.filesDir),
      log: (error) => {
        throw error;
      },
      pollingIntervalSeconds: 0,
    });
    try {
      const flow = accepted(
        await depositRaw(t, p.supplierGestionnaire, await facturX({ number }), {
          syntaxeFlux: 'IN_DP_E2_CII_FACTURX',
          nomFichier: `${number}.pdf`,
        }),
      );
      await worker.drain();
      const got = await call(t, p.supplierGestionnaire, {
        method: 'GET',
        url: `/api/v1/flows/${flow.id}`,
      });
      expect(got.json()).toMatchObject({ etat: 'IN_INTEGRE', accepted: 1, refused: 0 });
      const mail = mails.find((m) => m.subject.includes(flow.numeroFluxDepot));
      expect(mail?.to).toBe('fournisseur@demo.chorale.test');
      expect(mail?.text).toContain('IN_INTEGRE');
    } finally {
      await worker.stop();
    }
  });

  it('refuses a flow whose content is not of the declared syntax', async () => {
    const ublAsCii = accepted(
      await depositRaw(t, p.apiClient, ubl({ number: nextNumber() }).bytes, {
        syntaxeFlux: 'IN_DP_E1_CII_16B',
        nomFichier: 'f.xml',
      }),
    );
    expect((await integrate(t, ublAsCii.id)).state).toBe('IN_REJETE');
    const r = await report(ublAsCii.id);
    expect(r.flow.error?.code).toBe('SYNTAXE_NON_CONFORME');
    expect(r.entries).toEqual([]);
    const xmlAsFacturX = accepted(
      await depositRaw(t, p.apiClient, cii({ number: nextNumber() }).bytes, {
        syntaxeFlux: 'IN_DP_E2_CII_FACTURX',
        nomFichier: 'f.xml',
      }),
    );
    expect((await integrate(t, xmlAsFacturX.id)).state).toBe('IN_REJETE');
    expect((await report(xmlAsFacturX.id)).flow.error?.code).toBe('SYNTAXE_NON_CONFORME');
  });

  it('refuses the syntaxes it does not integrate, and malformed deposits, with problem documents', async () => {
    const bytes = ubl({ number: nextNumber() }).bytes;
    const e2 = await depositRaw(t, p.apiClient, bytes, {
      syntaxeFlux: 'IN_DP_E2_UBL_INVOICE_MIN',
      nomFichier: 'f.xml',
    });
    expect(e2.statusCode).toBe(400);
    expect(e2.headers['content-type']).toMatch(/problem\+json/);
    expect(e2.body).toContain('SYNTAXE_NON_SUPPORTEE');
    const unknown = await depositRaw(t, p.apiClient, bytes, {
      syntaxeFlux: 'NOPE',
      nomFichier: 'f.xml',
    });
    expect(unknown.statusCode).toBe(400);
    const noName = await call(t, p.apiClient, {
      method: 'POST',
      url: '/api/v1/flows?syntaxeFlux=IN_DP_E1_UBL_INVOICE',
      payload: Buffer.from(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(noName.statusCode).toBe(400);
    const json = await call(t, p.apiClient, {
      method: 'POST',
      url: '/api/v1/flows',
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const empty = await depositRaw(t, p.apiClient, new Uint8Array(), {
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      nomFichier: 'f.xml',
    });
    expect(empty.statusCode).toBe(400);
    // The public body's clerk has no FACTURES_EMISES right anywhere.
    const clerk = await depositRaw(t, p.clerkA, bytes, {
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      nomFichier: 'f.xml',
    });
    expect(clerk.statusCode).toBeGreaterThanOrEqual(400);
    expect(clerk.statusCode).toBeLessThan(500);
  });

  it('gives back the first flow for the same bytes, and honours Idempotency-Key', async () => {
    const bytes = ubl({ number: nextNumber() }).bytes;
    const q = { syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', nomFichier: 'same.xml' };
    const first = accepted(await depositRaw(t, p.apiClient, bytes, q));
    const again = await depositRaw(t, p.apiClient, bytes, q);
    expect(accepted(again).id).toBe(first.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = ubl({ number: nextNumber() }).bytes;
    const keyed = accepted(
      await depositRaw(t, p.apiClient, other, q, { 'idempotency-key': 'flow-key-1' }),
    );
    const replay = await depositRaw(t, p.apiClient, other, q, { 'idempotency-key': 'flow-key-1' });
    expect(accepted(replay).id).toBe(keyed.id);
    const conflict = await depositRaw(t, p.apiClient, ubl({ number: nextNumber() }).bytes, q, {
      'idempotency-key': 'flow-key-1',
    });
    expect(conflict.statusCode).toBe(409);
    const rows = await t.database.db
      .selectFrom('flow')
      .select('id')
      .where('file_name', '=', 'same.xml')
      .execute();
    expect(rows).toHaveLength(2);
  });
});

describe('flows: several invoices, report and access', () => {
  let flowId = '';
  const numbers = {
    ok1: nextNumber(),
    ok2: nextNumber(),
    unknown: nextNumber(),
    rules: nextNumber(),
    cii: nextNumber(),
  };

  beforeAll(async () => {
    // A real zip, written field by field so that it can hold a name no zip writer accepts.
    const entry = (name: string, bytes: Uint8Array) => ({ name, data: Buffer.from(bytes) });
    const bytes = handZip([
      entry('facture-0.xml', ubl({ number: numbers.ok1 }).bytes),
      entry(
        'facture-1.xml',
        ubl({
          number: numbers.unknown,
          recipient: { identifier: '11122233344455', name: 'Inconnu' },
        }).bytes,
      ),
      entry('facture-2.xml', ubl({ number: numbers.ok2 }).bytes),
      entry(
        'facture-3.xml',
        ubl({
          number: numbers.rules,
          totals: {
            lineNetTotal: '1250.00',
            withoutVat: '1250.00',
            vat: '250.00',
            withVat: '1600.00',
            payable: '1600.00',
          },
        }).bytes,
      ),
      entry('facture-4.xml', cii({ number: numbers.cii }).bytes),
      entry('../evil.xml', ubl({ number: nextNumber() }).bytes),
    ]);
    flowId = accepted(
      await depositRaw(t, p.apiClient, bytes, {
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        nomFichier: 'lot_factures.zip',
      }),
    ).id;
    expect((await integrate(t, flowId)).state).toBe('IN_INTEGRE_PARTIEL');
  });

  it('reports each entry: accepted with its invoice, refused with every error', async () => {
    const r = await report(flowId);
    expect(r.flow).toMatchObject({
      etat: 'IN_INTEGRE_PARTIEL',
      entries: 6,
      accepted: 2,
      refused: 4,
    });
    const [e0, e1, e2, e3, e4, e5] = r.entries;
    expect(e0).toMatchObject({ outcome: 'ACCEPTED', invoiceNumber: numbers.ok1 });
    expect(e2).toMatchObject({ outcome: 'ACCEPTED', invoiceNumber: numbers.ok2 });
    expect(e1).toMatchObject({
      outcome: 'REFUSED',
      refusalCode: 'DESTINATAIRE_INCONNU',
      invoiceNumber: numbers.unknown,
    });
    expect(e1!.errors[0]).toMatchObject({
      refusalCode: 'DESTINATAIRE_INCONNU',
      field: 'BT-46, BT-47',
    });
    expect(e1!.errors[0]!.message.fr).toContain('destinataire');
    expect(e3).toMatchObject({
      outcome: 'REFUSED',
      refusalCode: 'REGLES_EN16931',
      invoiceNumber: numbers.rules,
    });
    const rule = e3!.errors.find((e) => e.ruleId !== null)!;
    expect(rule.ruleId).toMatch(/^BR-/);
    expect(rule.message.fr.length).toBeGreaterThan(10);
    expect(rule.message.en.length).toBeGreaterThan(10);
    expect(rule.message.fr).not.toBe(rule.message.en);
    expect(rule.field).toMatch(/BT-/);
    expect(rule.line).toBeGreaterThan(0);
    expect(rule.path).toBeTruthy();
    expect(e4).toMatchObject({
      outcome: 'REFUSED',
      refusalCode: 'SYNTAXE_NON_CONFORME',
      invoiceNumber: numbers.cii,
    });
    expect(e5).toMatchObject({
      outcome: 'REFUSED',
      refusalCode: 'ENTRY_PATH_TRAVERSAL',
      name: '../evil.xml',
    });
    expect(e5!.errors[0]!.message.fr.length).toBeGreaterThan(10);
  });

  it('stores exactly the accepted invoices, each with its whole model', async () => {
    const stored = await invoicesNumbered(Object.values(numbers));
    expect(stored.map((s) => s.number).sort()).toEqual([numbers.ok1, numbers.ok2].sort());
    // Validated in the pool's threads: the stored model keeps its lines (the event loop only
    // parses the model without them, validation-pool.ts).
    const models = await t.database.db
      .selectFrom('invoice')
      .select(['number', 'model'])
      .where(
        'id',
        'in',
        stored.map((s) => s.id),
      )
      .execute();
    for (const { number, model } of models) {
      const m = model as { id: string; lines: unknown[] };
      expect(m.id).toBe(number);
      expect(m.lines.length).toBeGreaterThan(0);
    }
  });

  it('gives the report as CSV (BOM, semicolons, one row per error)', async () => {
    const res = await call(t, p.apiClient, {
      method: 'GET',
      url: `/api/v1/flows/${flowId}/report?format=csv`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.split(';')[0]).toBe('numeroFluxDepot');
    expect(lines.some((l) => l.includes('DESTINATAIRE_INCONNU'))).toBe(true);
    expect(lines.some((l) => /;BR-[A-Z0-9-]+;/.test(l))).toBe(true);
  });

  it('gives the report as a readable PDF', async () => {
    const res = await call(t, p.apiClient, {
      method: 'GET',
      url: `/api/v1/flows/${flowId}/report?format=pdf`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flow-pdf-'));
    try {
      const file = path.join(dir, 'r.pdf');
      writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('IN_INTEGRE_PARTIEL');
      expect(text).toContain('DESTINATAIRE_INCONNU');
      expect(text).toContain(numbers.unknown);
      expect(text).toMatch(/BR-[A-Z0-9-]+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the structure’s flows by keyset and state; another structure’s flow is 404', async () => {
    const page1 = await call(t, p.apiClient, { method: 'GET', url: '/api/v1/flows?limit=2' });
    expect(page1.statusCode, page1.body).toBe(200);
    const body = page1.json<{ items: { id: string }[]; nextCursor: string | null }>();
    expect(body.items).toHaveLength(2);
    const page2 = await call(t, p.apiClient, {
      method: 'GET',
      url: `/api/v1/flows?limit=2&cursor=${body.nextCursor}`,
    });
    const ids2 = page2.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(ids2.some((id) => body.items.some((i) => i.id === id))).toBe(false);
    const partial = await call(t, p.apiClient, {
      method: 'GET',
      url: '/api/v1/flows?etat=IN_INTEGRE_PARTIEL',
    });
    expect(partial.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([flowId]);
    const badState = await call(t, p.apiClient, { method: 'GET', url: '/api/v1/flows?etat=NOPE' });
    expect(badState.statusCode).toBe(400);
    for (const url of [`/api/v1/flows/${flowId}`, `/api/v1/flows/${flowId}/report`]) {
      const other = await call(t, p.clerkA, { method: 'GET', url });
      expect(other.statusCode).toBe(404);
      expect(other.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(
      (await call(t, p.supplierUser, { method: 'GET', url: `/api/v1/flows/${flowId}` })).statusCode,
    ).toBe(200);
  });
});
