import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { openVerified, type FileStore } from '../../src/storage/file-store.js';
import { storedFiles } from '../../src/storage/stored-files.js';
import { sweepOrphanFiles } from '../../src/storage/sweep-orphan-files.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber, sha256 } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { appWithStore, startS3 } from './s3-support.js';

// Invoice files (originals, attachments, complements) live in the file store STORAGE_URL
// chooses (migration 0024), here an S3-compatible one (s3rver): the rows name objects and keep
// no bytes, downloads check each object against the size and SHA-256 its row recorded, and
// the store's list of rows naming objects (stored-files.ts) names them, so the orphan sweep
// keeps them. Files deposited before the migration stay in their rows and stay readable.
let t: TestApp;
let p: Personas;
let s3: Awaited<ReturnType<typeof startS3>>;
let files: FileStore;
let onS3: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  s3 = await startS3();
  files = s3.store('chorale');
  onS3 = await appWithStore(t, files);
}, 180_000);
afterAll(async () => {
  await onS3?.close();
  await s3?.close();
  await t?.close();
});

const drain = (stream: NodeJS.ReadableStream) =>
  pipeline(stream, new Writable({ write: (_c, _e, done) => done() }));

async function keysOf(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list!()) keys.push(o.key);
  return keys.sort();
}

const fileRows = (invoiceId: string) =>
  t.database.db
    .selectFrom('invoice_file')
    .select(['id', 'kind', 'storage_key', 'content', 'size', 'sha256'])
    .where('invoice_id', '=', invoiceId)
    .orderBy('kind', 'desc')
    .execute();

describe('invoice files in an S3-compatible store', () => {
  it('stores the original and attachments as objects, downloaded checked and kept by the sweep', async () => {
    const invoice = ubl({ number: nextNumber() });
    const attachment = Buffer.from('%PDF-1.4 bon de livraison n°17');
    const res = await deposit({ ...t, app: onS3 }, p.supplierGestionnaire, {
      invoice,
      attachments: [{ filename: 'bon.pdf', bytes: attachment, contentType: 'application/pdf' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    const rows = await fileRows(id);
    expect(rows.map((r) => r.kind)).toEqual(['ORIGINAL', 'ATTACHMENT']);
    for (const row of rows) {
      // The bytes are in the bucket, not in the row.
      expect(row.content).toBeNull();
      expect(row.storage_key).toBe(`invoices/${id}/${row.id}`);
      await drain(openVerified(files, row.storage_key!, { size: row.size, sha256: row.sha256 }));
    }
    expect(rows[0]!.sha256).toBe(sha256(invoice.bytes));
    expect(rows[1]!.sha256).toBe(sha256(attachment));

    const original = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/original`,
    });
    expect(original.statusCode, original.body).toBe(200);
    expect(Buffer.from(original.rawPayload)).toEqual(Buffer.from(invoice.bytes));
    const got = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/attachments/${rows[1]!.id}`,
    });
    expect(got.statusCode, got.body).toBe(200);
    expect(Buffer.from(got.rawPayload)).toEqual(attachment);

    // Named by the store's list, so a sweep with no grace period leaves them.
    const listed = [];
    for await (const f of storedFiles(t.database.db)) listed.push(f);
    for (const row of rows) {
      expect(listed).toContainEqual({ key: row.storage_key, size: row.size, sha256: row.sha256 });
    }
    const swept = await sweepOrphanFiles({ db: t.database.db, files, olderThanMs: 0 });
    for (const row of rows) expect(swept.removed).not.toContain(row.storage_key);
    expect(await keysOf(files)).toEqual(expect.arrayContaining(rows.map((r) => r.storage_key)));
  }, 60_000);

  it('refuses an object changed in the store instead of handing it out', async () => {
    const res = await deposit({ ...t, app: onS3 }, p.supplierGestionnaire, {
      invoice: ubl({ number: nextNumber() }),
      attachments: [
        { filename: 'pv.pdf', bytes: Buffer.from('%PDF-1.4 PV'), contentType: 'application/pdf' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    const [original, attached] = await fileRows(id);
    // Same length, other bytes: only the digest can tell.
    await files.put(attached!.storage_key!, Buffer.from('%PDF-1.4 XX'));
    const got = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/attachments/${attached!.id}`,
    });
    expect(got.statusCode).toBe(500);
    expect(got.body).not.toContain('XX');
    // A truncated original: refused too.
    await files.put(original!.storage_key!, Buffer.from('<Invoice/>'));
    const first = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/original`,
    });
    expect(first.statusCode).toBe(500);
    expect(first.body).not.toContain('<Invoice/>');
  }, 60_000);

  it('leaves no object behind a refused duplicate, and stores a completion’s files', async () => {
    const invoice = ubl({ number: nextNumber() });
    const parts = { invoice };
    expect((await deposit({ ...t, app: onS3 }, p.supplierGestionnaire, parts)).statusCode).toBe(
      201,
    );
    const before = await keysOf(files);
    const again = await deposit({ ...t, app: onS3 }, p.supplierGestionnaire, parts);
    expect(again.statusCode, again.body).toBe(409);
    expect(await keysOf(files)).toEqual(before);

    const suspended = await insertInvoice(t.database.db, { status: 'SUSPENDUE' });
    const complement = Buffer.from('%PDF-1.4 attestation');
    const done = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'POST',
      url: `/api/v1/invoices/${suspended.id}/complete`,
      payload: {
        version: suspended.version,
        attachments: [
          {
            name: 'attestation.pdf',
            mediaType: 'application/pdf',
            contentBase64: complement.toString('base64'),
          },
        ],
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    const [row] = await fileRows(suspended.id);
    expect(row).toMatchObject({ kind: 'COMPLEMENT', content: null, sha256: sha256(complement) });
    const got = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${suspended.id}/attachments/${row!.id}`,
    });
    expect(got.statusCode, got.body).toBe(200);
    expect(Buffer.from(got.rawPayload)).toEqual(complement);
  }, 60_000);

  it('still reads a file deposited before migration 0024 from its row', async () => {
    const { id } = await insertInvoice(t.database.db, { status: 'MISE_A_DISPOSITION' });
    const bytes = Buffer.from('%PDF-1.4 ancien dépôt');
    const fileId = newId('invoiceFile');
    await t.database.db
      .insertInto('invoice_file')
      .values({
        id: fileId,
        invoice_id: id,
        kind: 'ATTACHMENT',
        name: 'ancien.pdf',
        media_type: 'application/pdf',
        size: bytes.byteLength,
        sha256: sha256(bytes),
        content: bytes,
      })
      .execute();
    const got = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${id}/attachments/${fileId}`,
    });
    expect(got.statusCode, got.body).toBe(200);
    expect(Buffer.from(got.rawPayload)).toEqual(bytes);
  });
});
