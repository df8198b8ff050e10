import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { integrateFlow } from '../../src/flows/integrate-flow.js';
import { newId } from '../../src/lib/ids.js';
import { openVerified, type FileStore } from '../../src/storage/file-store.js';
import { moveDatabaseFiles, type MoveProgress } from '../../src/storage/move-database-files.js';
import { storedFiles } from '../../src/storage/stored-files.js';
import { sweepOrphanFiles } from '../../src/storage/sweep-orphan-files.js';
import { b64, cpro, cproCaller, ok, soumettreBody } from '../cpro/support.js';
import { realArchives, zipOf } from '../flows/support.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber, sha256 } from '../support/deposit.js';
import { plainPdf, ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { appWithStore, startS3 } from './s3-support.js';

// Invoice files (originals, attachments, complements) live in the file store STORAGE_URL
// chooses (migration 0024), here an S3-compatible one (s3rver): the rows name objects and keep
// no bytes, downloads check each object against the size and SHA-256 its row recorded, and
// the store's list of rows naming objects (stored-files.ts) names them, so the orphan sweep
// keeps them. Files deposited before the migration stay in their rows and stay readable. The
// same holds for invoices integrated from flows and for Chorus Pro uploads (0025), and
// `storage move-from-database` moves the old rows' bytes into the store.
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

/** The objects of `after` not in `before`. */
const added = (before: string[], after: string[]) => after.filter((k) => !before.includes(k));

async function expectInStore(invoiceId: string, bytes: Uint8Array) {
  const rows = await fileRows(invoiceId);
  expect(rows.map((r) => r.kind)).toContain('ORIGINAL');
  for (const row of rows) {
    expect(row.content).toBeNull();
    expect(row.storage_key).toBe(`invoices/${invoiceId}/${row.id}`);
    await drain(openVerified(files, row.storage_key!, { size: row.size, sha256: row.sha256 }));
  }
  const original = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
    method: 'GET',
    url: `/api/v1/invoices/${invoiceId}/original`,
  });
  expect(original.statusCode, original.body).toBe(200);
  expect(Buffer.from(original.rawPayload)).toEqual(Buffer.from(bytes));
  return rows;
}

