import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { readPdf } from '@chorale/einvoice';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { signUp } from '../../src/accounts/sign-up.js';
import { verifyJournal } from '../../src/invoices/journal.js';
import { newId } from '../../src/lib/ids.js';
import { DepositRefusal } from '../../src/invoices/deposit-checks.js';
import { checkAttachments } from '../../src/invoices/store-files.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, login, setUpPersonas, type Caller, type Personas } from '../support/personas.js';
import {
  cii,
  depositBody,
  facturX,
  keyedInvoice,
  plainPdf,
  ubl,
  type DepositParts,
} from '../support/invoices.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t.close();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Deposited {
  id: string;
  status: string;
  sha256: string;
  depositedAt: string;
  warnings: unknown[];
}

async function deposit(who: Caller, d: DepositParts, headers: Record<string, string> = {}) {
  const body = depositBody(d);
  return call(t, who, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

let counter = 0;
/** A fresh invoice number (the duplicate key is supplier + number + year). */
const nextNumber = () => `T-${process.pid}-${++counter}`;

describe('deposit: accepted forms', () => {
  it('takes a UBL invoice from a supplier user and writes everything in the database', async () => {
    const number = nextNumber();
    const file = ubl({ number });
    const res = await deposit(p.supplierUser, { invoice: file });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Deposited>();
    expect(body.id).toMatch(/^inv_/);
    expect(body.status).toBe('MISE_A_DISPOSITION');
    expect(body.sha256).toBe(sha256(file.bytes));
    expect(res.headers.location).toBe(`/api/v1/invoices/${body.id}`);

    const db = t.database.db;
    const row = await db
      .selectFrom('invoice')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    const supplier = (await findStructure(db, DEMO_SUPPLIER.identifier))!;
    const recipient = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!;
    const serviceA = await db
      .selectFrom('service')
      .select('id')
      .where('structure_id', '=', recipient.id)
      .where('code', '=', DEMO_SERVICE_A.code)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      number,
      issue_date: '2026-11-20',
      issue_year: 2026,
      type: 'FACTURE',
      type_code: '380',
      framework: 'A1_FACTURE_FOURNISSEUR',
      currency: 'EUR',
      format: 'UBL',
      supplier_structure_id: supplier.id,
      recipient_structure_id: recipient.id,
      recipient_service_id: serviceA.id,
      service_code: DEMO_SERVICE_A.code,
      commitment_number: 'EJ-2026-0042',
      status: 'MISE_A_DISPOSITION',
      deposited_by_user_id: p.supplierUser.userId,
      deposited_by_client_id: null,
      journal_length: 2,
      first_downloaded_at: null,
    });
    expect(Number(row.total_without_vat)).toBe(1250);
    expect(Number(row.total_vat)).toBe(250);
    expect(Number(row.total_with_vat)).toBe(1500);
    expect(Number(row.amount_due)).toBe(1500);
    expect(row.made_available_at).toBeInstanceOf(Date);
    expect(row.deposited_at.toISOString()).toBe(body.depositedAt);
    expect((row.model as { id: string }).id).toBe(number);
    expect(JSON.stringify(row.model)).not.toContain('$src');

    const files = await db
      .selectFrom('invoice_file')
      .select(['kind', 'name', 'media_type', 'size', 'sha256', 'content'])
      .where('invoice_id', '=', body.id)
      .execute();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      kind: 'ORIGINAL',
      name: file.filename,
      media_type: 'application/xml',
      size: file.bytes.byteLength,
      sha256: body.sha256,
    });
    expect(Buffer.from(files[0]!.content).equals(Buffer.from(file.bytes))).toBe(true);

    const events = await db
      .selectFrom('invoice_event')
      .select(['seq', 'event', 'actor_kind', 'actor_user_id', 'from_status', 'to_status'])
      .where('invoice_id', '=', body.id)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      {
        seq: 1,
        event: 'DEPOSITED',
        actor_kind: 'USER',
        actor_user_id: p.supplierUser.userId,
        from_status: null,
        to_status: 'DEPOSEE',
      },
      {
        seq: 2,
        event: 'MADE_AVAILABLE',
        actor_kind: 'SYSTEM',
        actor_user_id: null,
        from_status: 'DEPOSEE',
        to_status: 'MISE_A_DISPOSITION',
      },
    ]);
    const jobs = await sql<{ name: string; data: { invoiceId: string } }>`
      select name, data from pgboss.job where data->>'invoiceId' = ${body.id}`.execute(db);
    expect(jobs.rows).toEqual([
      { name: 'notify-invoice-available', data: { v: 1, invoiceId: body.id } },
    ]);
    const journal = await verifyJournal({ db });
    expect(journal.problems).toEqual([]);
  });

  it('takes a CII invoice from the API client, with attachments', async () => {
    const number = nextNumber();
    const attachment = new TextEncoder().encode('bon de livraison signé');
    const res = await deposit(p.apiClient, {
      invoice: cii({ number }),
      attachments: [{ bytes: attachment, filename: 'bon-de-livraison.pdf' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<Deposited>();
    const row = await t.database.db
      .selectFrom('invoice')
      .select(['format', 'deposited_by_user_id', 'deposited_by_client_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.format).toBe('CII');
    expect(row.deposited_by_user_id).toBeNull();
    expect(row.deposited_by_client_id).toMatch(/^cli_/);
    const event = await t.database.db
      .selectFrom('invoice_event')
      .select(['actor_kind', 'actor_client_id'])
      .where('invoice_id', '=', id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_kind: 'CLIENT', actor_client_id: row.deposited_by_client_id });

    const file = await t.database.db
      .selectFrom('invoice_file')
      .select(['id', 'name', 'sha256'])
      .where('invoice_id', '=', id)
      .where('kind', '=', 'ATTACHMENT')
      .executeTakeFirstOrThrow();
    expect(file.sha256).toBe(sha256(attachment));
    const down = await call(t, p.clerkA, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/attachments/${file.id}`,
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(Buffer.from(attachment))).toBe(true);
    expect(down.headers['content-disposition']).toContain('bon-de-livraison.pdf');
    // A file id of another invoice, or none, is not found.
    const other = await call(t, p.clerkA, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/attachments/fil_nope`,
    });
    expect(other.statusCode).toBe(404);
  });

  it('takes a plain PDF with keyed data, and keyed data alone (JSON)', async () => {
    const number = nextNumber();
    const pdf = plainPdf();
    const res = await deposit(p.supplierGestionnaire, {
      invoice: { bytes: pdf, filename: 'facture.pdf', contentType: 'application/pdf' },
      keyed: keyedInvoice({ number }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Deposited>();
    expect(body.sha256).toBe(sha256(pdf));
    const row = await t.database.db
      .selectFrom('invoice')
      .select(['format', 'number', 'service_code', 'total_with_vat'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ format: 'PDF', number, service_code: DEMO_SERVICE_A.code });

    const keyed = keyedInvoice({ number: nextNumber(), type: 'FACTURE' });
    const json = await call(t, p.apiClient, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: {
        metadata: { framework: 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE', type: 'FACTURE' },
        keyed,
      },
    });
    expect(json.statusCode, json.body).toBe(201);
    const saisie = json.json<Deposited>();
    const original = await call(t, p.apiClient, {
      method: 'GET',
      url: `/api/v1/invoices/${saisie.id}/original`,
    });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toContain('application/json');
    expect(sha256(original.rawPayload)).toBe(saisie.sha256);
    expect(original.json()).toEqual(keyed);
    const stored = await t.database.db
      .selectFrom('invoice')
      .select(['format', 'framework'])
      .where('id', '=', saisie.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ format: 'SAISIE', framework: 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE' });
  });
});

describe('deposit: Factur-X', () => {
  it('takes a Factur-X PDF, reads its XML, keeps the PDF and its warnings', async () => {
    const number = nextNumber();
    const pdf = await facturX({ number });
    const read = await readPdf(pdf);
    expect(read.kind).toBe('hybrid');
    const res = await deposit(p.supplierUser, {
      invoice: { bytes: pdf, filename: 'facture.pdf', contentType: 'application/pdf' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Deposited>();
    expect(body.sha256).toBe(sha256(pdf));
    const row = await t.database.db
      .selectFrom('invoice')
      .select(['format', 'number', 'service_code', 'warnings'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ format: 'FACTURX', number, service_code: DEMO_SERVICE_A.code });
    // Not a full PDF/A-3: reported, not refused, and kept on the invoice.
    const ids = read.problems.map((x) => x.code);
    expect((row.warnings as { id: string }[]).map((w) => w.id)).toEqual(
      expect.arrayContaining(ids),
    );
    expect(body.warnings).toEqual(row.warnings);
  });

  it('refuses a Factur-X whose XML breaks EN 16931', async () => {
    const pdf = await facturX({
      number: nextNumber(),
      totals: { ...keyedInvoice().totals, withVat: '1.00' },
    });
    const res = await deposit(p.supplierUser, {
      invoice: { bytes: pdf, filename: 'facture.pdf', contentType: 'application/pdf' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ refusal: { code: string } }>().refusal.code).toBe('REGLES_EN16931');
  });
});

describe('downloads', () => {
  let id: string;
  let bytes: Uint8Array;
  let fingerprint: string;
  beforeAll(async () => {
    const file = ubl({ number: nextNumber() });
    bytes = file.bytes;
    const res = await deposit(p.supplierUser, { invoice: file });
    expect(res.statusCode, res.body).toBe(201);
    ({ id, sha256: fingerprint } = res.json<Deposited>());
  });

  it('gives the original byte for byte with its SHA-256, and records the first download', async () => {
    const res = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${id}/original` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.rawPayload.equals(Buffer.from(bytes))).toBe(true);
    expect(sha256(res.rawPayload)).toBe(fingerprint);
    expect(res.headers['repr-digest']).toBe(
      `sha-256=:${Buffer.from(fingerprint, 'hex').toString('base64')}:`,
    );
    const row = await t.database.db
      .selectFrom('invoice')
      .select(['first_downloaded_at', 'journal_length'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.first_downloaded_at).toBeInstanceOf(Date);
    expect(row.journal_length).toBe(3);
    // The supplier downloading it is no recipient download; a second one writes nothing.
    await call(t, p.supplierUser, { method: 'GET', url: `/api/v1/invoices/${id}/original` });
    await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${id}/original` });
    const after = await t.database.db
      .selectFrom('invoice')
      .select(['first_downloaded_at', 'journal_length'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(row);
  });

  it('gives a certificate PDF naming the fingerprint', async () => {
    const res = await call(t, p.supplierUser, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/certificate`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getSubject()).toBe(`SHA-256 ${fingerprint}`);
    expect(pdf.getKeywords()).toContain(id);
  });

  it('shows downloads only to those who may see the invoice', async () => {
    for (const path of ['original', 'certificate']) {
      const url = `/api/v1/invoices/${id}/${path}`;
      expect((await call(t, p.anonymous, { method: 'GET', url })).statusCode).toBe(401);
      expect((await call(t, p.clerkB, { method: 'GET', url })).statusCode).toBe(403);
      expect((await call(t, p.clerkA, { method: 'GET', url })).statusCode).toBe(200);
      expect((await call(t, p.publicGestionnaire, { method: 'GET', url })).statusCode).toBe(200);
      expect((await call(t, p.supplierGestionnaire, { method: 'GET', url })).statusCode).toBe(200);
      expect((await call(t, p.apiClient, { method: 'GET', url })).statusCode).toBe(200);
    }
    await signUp({
      db: t.database.db,
      email: 'outsider@example.test',
      password: 'outsider password 2026',
      name: 'Outsider',
    });
    const outsider = await login(t, 'outsider@example.test', 'outsider password 2026');
    for (const url of [
      `/api/v1/invoices/${id}/original`,
      `/api/v1/invoices/${id}/certificate`,
      `/api/v1/invoices/inv_doesnotexist/original`,
    ]) {
      expect((await call(t, outsider, { method: 'GET', url })).statusCode).toBe(404);
    }
  });
});

interface Refusal {
  status: number;
  code: string;
  refusal?: { code: string; message: { fr: string; en: string } };
  errors?: { pointer?: string; message: string }[];
}

async function expectRefusal(
  res: Awaited<ReturnType<typeof deposit>>,
  status: number,
  code: string,
): Promise<Refusal> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json<Refusal>();
  expect(problem.refusal?.code).toBe(code);
  expect(problem.refusal?.message.fr.length).toBeGreaterThan(10);
  expect(problem.refusal?.message.en.length).toBeGreaterThan(10);
  expect(problem.errors?.[0]).toEqual({ pointer: 'refusal', message: code });
  return problem;
}

async function invoiceCount(): Promise<number> {
  const r = await t.database.db
    .selectFrom('invoice')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('deposit: refusals', () => {
  it('refuses unreadable, unsupported and invalid invoices', async () => {
    const before = await invoiceCount();
    const xml = (text: string) => ({
      bytes: new TextEncoder().encode(text),
      filename: 'f.xml',
      contentType: 'application/xml',
    });
    await expectRefusal(
      await deposit(p.supplierUser, { invoice: xml('<Invoice><cbc:ID>') }),
      400,
      'FORMAT_ILLISIBLE',
    );
    await expectRefusal(
      await deposit(p.supplierUser, { invoice: xml('<?xml version="1.0"?><Order/>') }),
      400,
      'FORMAT_NON_SUPPORTE',
    );
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: { bytes: new Uint8Array([1, 2, 3]), filename: 'f.bin', contentType: 'x/y' },
      }),
      400,
      'FORMAT_NON_SUPPORTE',
    );
    const wrongTotal = await expectRefusal(
      await deposit(p.supplierUser, {
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
      }),
      400,
      'REGLES_EN16931',
    );
    expect(wrongTotal.errors!.some((e) => e.message.includes('BR-CO-15'))).toBe(true);
    // A date that does not exist is refused, never an internal error.
    for (const issueDate of ['2026-02-30', '2026-13-01']) {
      const res = await call(t, p.supplierUser, {
        method: 'POST',
        url: '/api/v1/invoices',
        payload: {
          metadata: { framework: 'A1_FACTURE_FOURNISSEUR' },
          keyed: keyedInvoice({ number: nextNumber(), issueDate }),
        },
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    const feb30 = await deposit(p.supplierUser, {
      invoice: ubl({ number: nextNumber(), issueDate: '2026-02-30' }),
    });
    expect(feb30.statusCode, feb30.body).toBe(400);
    expect(['REGLES_EN16931', 'DONNEES_INCOMPLETES']).toContain(
      feb30.json<Refusal>().refusal?.code,
    );
    // Keyed data are held to the same rules.
    const keyed = keyedInvoice({ number: nextNumber(), lines: [] });
    const noLine = await call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: { metadata: { framework: 'A1_FACTURE_FOURNISSEUR' }, keyed },
    });
    expect(noLine.statusCode).toBe(400); // schema: at least one line
    const badKeyedTotals = keyedInvoice({
      number: nextNumber(),
      totals: { ...keyedInvoice().totals, withVat: '9.99' },
    });
    await expectRefusal(
      await call(t, p.supplierUser, {
        method: 'POST',
        url: '/api/v1/invoices',
        payload: { metadata: { framework: 'A1_FACTURE_FOURNISSEUR' }, keyed: badKeyedTotals },
      }),
      400,
      'REGLES_EN16931',
    );
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: { bytes: plainPdf(), filename: 'f.pdf', contentType: 'application/pdf' },
      }),
      400,
      'DONNEES_INCOMPLETES',
    );
    // A broken PDF (once the PDF reader can tell one).
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage');
    const read = await readPdf(broken);
    if (read.problems.every((x) => x.code !== 'NOT_IMPLEMENTED')) {
      await expectRefusal(
        await deposit(p.supplierUser, {
          invoice: { bytes: broken, filename: 'f.pdf', contentType: 'application/pdf' },
        }),
        400,
        'FORMAT_ILLISIBLE',
      );
    }
    expect(await invoiceCount()).toBe(before);
  });

  it('refuses frameworks and types it does not take', async () => {
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'A9_FACTURE_SOUSTRAITANT' },
      }),
      400,
      'CADRE_NON_SUPPORTE',
    );
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'Z99' },
      }),
      400,
      'CADRE_NON_SUPPORTE',
    );
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'A1_FACTURE_FOURNISSEUR', type: 'AVOIR' },
      }),
      400,
      'TYPE_NON_SUPPORTE',
    );
    const selfBilled = ubl({ number: nextNumber() });
    const text = new TextDecoder()
      .decode(selfBilled.bytes)
      .replace('<cbc:InvoiceTypeCode>380<', '<cbc:InvoiceTypeCode>389<');
    expect(text).toContain('>389<');
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: { ...selfBilled, bytes: new TextEncoder().encode(text) },
      }),
      400,
      'TYPE_NON_SUPPORTE',
    );
  });

  it('refuses unknown suppliers and depositors without the right', async () => {
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({
          number: nextNumber(),
          supplier: { ...keyedInvoice().supplier, identifier: '12345678200010' },
        }),
      }),
      400,
      'FOURNISSEUR_INCONNU',
    );
    for (const who of [p.clerkA, p.clerkB, p.publicGestionnaire]) {
      await expectRefusal(
        await deposit(who, { invoice: ubl({ number: nextNumber() }) }),
        403,
        'DROIT_MANQUANT',
      );
    }
    expect(
      (await deposit(p.anonymous, { invoice: ubl({ number: nextNumber() }) })).statusCode,
    ).toBe(401);
  });

  it('refuses what the directory does not let through', async () => {
    const db = t.database.db;
    const recipient = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!;
    const to = (identifier: string, more: Record<string, unknown> = {}) =>
      ubl({ number: nextNumber(), recipient: { identifier }, ...more });
    await expectRefusal(
      await deposit(p.supplierUser, { invoice: to('12345678200010') }),
      400,
      'DESTINATAIRE_INCONNU',
    );
    await expectRefusal(
      await deposit(p.supplierUser, { invoice: to(DEMO_SUPPLIER.identifier) }),
      400,
      'DESTINATAIRE_NON_PUBLIC',
    );
    const other = await db
      .selectFrom('structure')
      .select(['id', 'identifier'])
      .where('is_public', '=', true)
      .where('id', '!=', recipient.id)
      .where('service_code_required', '=', false)
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.updateTable('structure').set({ active: false }).where('id', '=', other.id).execute();
    await expectRefusal(
      await deposit(p.supplierUser, { invoice: to(other.identifier, { serviceCode: undefined }) }),
      400,
      'DESTINATAIRE_INACTIF',
    );
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber(), serviceCode: undefined }),
      }),
      400,
      'SERVICE_OBLIGATOIRE',
    );
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber(), serviceCode: 'NOPE' }),
      }),
      400,
      'SERVICE_INCONNU',
    );
    await db
      .insertInto('service')
      .values([
        {
          id: newId('service'),
          structure_id: recipient.id,
          code: 'SERV-CLOS',
          name: 'Service fermé',
          active: true,
          valid_from: '2020-01-01',
          valid_to: '2025-12-31',
        },
        {
          id: newId('service'),
          structure_id: recipient.id,
          code: 'SERV-OFF',
          name: 'Service inactif',
          active: false,
        },
        {
          id: newId('service'),
          structure_id: recipient.id,
          code: 'SERV-EJ',
          name: 'Service à engagement',
          active: true,
          commitment_required: true,
        },
      ])
      .execute();
    for (const code of ['SERV-CLOS', 'SERV-OFF']) {
      await expectRefusal(
        await deposit(p.supplierUser, {
          invoice: ubl({ number: nextNumber(), serviceCode: code }),
        }),
        400,
        'SERVICE_INACTIF',
      );
    }
    // Valid up to the end of 2025: an invoice dated then goes through.
    const old = await deposit(p.supplierUser, {
      invoice: ubl({ number: nextNumber(), serviceCode: 'SERV-CLOS', issueDate: '2025-06-30' }),
    });
    expect(old.statusCode, old.body).toBe(201);
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber(), serviceCode: 'SERV-EJ', commitmentNumber: undefined }),
      }),
      400,
      'ENGAGEMENT_OBLIGATOIRE',
    );
    // The structure's own flag, and the either-or flag.
    await db
      .updateTable('structure')
      .set({ commitment_required: true })
      .where('id', '=', recipient.id)
      .execute();
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber(), commitmentNumber: undefined }),
      }),
      400,
      'ENGAGEMENT_OBLIGATOIRE',
    );
    await db
      .updateTable('structure')
      .set({
        commitment_required: false,
        service_code_required: false,
        service_or_commitment_required: true,
      })
      .where('id', '=', recipient.id)
      .execute();
    await expectRefusal(
      await deposit(p.supplierUser, {
        invoice: ubl({ number: nextNumber(), commitmentNumber: undefined, serviceCode: undefined }),
      }),
      400,
      'SERVICE_OBLIGATOIRE',
    );
    const either = await deposit(p.supplierUser, {
      invoice: ubl({ number: nextNumber(), serviceCode: undefined }),
    });
    expect(either.statusCode, either.body).toBe(201);
    await db
      .updateTable('structure')
      .set({ service_code_required: true, service_or_commitment_required: false })
      .where('id', '=', recipient.id)
      .execute();
  });

  it('refuses attachments over the limits', async () => {
    const small = new Uint8Array(10);
    const cases: { filename: string; bytes: Uint8Array }[] = [
      { filename: 'programme.exe', bytes: small },
      { filename: `${'n'.repeat(47)}.pdf`, bytes: small }, // 51 characters
      { filename: 'sans-extension', bytes: small },
      { filename: 'gros.pdf', bytes: new Uint8Array(10 * 1024 * 1024 + 1) },
    ];
    for (const a of cases) {
      const problem = await expectRefusal(
        await deposit(p.supplierUser, { invoice: ubl({ number: nextNumber() }), attachments: [a] }),
        400,
        'PIECE_JOINTE_REFUSEE',
      );
      expect(problem.refusal!.message.en).toContain(a.filename.slice(0, 10));
    }
    // Exactly 10 MB and 50 characters pass.
    const ok = await deposit(p.supplierUser, {
      invoice: ubl({ number: nextNumber() }),
      attachments: [{ filename: `${'n'.repeat(46)}.pdf`, bytes: new Uint8Array(10 * 1024 * 1024) }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('attachment limits', () => {
  it('takes up to 120 MB in all and refuses more', () => {
    const tenMb = new Uint8Array(10 * 1024 * 1024);
    const files = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        bytes: tenMb,
        filename: `annexe-${i}.pdf`,
        mediaType: 'application/pdf',
      }));
    expect(() => checkAttachments(files(12))).not.toThrow();
    let refused: unknown;
    try {
      checkAttachments(files(13));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DepositRefusal);
    expect((refused as DepositRefusal).refusal).toBe('PIECE_JOINTE_REFUSEE');
    expect((refused as DepositRefusal).messages.en).toContain('120 MB in all');
    for (const name of ['a/b.pdf', 'a\\b.pdf', 'nul\u0000.pdf', '.pdf']) {
      expect(() =>
        checkAttachments([{ bytes: new Uint8Array(1), filename: name, mediaType: 'x/y' }]),
      ).toThrow(DepositRefusal);
    }
  });
});

describe('duplicates and retries', () => {
  it('refuses the same supplier, number and year as DOUBLON, another year passes', async () => {
    const number = nextNumber();
    expect((await deposit(p.supplierUser, { invoice: ubl({ number }) })).statusCode).toBe(201);
    // Same invoice through another form and another depositor of the same supplier.
    await expectRefusal(await deposit(p.apiClient, { invoice: cii({ number }) }), 409, 'DOUBLON');
    const nextYear = await deposit(p.supplierUser, {
      invoice: ubl({ number, issueDate: '2027-01-05' }),
    });
    expect(nextYear.statusCode, nextYear.body).toBe(201);
  });

  it('lets exactly one of concurrent duplicates through', async () => {
    const number = nextNumber();
    const before = await invoiceCount();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        deposit(i % 2 ? p.apiClient : p.supplierUser, { invoice: ubl({ number }) }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.json<Refusal>().refusal?.code).toBe('DOUBLON');
    }
    expect(await invoiceCount()).toBe(before + 1);
    const orphans = await sql<{ n: string }>`
      select count(*) as n from invoice_file f
      where not exists (select 1 from invoice i where i.id = f.invoice_id)`.execute(t.database.db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
  });

  it('answers a retried deposit with the first answer (Idempotency-Key)', async () => {
    const number = nextNumber();
    const file = ubl({ number });
    const key = `key-${number}`;
    const first = await deposit(p.apiClient, { invoice: file }, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await deposit(p.apiClient, { invoice: file }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const rows = await t.database.db
      .selectFrom('invoice')
      .select('id')
      .where('number', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
    const stored = await t.database.db
      .selectFrom('idempotency_key')
      .select(['status_code', 'response'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(stored.status_code).toBe(201);
    expect(stored.response).toEqual(first.json());

    // Same key, another request: conflict. The same key from another caller is its own key.
    const other = await deposit(
      p.apiClient,
      { invoice: ubl({ number: nextNumber() }) },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json<Refusal>().code).toBe('CONFLICT');
    const otherCaller = await deposit(
      p.supplierUser,
      { invoice: ubl({ number: nextNumber() }) },
      { 'idempotency-key': key },
    );
    expect(otherCaller.statusCode).toBe(201);
    // Without the key, the retry is a duplicate.
    await expectRefusal(await deposit(p.apiClient, { invoice: file }), 409, 'DOUBLON');
  });

  it('answers concurrent retries with one invoice and one answer', async () => {
    const number = nextNumber();
    const file = ubl({ number });
    const key = `race-${number}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        deposit(p.supplierUser, { invoice: file }, { 'idempotency-key': key }),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const ids = new Set(answers.map((a) => a.json<Deposited>().id));
    expect(ids.size).toBe(1);
    const rows = await t.database.db
      .selectFrom('invoice')
      .select('id')
      .where('number', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
