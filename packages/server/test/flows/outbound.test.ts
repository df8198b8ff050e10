import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { DEMO_PUBLIC_BODY } from '../../src/directory/demo-directory.js';
import { recordSftpPickup } from '../../src/flows/outbound/pickup.js';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { createMailer } from '../../src/lib/mailer.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber } from '../support/deposit.js';
import { cii } from '../support/invoices.js';
import { call, setUpPersonas, type Caller, type Personas } from '../support/personas.js';
import { accepted, depositRaw } from './support.js';

// Outbound flows (invoices sent on to a recipient receiving by flow) and status files (the
// recipient's decisions sent back as a flow), end to end through the HTTP API and the worker.

let t: TestApp;
let p: Personas;
let worker: JobWorker;
let recipient: Caller;
let recipientClientId: string;
let sftpRoot: string;
const jobErrors: unknown[] = [];
const P = DEMO_PUBLIC_BODY.identifier;

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  sftpRoot = mkdtempSync(path.join(os.tmpdir(), 'chorale-out-'));
  worker = await startWorker({
    db: t.database.db,
    mailer: createMailer({ smtpUrl: undefined, from: 'test@chorale.test', log: () => undefined }),
    publicUrl: 'http://chorale.test',
    files: localFileStore(t.config.filesDir),
    sftpRoot,
    log: (error) => jobErrors.push(error),
    pollingIntervalSeconds: 0,
  });
  // The public body's own system: an API client that processes received invoices, with an
  // SFTP key registered (its out/ folder receives the outbound files).
  const client = await createApiClient({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier: P,
    name: 'GF',
    scopes: ['invoices:read', 'invoices:process'],
  });
  recipientClientId = client.clientId;
  await t.database.db
    .updateTable('api_client')
    .set({ sftp_public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPlaceholderForTheTest' })
    .where('id', '=', client.clientId)
    .execute();
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  recipient = {
    name: 'recipient system',
    headers: { authorization: `Bearer ${token.json<{ access_token: string }>().access_token}` },
  };
});
afterAll(async () => {
  await worker.stop();
  await t.close();
  rmSync(sftpRoot, { recursive: true, force: true });
});

