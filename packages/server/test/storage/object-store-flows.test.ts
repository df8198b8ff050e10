import { sql } from 'kysely';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateFlow } from '../../src/flows/integrate-flow.js';
import { openVerified, type FileStore } from '../../src/storage/file-store.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import { migrateFiles } from '../../src/storage/migrate-files.js';
import { sweepOrphanFiles } from '../../src/storage/sweep-orphan-files.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { realArchives, zipOf } from '../flows/support.js';
import { appWithStore, startS3 } from './s3-support.js';

// Flows kept in an S3-compatible store (s3rver) on a real database (decision 0020): the row
// records what the object holds, integration reads it back checked, a write that does not
// commit leaves no row, orphans are swept, and `storage migrate` moves files and verifies them.
let t: TestApp;
let p: Personas;
let s3: Awaited<ReturnType<typeof startS3>>;
let files: ReturnType<typeof s3.store>;
let onS3: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  s3 = await startS3();
  files = s3.store('chorale');
  // The same platform with STORAGE_URL set: another app on the same database, its files in S3.
  onS3 = await appWithStore(t, files);
});
afterAll(async () => {
  await onS3?.close();
  await s3?.close();
  await t?.close();
});

let counter = 0;
const nextNumber = () => `S3-${process.pid}-${++counter}`;

async function depositFlow(app: FastifyInstance, bytes: Uint8Array, nomFichier: string) {
  const res = await call({ ...t, app }, p.apiClient, {
    method: 'POST',
    url: `/api/v1/flows?${new URLSearchParams({ syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', nomFichier })}`,
    payload: Buffer.from(bytes),
    headers: { 'content-type': 'application/octet-stream' },
  });
  return res;
}

const flowRow = (id: string) =>
  t.database.db
    .selectFrom('flow')
    .select(['storage_key', 'size', 'sha256', 'state'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const drain = (stream: NodeJS.ReadableStream) =>
  pipeline(stream, new Writable({ write: (_c, _e, done) => done() }));

async function keysOf(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list!()) keys.push(o.key);
  return keys.sort();
}

describe('flows in an S3-compatible object store', () => {
  it('stores a flow as an object its row describes, and integrates it from there', async () => {
    const single = ubl({ number: nextNumber() });
    const res = await depositFlow(onS3, single.bytes, 'une.xml');
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<{ id: string }>().id;
    const row = await flowRow(id);
    expect(await keysOf(files)).toContain(row.storage_key);
    // What the row recorded is what the object holds.
    await drain(
      openVerified(files, row.storage_key, { size: Number(row.size), sha256: row.sha256 }),
    );
    const result = await integrateFlow({
      db: t.database.db,
      files,
      flowId: id,
      archives: realArchives,
    });
    expect(result.state).toBe('IN_INTEGRE');

    // An archive has no local path in an object store: read from a temporary copy.
    const numbers = [nextNumber(), nextNumber()];
    const zip = await zipOf(
      numbers.map((n) => ({ name: `${n}.xml`, bytes: ubl({ number: n }).bytes })),
    );
    const zipRes = await depositFlow(onS3, zip, 'lot.zip');
    expect(zipRes.statusCode, zipRes.body).toBe(202);
    const zipId = zipRes.json<{ id: string }>().id;
    expect(
      (await integrateFlow({ db: t.database.db, files, flowId: zipId, archives: realArchives }))
        .state,
    ).toBe('IN_INTEGRE');
    const stored = await t.database.db
      .selectFrom('invoice')
      .select('number')
      .where('number', 'in', numbers)
      .execute();
    expect(stored.map((r) => r.number).sort()).toEqual([...numbers].sort());
  }, 60_000);

  it('does not integrate a flow whose object changed in the store', async () => {
    const res = await depositFlow(onS3, ubl({ number: nextNumber() }).bytes, 'changee.xml');
    const id = res.json<{ id: string }>().id;
    const row = await flowRow(id);
    await files.put(row.storage_key, ubl({ number: nextNumber() }).bytes);
    await expect(
      integrateFlow({ db: t.database.db, files, flowId: id, archives: realArchives }),
    ).rejects.toMatchObject({ code: 'ECHECKSUM' });
    expect((await flowRow(id)).state).not.toBe('IN_INTEGRE');
  });

  it('leaves no row without its object when the commit fails, and sweeps orphan objects', async () => {
    const before = await keysOf(files);
    const flows = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('flow')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = await flows();
    // The commit fails after the object was written (the database refuses the row).
    await sql`create function refuse_flow() returns trigger language plpgsql as
      $$ begin raise exception 'refused by the test'; end $$`.execute(t.database.db);
    await sql`create trigger refuse_flow before insert on flow
      for each row execute function refuse_flow()`.execute(t.database.db);
    try {
      const res = await depositFlow(onS3, ubl({ number: nextNumber() }).bytes, 'refusee.xml');
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await sql`drop trigger refuse_flow on flow`.execute(t.database.db);
      await sql`drop function refuse_flow()`.execute(t.database.db);
    }
    expect(await flows()).toBe(rows);
    // The deposit removed its own object; a process killed at that point could not have: its
    // object stays, named by no row, until the sweeper.
    expect(await keysOf(files)).toEqual(before);
    await files.put('flows/2026/12/flow_orphan_of_a_crash', Buffer.from('<Invoice/>'));
    const young = await sweepOrphanFiles({ db: t.database.db, files });
    expect(young.removed).toEqual([]); // within the grace period: may be committing now
    const swept = await sweepOrphanFiles({ db: t.database.db, files, olderThanMs: 0 });
    expect(swept.removed).toEqual(['flows/2026/12/flow_orphan_of_a_crash']);
    expect(await keysOf(files)).toEqual(before);
    // Every row still names an object that is there and whole.
    const all = await t.database.db
      .selectFrom('flow')
      .select(['storage_key', 'size', 'sha256'])
      .where('storage_key', 'in', before)
      .execute();
    expect(all.length).toBeGreaterThan(0);
  });

  it('storage migrate: copies every file from the local store, verified, and reports a damaged one', async () => {
    const local = localFileStore(t.config.filesDir);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await depositFlow(t.app, ubl({ number: nextNumber() }).bytes, `local-${i}.xml`);
      expect(res.statusCode, res.body).toBe(202);
      ids.push(res.json<{ id: string }>().id);
    }
    const target = s3.store('migrated');
    const report = await migrateFiles({ db: t.database.db, from: local, to: target });
    // The S3 flows of the other tests are not in the local store: reported, the rest copied.
    const rows = await Promise.all(ids.map(flowRow));
    const migrated = await keysOf(target);
    for (const row of rows) expect(migrated).toContain(row.storage_key);
    expect(report.copied).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      await drain(
        openVerified(target, row.storage_key, { size: Number(row.size), sha256: row.sha256 }),
      );
    }
    expect(report.failed.every((f) => !rows.some((r) => r.storage_key === f.key))).toBe(true);

    // One local file damaged: that one fails and is not copied, the others are.
    const damaged = rows[1]!;
    writeFileSync(path.join(t.config.filesDir, damaged.storage_key), 'damaged');
    const again = s3.store('migrated-again');
    const second = await migrateFiles({ db: t.database.db, from: local, to: again });
    expect(second.failed.map((f) => f.key)).toContain(damaged.storage_key);
    const copied = await keysOf(again);
    expect(copied).not.toContain(damaged.storage_key);
    expect(copied).toContain(rows[0]!.storage_key);
    expect(copied).toContain(rows[2]!.storage_key);
  }, 60_000);
});
