import { buffer } from 'node:stream/consumers';
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
import { openVerified } from '../../src/storage/file-store.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import type { TestApp } from '../support/app.js';
import {
  deposit,
  nextNumber,
  sha256,
  startAppWithPersonas,
  type Deposited,
} from '../support/deposit.js';
import { call, login, type Personas } from '../support/personas.js';
import { cii, facturX, keyedInvoice, plainPdf, ubl } from '../support/invoices.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => ({ t, p } = await startAppWithPersonas()));
afterAll(() => t.close());

describe('deposit: accepted forms', () => {
  it('takes a UBL invoice from a supplier user and writes everything in the database', async () => {
    const number = nextNumber();
    const file = ubl({ number });
    const res = await deposit(t, p.supplierUser, { invoice: file });
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
      .select(['id', 'kind', 'name', 'media_type', 'size', 'sha256', 'content', 'storage_key'])
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
    // The bytes are in the file store (here the local folder), named by the row (0024).
    expect(files[0]!.content).toBeNull();
    expect(files[0]!.storage_key).toBe(`invoices/${body.id}/${files[0]!.id}`);
    const stored = await buffer(
      openVerified(localFileStore(t.config.filesDir), files[0]!.storage_key!, {
        size: file.bytes.byteLength,
        sha256: body.sha256,
      }),
    );
    expect(stored.equals(Buffer.from(file.bytes))).toBe(true);

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
    const res = await deposit(t, p.apiClient, {
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
    const res = await deposit(t, p.supplierGestionnaire, {
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
    const res = await deposit(t, p.supplierUser, {
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
    const res = await deposit(t, p.supplierUser, {
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
    const res = await deposit(t, p.supplierUser, { invoice: file });
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
