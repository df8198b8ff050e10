import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVerified } from '../../src/storage/file-store.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import { migrateFiles } from '../../src/storage/migrate-files.js';
import { storedFiles } from '../../src/storage/stored-files.js';
import { sweepOrphanFiles } from '../../src/storage/sweep-orphan-files.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { appWithStore, startS3 } from './s3-support.js';

// Sollicitation attachments live in the file store STORAGE_URL chooses (here an S3-compatible
// one, s3rver), like flows. The store's list of the rows that name objects
// (storage/stored-files.ts) must name them too: otherwise `chorale storage sweep` takes them
// for orphans and deletes them once they are an hour old, and `chorale storage migrate`
// leaves them behind when the platform moves to another store.
let t: TestApp;
let p: Personas;
let s3: Awaited<ReturnType<typeof startS3>>;
let files: ReturnType<typeof s3.store>;
let onS3: FastifyInstance;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-sollicitation-files-'));
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  s3 = await startS3();
  files = s3.store('chorale');
  onS3 = await appWithStore(t, files);
  // Seeding the personas hashes a dozen passwords: minutes, not seconds, on a busy machine.
}, 180_000);
afterAll(async () => {
  await onS3?.close();
  await s3?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const drain = (stream: NodeJS.ReadableStream) =>
  pipeline(stream, new Writable({ write: (_c, _e, done) => done() }));

describe('sollicitation files in an S3-compatible store', () => {
  it('are stored there, kept by the orphan sweep and copied by the store migration', async () => {
    const content = Buffer.from('devis n°17, signé');
    const created = await call({ ...t, app: onS3 }, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/sollicitations',
      payload: {
        structure: DEMO_SUPPLIER.identifier,
        subject: 'Pièce justificative',
        category: 'ENGAGEMENT',
        subcategory: 'NUMERO_MANQUANT',
        body: 'Voici le devis signé.',
        recipientIdentifier: DEMO_PUBLIC_BODY.identifier,
        attachments: [
          {
            filename: 'devis.txt',
            mediaType: 'text/plain',
            contentBase64: content.toString('base64'),
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    const row = await t.database.db
      .selectFrom('sollicitation_file')
      .select(['id', 'storage_key', 'size', 'sha256'])
      .where('sollicitation_id', '=', id)
      .executeTakeFirstOrThrow();
    const record = { size: Number(row.size), sha256: row.sha256 };
    // In the bucket, as the row records it.
    await drain(openVerified(files, row.storage_key, record));

    // The store's own list names it.
    const listed = [];
    for await (const f of storedFiles(t.database.db)) listed.push(f);
    expect(listed).toContainEqual({ key: row.storage_key, ...record });

    // A sweep with no grace period removes only what no row names: this file stays, and its
    // parties still download it byte for byte.
    const swept = await sweepOrphanFiles({ db: t.database.db, files, olderThanMs: 0 });
    expect(swept.listed).toBeGreaterThanOrEqual(1);
    expect(swept.removed).not.toContain(row.storage_key);
    const download = await call({ ...t, app: onS3 }, p.supplierUser, {
      method: 'GET',
      url: `/api/v1/sollicitations/${id}/files/${row.id}`,
    });
    expect(download.statusCode, download.body).toBe(200);
    expect(Buffer.from(download.rawPayload)).toEqual(content);

    // Moving the platform to another store (here a folder) copies it, verified.
    const target = localFileStore(path.join(dir, 'moved'));
    const report = await migrateFiles({ db: t.database.db, from: files, to: target });
    expect(report.failed).toEqual([]);
    expect(report.copied).toBeGreaterThanOrEqual(1);
    await drain(openVerified(target, row.storage_key, record));
  }, 60_000);
});