async function depositCii(): Promise<string> {
  const res = await deposit(t, p.supplierGestionnaire, { invoice: cii({ number: nextNumber() }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

interface OutboundItem {
  id: string;
  etat: string;
  outbound: {
    invoiceId: string;
    format: string;
    files: { name: string; mediaType: string }[];
    fallback: unknown;
  };
}

describe('reception settings', () => {
  it('are set by the manager only, and shown in the structure', async () => {
    const body = { byFlow: true, format: 'UBL', withRendering: true };
    const url = `/api/v1/structures/${P}/reception`;
    expect((await call(t, p.clerkA, { method: 'PUT', url, payload: body })).statusCode).toBe(403);
    expect(
      (await call(t, p.supplierGestionnaire, { method: 'PUT', url, payload: body })).statusCode,
    ).toBe(404);
    const bad = await call(t, p.publicGestionnaire, {
      method: 'PUT',
      url,
      payload: { ...body, format: 'PDF' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await call(t, p.publicGestionnaire, { method: 'PUT', url, payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    const got = await call(t, p.anonymous, { method: 'GET', url: `/api/v1/structures/${P}` });
    expect(got.json()).toMatchObject({ reception: body });
  });
});

describe('outbound flows', () => {
  it('sends a CII deposit to a UBL recipient, converted, with a rendering; a pull is journaled', async () => {
    const invoiceId = await depositCii();
    await worker.drain();
    expect(jobErrors).toEqual([]);
    const list = await call(t, recipient, { method: 'GET', url: '/api/v1/flows?direction=out' });
    expect(list.statusCode, list.body).toBe(200);
    const item = list
      .json<{ items: OutboundItem[] }>()
      .items.find((i) => i.outbound.invoiceId === invoiceId)!;
    expect(item).toMatchObject({
      etat: 'OUT_A_RECUPERER',
      outbound: { format: 'UBL', fallback: null },
    });
    expect(item.outbound.files.map((f) => f.name)).toEqual([
      `${invoiceId}.xml`,
      `${invoiceId}.pdf`,
    ]);

    // Written into the SFTP out/ folder of the recipient's client, no temporary name left.
    const structure = (await findStructure(t.database.db, P))!;
    const out = path.join(sftpRoot, structure.id, recipientClientId, 'out');
    expect(readFileSync(path.join(out, `${invoiceId}.xml`), 'utf8')).toContain(
      'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    );
    expect(existsSync(path.join(out, `${invoiceId}.pdf`))).toBe(true);

    // Another structure's outbound flow does not exist for it.
    for (const url of [
      `/api/v1/flows/${item.id}`,
      `/api/v1/flows/${item.id}/files/${invoiceId}.xml`,
    ]) {
      expect((await call(t, p.supplierGestionnaire, { method: 'GET', url })).statusCode).toBe(404);
      expect((await call(t, p.apiClient, { method: 'GET', url })).statusCode).toBe(404);
    }
    const detail = await call(t, recipient, { method: 'GET', url: `/api/v1/flows/${item.id}` });
    expect(detail.json()).toMatchObject({ outbound: { invoiceId } });
    expect(
      (await call(t, recipient, { method: 'GET', url: `/api/v1/flows/${item.id}/files/other.xml` }))
        .statusCode,
    ).toBe(404);

    const pdf = await call(t, recipient, {
      method: 'GET',
      url: `/api/v1/flows/${item.id}/files/${invoiceId}.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await call(t, recipient, {
      method: 'GET',
      url: `/api/v1/flows/${item.id}/files/${invoiceId}.xml`,
    });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toContain('<cbc:ID>');

    const db = t.database.db;
    const flow = await db
      .selectFrom('flow')
      .select(['state', 'picked_up_at'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(flow.state).toBe('OUT_RECUPERE');
    const invoice = await db
      .selectFrom('invoice')
      .select('first_downloaded_at')
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(invoice.first_downloaded_at).not.toBeNull();
    const events = await db
      .selectFrom('invoice_event')
      .select(['event', 'data', 'actor_client_id'])
      .where('invoice_id', '=', invoiceId)
      .where('event', '=', 'DOWNLOADED')
      .execute();
    // Two files pulled, one first download.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_client_id: recipientClientId,
      data: { flowId: item.id, channel: 'HTTP' },
    });

    // The job again (a retry, a re-enqueue) makes no second flow.
    await db.transaction().execute(async (trx) => {
      const { enqueue } = await import('../../src/jobs/queue.js');
      await enqueue(trx, 'produce-outbound-flow', { v: 1, invoiceId, structureId: structure.id });
    });
    await worker.drain();
    const count = await db
      .selectFrom('flow')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('invoice_id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('records an SFTP pickup (file removed from out/) as the first download', async () => {
    const invoiceId = await depositCii();
    await worker.drain();
    const structure = (await findStructure(t.database.db, P))!;
    const taken = await recordSftpPickup({
      db: t.database.db,
      clientId: recipientClientId,
      structureId: structure.id,
      name: `${invoiceId}.xml`,
    });
    expect(taken).toBe(true);
    const event = await t.database.db
      .selectFrom('invoice_event')
      .select('data')
      .where('invoice_id', '=', invoiceId)
      .where('event', '=', 'DOWNLOADED')
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ channel: 'SFTP', file: `${invoiceId}.xml` });
    // A report or a name of no outbound flow is not a pickup.
    expect(
      await recordSftpPickup({
        db: t.database.db,
        clientId: recipientClientId,
        structureId: structure.id,
        name: 'compte-rendu.pdf',
      }),
    ).toBe(false);
  });
});

interface Report {
  flow: { etat: string; accepted: number; refused: number };
  entries: {
    index: number;
    outcome: string;
    invoiceId: string | null;
    refusalCode: string | null;
    invoiceNumber: string | null;
  }[];
}

describe('status files', () => {
  it('applies good lines through the lifecycle and refuses bad ones, line by line', async () => {
    const first = await depositCii();
    const second = await depositCii();
    // An invoice of the supplier itself, where the public body has no tie: "unknown".
    const csv = [
      'identifiantFacture;statut;motif;numeroMandat;datePaiement;montantPaiement',
      `${first};SERVICE_FAIT;;;;`,
      `${first};MISE_A_DISPOSITION_COMPTABLE;;;;`,
      'inv_00000000000000000000000000;REJETEE;inconnue;;;',
      `${second};SUSPENDUE;;;;`,
      `${second};NIMPORTE;;;;`,
      `${second};"MANDATEE";;"M-42";;`,
      'une ligne bancale',
    ].join('\r\n');
    const flow = accepted(
      await depositRaw(t, recipient, new TextEncoder().encode(csv), {
        syntaxeFlux: 'IN_STATUTS_CSV',
        nomFichier: 'statuts.csv',
      }),
    );
    await worker.drain();
    expect(jobErrors).toEqual([]);
    const res = await call(t, recipient, { method: 'GET', url: `/api/v1/flows/${flow.id}/report` });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Report>();
    expect(r.flow).toMatchObject({ etat: 'IN_INTEGRE_PARTIEL', accepted: 2, refused: 5 });
    expect(r.entries.map((e) => [e.outcome, e.refusalCode])).toEqual([
      ['ACCEPTED', null],
      ['REFUSED', 'TRANSITION_INTERDITE'],
      ['REFUSED', 'FACTURE_INCONNUE'],
      ['REFUSED', 'DONNEES_MANQUANTES'],
      ['REFUSED', 'LIGNE_MALFORMEE'],
      ['ACCEPTED', null],
      ['REFUSED', 'LIGNE_MALFORMEE'],
    ]);
    const statuses = await t.database.db
      .selectFrom('invoice')
      .select(['id', 'status', 'mandate_number'])
      .where('id', 'in', [first, second])
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, [s.status, s.mandate_number]]))).toEqual({
      [first]: ['SERVICE_FAIT', null],
      [second]: ['MANDATEE', 'M-42'],
    });
    // The same report as CSV for spreadsheets.
    const asCsv = await call(t, recipient, {
      method: 'GET',
      url: `/api/v1/flows/${flow.id}/report?format=csv`,
    });
    expect(asCsv.body).toContain('TRANSITION_INTERDITE');
    // Nobody else sees the recipient's status file.
    expect(
      (await call(t, p.supplierGestionnaire, { method: 'GET', url: `/api/v1/flows/${flow.id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('takes JSON, refuses an unreadable file as a whole, and needs the recipient side', async () => {
    const invoiceId = await depositCii();
    const json = JSON.stringify({
      statuts: [{ identifiantFacture: invoiceId, statut: 'REJETEE', motif: 'doublon' }, 42],
    });
    const flow = accepted(
      await depositRaw(t, recipient, new TextEncoder().encode(json), {
        syntaxeFlux: 'IN_STATUTS_JSON',
        nomFichier: 's.json',
      }),
    );
    const broken = accepted(
      await depositRaw(t, recipient, new TextEncoder().encode('{"statuts":'), {
        syntaxeFlux: 'IN_STATUTS_JSON',
        nomFichier: 'b.json',
      }),
    );
    await worker.drain();
    const r = (
      await call(t, recipient, { method: 'GET', url: `/api/v1/flows/${flow.id}/report` })
    ).json<Report>();
    expect(r.entries.map((e) => [e.outcome, e.refusalCode])).toEqual([
      ['ACCEPTED', null],
      ['REFUSED', 'LIGNE_MALFORMEE'],
    ]);
    const b = (
      await call(t, recipient, { method: 'GET', url: `/api/v1/flows/${broken.id}` })
    ).json<{ etat: string; error: { code: string } }>();
    expect(b).toMatchObject({ etat: 'IN_REJETE', error: { code: 'FLUX_ILLISIBLE' } });
    // The supplier’s client (invoices:send, no invoices:process) cannot send status files.
    const refused = await depositRaw(t, p.apiClient, new TextEncoder().encode(json), {
      syntaxeFlux: 'IN_STATUTS_JSON',
      nomFichier: 'x.json',
    });
    expect(refused.statusCode).toBe(403);
  });
});