describe('invoices of flows and Chorus Pro uploads in the store', () => {
  const depositFlow = async (bytes: Uint8Array, nomFichier: string) => {
    const res = await call({ ...t, app: onS3 }, p.apiClient, {
      method: 'POST',
      url: `/api/v1/flows?${new URLSearchParams({ syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', nomFichier })}`,
      payload: Buffer.from(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<{ id: string }>().id;
  };
  const entriesOf = (flowId: string) =>
    t.database.db
      .selectFrom('flow_entry')
      .select(['index', 'invoice_id', 'refusal_code'])
      .where('flow_id', '=', flowId)
      .orderBy('index')
      .execute();

  it('stores what a flow integrates; a duplicate entry leaves no object', async () => {
    const single = ubl({ number: nextNumber() });
    const flowId = await depositFlow(single.bytes, 'une.xml');
    const run = await integrateFlow({ db: t.database.db, files, flowId, archives: realArchives });
    expect(run.state).toBe('IN_INTEGRE');
    const [entry] = await entriesOf(flowId);
    await expectInStore(entry!.invoice_id!, single.bytes);

    // One batch: a new invoice and a duplicate of the first. The duplicate's object, put
    // before the batch's statement, is removed once the statement refuses it.
    const fresh = ubl({ number: nextNumber() });
    const zip = await zipOf([
      { name: 'nouvelle.xml', bytes: fresh.bytes },
      { name: 'doublon.xml', bytes: single.bytes },
    ]);
    const zipId = await depositFlow(zip, 'lot.zip');
    const before = await keysOf(files);
    const zipRun = await integrateFlow({
      db: t.database.db,
      files,
      flowId: zipId,
      archives: realArchives,
    });
    expect(zipRun.state).toBe('IN_INTEGRE_PARTIEL');
    const [first, second] = await entriesOf(zipId);
    expect(second).toMatchObject({ invoice_id: null, refusal_code: 'DOUBLON' });
    const rows = await expectInStore(first!.invoice_id!, fresh.bytes);
    expect(added(before, await keysOf(files))).toEqual(rows.map((r) => r.storage_key));
  }, 60_000);

  it('removes the objects of a batch whose statement fails', async () => {
    const db = t.database.db;
    const flowId = await depositFlow(ubl({ number: nextNumber() }).bytes, 'refusee.xml');
    const before = await keysOf(files);
    // The batch's statement fails after its objects were put (the database refuses a file row).
    await sql`create function refuse_invoice_file() returns trigger language plpgsql as
      $$ begin raise exception 'refused by the test'; end $$`.execute(db);
    await sql`create trigger refuse_invoice_file before insert on invoice_file
      for each row execute function refuse_invoice_file()`.execute(db);
    try {
      await expect(integrateFlow({ db, files, flowId, archives: realArchives })).rejects.toThrow(
        'refused by the test',
      );
    } finally {
      await sql`drop trigger refuse_invoice_file on invoice_file`.execute(db);
      await sql`drop function refuse_invoice_file()`.execute(db);
    }
    expect(await keysOf(files)).toEqual(before);
    // The queue's retry integrates it, its files in the store.
    const retry = await integrateFlow({ db, files, flowId, archives: realArchives });
    expect(retry.state).toBe('IN_INTEGRE');
  }, 60_000);

  it('stores a Chorus Pro upload and the invoice soumettre makes of it', async () => {
    const supplier = await cproCaller(t, DEMO_SUPPLIER.identifier, [
      'invoices:send',
      'invoices:read',
    ]);
    const onS3App = { ...t, app: onS3 };
    const number = nextNumber();
    const pdf = plainPdf(`Facture ${number}`);
    const upload = await ok<{ pieceJointeId: number }>(
      cpro(onS3App, supplier, 'transverses/v1/ajouter/fichier', {
        pieceJointeFichier: b64(pdf),
        pieceJointeNom: `${number}.pdf`,
        pieceJointeTypeMime: 'application/pdf',
        pieceJointeExtension: 'pdf',
      }),
    );
    const uploaded = await t.database.db
      .selectFrom('cpro_upload')
      .select(['structure_id', 'storage_key', 'content', 'size', 'sha256'])
      .where('id', '=', upload.pieceJointeId)
      .executeTakeFirstOrThrow();
    expect(uploaded.content).toBeNull();
    expect(uploaded.storage_key).toBe(
      `cpro-uploads/${uploaded.structure_id}/${upload.pieceJointeId}`,
    );
    expect(uploaded.sha256).toBe(sha256(pdf));
    await drain(
      openVerified(files, uploaded.storage_key!, {
        size: Number(uploaded.size),
        sha256: uploaded.sha256,
      }),
    );
    const listed = [];
    for await (const f of storedFiles(t.database.db)) listed.push(f.key);
    expect(listed).toContain(uploaded.storage_key);
    const swept = await sweepOrphanFiles({ db: t.database.db, files, olderThanMs: 0 });
    expect(swept.removed).not.toContain(uploaded.storage_key);

    // An upload made before 0025 (its bytes in the row) is taken as well.
    const oldBytes = Buffer.from('%PDF-1.4 pièce jointe d’avant');
    const old = await t.database.db
      .insertInto('cpro_upload')
      .values({
        structure_id: uploaded.structure_id,
        client_id: supplier.clientId,
        name: 'avant.pdf',
        media_type: 'application/pdf',
        size: oldBytes.byteLength,
        sha256: sha256(oldBytes),
        content: oldBytes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const res = await ok<{ identifiantFactureCPP: number }>(
      cpro(
        onS3App,
        supplier,
        'factures/v1/soumettre',
        soumettreBody(number, {
          modeDepot: 'DEPOT_PDF_API',
          pieceJointePrincipale: [
            {
              pieceJointePrincipaleDesignation: 'Facture',
              pieceJointePrincipaleId: upload.pieceJointeId,
            },
          ],
          pieceJointeComplementaire: [
            {
              pieceJointeComplementaireDesignation: 'Avant',
              pieceJointeComplementaireId: Number(old.id),
            },
          ],
        }),
      ),
    );
    const invoice = await t.database.db
      .selectFrom('invoice')
      .select('id')
      .where('cpro_id', '=', res.identifiantFactureCPP)
      .executeTakeFirstOrThrow();
    const rows = await expectInStore(invoice.id, pdf);
    const attached = rows.find((r) => r.kind === 'ATTACHMENT')!;
    expect(attached.sha256).toBe(sha256(oldBytes));
    const got = await call(onS3App, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${invoice.id}/attachments/${attached.id}`,
    });
    expect(got.statusCode, got.body).toBe(200);
    expect(Buffer.from(got.rawPayload)).toEqual(oldBytes);
  }, 60_000);

  it('moves the bytes of old rows into the store, resumably, and leaves a damaged row alone', async () => {
    const db = t.database.db;
    const oldFile = async (bytes: Buffer, sha = sha256(bytes)) => {
      const { id } = await insertInvoice(db, { status: 'MISE_A_DISPOSITION' });
      const fileId = newId('invoiceFile');
      await db
        .insertInto('invoice_file')
        .values({
          id: fileId,
          invoice_id: id,
          kind: 'ORIGINAL',
          name: 'ancienne.xml',
          media_type: 'application/xml',
          size: bytes.byteLength,
          sha256: sha,
          content: bytes,
        })
        .execute();
      return { invoiceId: id, fileId, bytes };
    };
    const olds = [
      await oldFile(Buffer.from('<Invoice>ancienne 1</Invoice>')),
      await oldFile(Buffer.from('<Invoice>ancienne 2</Invoice>')),
      await oldFile(Buffer.from('<Invoice>ancienne 3</Invoice>')),
    ];
    // Bytes that do not match their own recorded SHA-256: never moved, never nulled.
    const damaged = await oldFile(
      Buffer.from('<Invoice>abîmée</Invoice>'),
      sha256(Buffer.from('autre')),
    );
    const uploadBytes = Buffer.from('%PDF-1.4 téléversement ancien');
    const structure = await db
      .selectFrom('structure')
      .select('id')
      .where('identifier', '=', DEMO_SUPPLIER.identifier)
      .executeTakeFirstOrThrow();
    const client = await db.selectFrom('api_client').select('id').executeTakeFirstOrThrow();
    const upload = await db
      .insertInto('cpro_upload')
      .values({
        structure_id: structure.id,
        client_id: client.id,
        name: 'ancien.pdf',
        media_type: 'application/pdf',
        size: uploadBytes.byteLength,
        sha256: sha256(uploadBytes),
        content: uploadBytes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // Interrupted after its first batch of one row: what it moved stays moved.
    let batches = 0;
    await expect(
      moveDatabaseFiles({
        db,
        files,
        batchSize: 1,
        onProgress: (p) => {
          if (p.moved + p.failed > 0 && ++batches === 1) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    const stillHeld = async (table: 'invoice_file' | 'cpro_upload') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('storage_key', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const filesHeld = await stillHeld('invoice_file');
    const uploadsHeld = await stillHeld('cpro_upload');
    expect(uploadsHeld).toBeGreaterThanOrEqual(1);

    const progress: MoveProgress[] = [];
    const report = await moveDatabaseFiles({
      db,
      files,
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(report.failed).toEqual([
      { table: 'invoice_file', id: damaged.fileId, reason: expect.stringContaining('SHA-256') },
    ]);
    // Resumed: every row the interrupted run left, but the damaged one, is moved now.
    expect(report.moved).toBe(filesHeld - 1 + uploadsHeld);
    const lastOf = (table: string) => progress.filter((x) => x.table === table).at(-1)!;
    expect(lastOf('invoice_file')).toMatchObject({
      total: filesHeld,
      moved: filesHeld - 1,
      failed: 1,
    });
    expect(lastOf('cpro_upload')).toMatchObject({ total: uploadsHeld, moved: uploadsHeld });
    expect(await stillHeld('invoice_file')).toBe(1);
    expect(await stillHeld('cpro_upload')).toBe(0);

    for (const old of olds) {
      const [row] = await fileRows(old.invoiceId);
      expect(row).toMatchObject({
        content: null,
        storage_key: `invoices/${old.invoiceId}/${old.fileId}`,
      });
      const got = await call({ ...t, app: onS3 }, p.supplierGestionnaire, {
        method: 'GET',
        url: `/api/v1/invoices/${old.invoiceId}/original`,
      });
      expect(got.statusCode, got.body).toBe(200);
      expect(Buffer.from(got.rawPayload)).toEqual(old.bytes);
    }
    const [kept] = await fileRows(damaged.invoiceId);
    expect(kept!.storage_key).toBeNull();
    expect(Buffer.from(kept!.content!)).toEqual(damaged.bytes);
    expect(await keysOf(files)).not.toContain(`invoices/${damaged.invoiceId}/${damaged.fileId}`);

    const movedUpload = await db
      .selectFrom('cpro_upload')
      .select(['storage_key', 'content', 'size', 'sha256'])
      .where('id', '=', upload.id)
      .executeTakeFirstOrThrow();
    expect(movedUpload).toMatchObject({
      content: null,
      storage_key: `cpro-uploads/${structure.id}/${upload.id}`,
    });
    await drain(
      openVerified(files, movedUpload.storage_key!, {
        size: Number(movedUpload.size),
        sha256: movedUpload.sha256,
      }),
    );

    // Run again: nothing left to move but the damaged row, which fails again.
    const again = await moveDatabaseFiles({ db, files });
    expect(again.moved).toBe(0);
    expect(again.failed.map((f) => f.id)).toEqual([damaged.fileId]);
  }, 60_000);
});
