import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiClient,
  type ApiClientCredentials,
} from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { seedAccounts } from '../../src/accounts/seed-accounts.js';
import { setSftpKey } from '../../src/accounts/set-sftp-key.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { setReception } from '../../src/directory/set-reception.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { deliverFlowReport } from '../../src/flows/deliver-flow-report.js';
import { startServer, type RunningServer } from '../../src/runtime.js';
import { refusalFileName, syntaxOfFileName } from '../../src/sftp/flow-deposits.js';
import { sftpOutbox } from '../../src/sftp/outbox.js';
import { yazlZip } from '../flows/archive-support.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { facturX, ubl } from '../support/invoices.js';
import { makeClientKey, sftp, waitFor } from './support.js';

// The concentrator end to end: the real server (runtime.ts, in this process, worker polling),
// an ERP's script with Debian's OpenSSH `sftp` putting flows into in/ and getting the reports
// from out/. Sign-in refusals and the jail are tested in accounts.test.ts and openssh.test.ts.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-sftp-e2e-'));
const work = path.join(dir, 'work');
fs.mkdirSync(work);
const erpKey = makeClientKey(dir, 'erp');
const readerKey = makeClientKey(dir, 'reader');
const recipientKey = makeClientKey(dir, 'recipient');

let database: TestDatabase;
let server: RunningServer;
let erp: ApiClientCredentials;
let reader: ApiClientCredentials;
let supplierId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDirectory({ db: database.db });
  await seedAccounts({ db: database.db, dryRun: false });
  supplierId = (await findStructure(database.db, DEMO_SUPPLIER.identifier))!.id;
  const client = async (
    name: string,
    scopes: ['invoices:send'] | ['invoices:read'],
    pub: string,
  ) => {
    const c = await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: DEMO_SUPPLIER.identifier,
      name,
      scopes,
    });
    await setSftpKey({
      db: database.db,
      actor: { kind: 'cli' },
      clientId: c.clientId,
      publicKey: pub,
    });
    return c;
  };
  erp = await client('ERP', ['invoices:send'], erpKey.pub);
  reader = await client('Lecteur', ['invoices:read'], readerKey.pub);
  const config = loadConfig({
    DATA_DIR: path.join(dir, 'data'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SFTP_PORT: '0',
    SFTP_HOST: '127.0.0.1',
  });
  // The test database is dropped by destroy() at the end, not by the server's close().
  server = await startServer({ config, database: { ...database, close: async () => undefined } });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await database?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sftpRoot = path.join(dir, 'data', 'sftp', 'accounts');
const homeOf = (c: ApiClientCredentials) => path.join(sftpRoot, supplierId, c.clientId);
const run = (c: ApiClientCredentials, key: string, lines: string[]) =>
  sftp({ port: server.sftp!.port, user: c.clientId, key, lines, cwd: work });
const outOf = (c: ApiClientCredentials) => fs.readdirSync(path.join(homeOf(c), 'out')).sort();

const flowNamed = (name: string) =>
  database.db.selectFrom('flow').selectAll().where('file_name', '=', name).executeTakeFirst();

describe('SFTP flows end to end (OpenSSH client, real server)', () => {
  it('a zip put into in/ is integrated and its JSON and PDF reports come to out/', async () => {
    const numbers = [1, 2, 3].map((i) => `SFTP-E2E-${process.pid}-${i}`);
    const unknownRecipient = `SFTP-E2E-${process.pid}-X`;
    const zip = await yazlZip([
      ...numbers.map((number) => ({ name: `${number}.xml`, bytes: ubl({ number }).bytes })),
      {
        name: 'inconnu.xml',
        bytes: ubl({
          number: unknownRecipient,
          recipient: { identifier: '11122233344455', name: 'Inconnu' },
        }).bytes,
      },
    ]);
    const name = 'IN_DP_E1_UBL_INVOICE_lot-2026-12.zip';
    fs.writeFileSync(path.join(work, name), zip);
    const put = await run(erp, erpKey.key, [`put ${name} in/${name}`]);
    expect(put.code, put.stderr).toBe(0);

    const flow = await flowNamed(name);
    expect(flow).toMatchObject({ channel: 'SFTP', syntax: 'IN_DP_E1_UBL_INVOICE' });
    // The file has left in/ as soon as the put returned: the platform has it.
    expect(fs.readdirSync(path.join(homeOf(erp), 'in'))).toEqual([]);
    const json = `${flow!.number}_CR.json`;
    const pdf = `${flow!.number}_CR.pdf`;
    await waitFor(() => outOf(erp).includes(json) && outOf(erp).includes(pdf), 90_000);
    // Only the two reports: the hidden names they were written under are gone.
    expect(outOf(erp)).toEqual([json, pdf]);

    const get = await run(erp, erpKey.key, ['cd out', `get ${json}`, `get ${pdf}`]);
    expect(get.code, get.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(work, json), 'utf8')) as {
      flow: { numeroFluxDepot: string; etat: string; entries: number; accepted: number };
      entries: { name: string; outcome: string; refusalCode: string | null; invoiceId: string }[];
    };
    expect(report.flow).toMatchObject({
      numeroFluxDepot: flow!.number,
      etat: 'IN_INTEGRE_PARTIEL',
      entries: 4,
      accepted: 3,
    });
    expect(report.entries.map((e) => [e.name, e.outcome, e.refusalCode])).toEqual([
      [`${numbers[0]}.xml`, 'ACCEPTED', null],
      [`${numbers[1]}.xml`, 'ACCEPTED', null],
      [`${numbers[2]}.xml`, 'ACCEPTED', null],
      ['inconnu.xml', 'REFUSED', 'DESTINATAIRE_INCONNU'],
    ]);
    const text = execFileSync('pdftotext', ['-layout', path.join(work, pdf), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain(flow!.number);
    expect(text).toContain('DESTINATAIRE_INCONNU');

    const db = database.db;
    const after = await db
      .selectFrom('flow')
      .select(['state', 'report_delivered_at'])
      .where('id', '=', flow!.id)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe('IN_INTEGRE_PARTIEL');
    expect(after.report_delivered_at).not.toBeNull();
    const invoices = await db
      .selectFrom('invoice')
      .select(['id', 'number', 'deposited_by_client_id'])
      .where('number', 'in', [...numbers, unknownRecipient])
      .execute();
    expect(invoices.map((i) => i.number).sort()).toEqual([...numbers].sort());
    expect(invoices.every((i) => i.deposited_by_client_id === erp.clientId)).toBe(true);
    const accepted = report.entries.filter((e) => e.outcome === 'ACCEPTED').map((e) => e.invoiceId);
    expect(accepted.sort()).toEqual(invoices.map((i) => i.id).sort());

    // rm in out/ acknowledges a report; it does not come back.
    const rm = await run(erp, erpKey.key, ['cd out', `rm ${json}`, `rm ${pdf}`]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(outOf(erp)).toEqual([]);

    // The delivery job run again (a retry): already delivered, nothing comes back.
    const deliver = () => deliverFlowReport({ db, outbox: sftpOutbox(sftpRoot), flowId: flow!.id });
    expect(await deliver()).toBe('already-delivered');
    expect(outOf(erp)).toEqual([]);
    // A retry of a run that died before recording the delivery writes the same report whole.
    await db
      .updateTable('flow')
      .set({ report_delivered_at: null })
      .where('id', '=', flow!.id)
      .execute();
    expect(await deliver()).toBe('delivered');
    expect(outOf(erp)).toEqual([json, pdf]);
    expect(fs.readFileSync(path.join(homeOf(erp), 'out', json), 'utf8')).toBe(
      fs.readFileSync(path.join(work, json), 'utf8'),
    );
  }, 180_000);

  it('a Factur-X named with "." after its syntax becomes a flow', async () => {
    const name = 'IN_DP_E2_CII_FACTURX.facture-42.pdf';
    fs.writeFileSync(path.join(work, name), await facturX({ number: `SFTP-FX-${process.pid}` }));
    const put = await run(erp, erpKey.key, [`put ${name} in/${name}`]);
    expect(put.code, put.stderr).toBe(0);
    const flow = await flowNamed(name);
    expect(flow?.syntax).toBe('IN_DP_E2_CII_FACTURX');
    await waitFor(() => outOf(erp).includes(`${flow!.number}_CR.json`), 90_000);
    const report = JSON.parse(
      fs.readFileSync(path.join(homeOf(erp), 'out', `${flow!.number}_CR.json`), 'utf8'),
    ) as { flow: { etat: string } };
    expect(report.flow.etat).toBe('IN_INTEGRE');
  }, 180_000);

  it('a name without a syntax, or a client without invoices:send, gives a refusal in out/ and no flow', async () => {
    const name = 'lot-sans-syntaxe.zip';
    fs.writeFileSync(path.join(work, name), await yazlZip([{ name: 'a.xml', bytes: ubl().bytes }]));
    const unnamed = await run(erp, erpKey.key, [`put ${name} in/${name}`]);
    expect(unnamed.code, unnamed.stderr).toBe(0);
    const refusal = JSON.parse(
      fs.readFileSync(path.join(homeOf(erp), 'out', `${name}_REFUS.json`), 'utf8'),
    ) as { fichier: string; codeRefus: string; message: { fr: string; en: string } };
    expect(refusal).toMatchObject({ fichier: name, codeRefus: 'SYNTAXE_ABSENTE' });
    expect(refusal.message.fr).toContain('IN_DP_E1_UBL_INVOICE');
    expect(refusal.message.en).toContain('does not start with a flow syntax');
    expect(await flowNamed(name)).toBeUndefined();
    expect(fs.readdirSync(path.join(homeOf(erp), 'in'))).toEqual([]);

    const named = 'IN_DP_E1_UBL_INVOICE_lecteur.xml';
    fs.writeFileSync(path.join(work, named), ubl({ number: `SFTP-RO-${process.pid}` }).bytes);
    const readOnly = await run(reader, readerKey.key, [`put ${named} in/${named}`]);
    expect(readOnly.code, readOnly.stderr).toBe(0);
    expect(outOf(reader)).toEqual([`${named}_REFUS.json`]);
    const forbidden = JSON.parse(
      fs.readFileSync(path.join(homeOf(reader), 'out', `${named}_REFUS.json`), 'utf8'),
    ) as { codeRefus: string; message: { fr: string } };
    expect(forbidden.codeRefus).toBe('FORBIDDEN');
    expect(forbidden.message.fr).toContain('invoices:send');
    expect(await flowNamed(named)).toBeUndefined();
  }, 180_000);

  // Last in this file: it sets the demo public body to receive by flow.
  it('a recipient receiving by flow gets the invoice in its out/; its OpenSSH get is the pickup', async () => {
    const publicBody = (await findStructure(database.db, DEMO_PUBLIC_BODY.identifier))!;
    await setReception({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: DEMO_PUBLIC_BODY.identifier,
      settings: { byFlow: true, format: 'ORIGINAL', withRendering: false },
    });
    const system = await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: DEMO_PUBLIC_BODY.identifier,
      name: 'Logiciel comptable',
      scopes: ['invoices:read'],
    });
    await setSftpKey({
      db: database.db,
      actor: { kind: 'cli' },
      clientId: system.clientId,
      publicKey: recipientKey.pub,
    });
    const number = `SFTP-OUT-${process.pid}`;
    const name = `IN_DP_E1_UBL_INVOICE_${number}.xml`;
    fs.writeFileSync(path.join(work, name), ubl({ number }).bytes);
    expect((await run(erp, erpKey.key, [`put ${name} in/${name}`])).code).toBe(0);

    const invoiceOf = () =>
      database.db
        .selectFrom('invoice')
        .select(['id', 'first_downloaded_at'])
        .where('number', '=', number)
        .executeTakeFirst();
    await waitFor(async () => (await invoiceOf()) !== undefined, 90_000);
    const invoice = (await invoiceOf())!;
    const out = path.join(sftpRoot, publicBody.id, system.clientId, 'out');
    const file = `${invoice.id}.xml`;
    await waitFor(() => fs.existsSync(out) && fs.readdirSync(out).includes(file), 90_000);
    const outbound = () =>
      database.db
        .selectFrom('flow')
        .select(['state', 'picked_up_at'])
        .where('direction', '=', 'OUT')
        .where('invoice_id', '=', invoice.id)
        .executeTakeFirstOrThrow();
    expect((await outbound()).picked_up_at).toBeNull();
    expect(invoice.first_downloaded_at).toBeNull();

    // The recipient's system fetches it with OpenSSH, then removes it.
    const got = await run(system, recipientKey.key, ['cd out', `get ${file}`, `rm ${file}`]);
    expect(got.code, got.stderr).toBe(0);
    expect(fs.readFileSync(path.join(work, file))).toEqual(Buffer.from(ubl({ number }).bytes));
    await waitFor(async () => (await outbound()).state === 'OUT_RECUPERE', 30_000);
    expect((await invoiceOf())!.first_downloaded_at).not.toBeNull();
    // Read to its end, then removed: one pickup in the journal, by this client, over SFTP.
    const events = await database.db
      .selectFrom('invoice_event')
      .select(['actor_kind', 'actor_client_id', 'data'])
      .where('invoice_id', '=', invoice.id)
      .where('event', '=', 'DOWNLOADED')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_kind: 'CLIENT', actor_client_id: system.clientId });
    expect(events[0]!.data).toMatchObject({ file, channel: 'SFTP' });
    expect(fs.readdirSync(out)).not.toContain(file);
  }, 180_000);
});

describe('SFTP naming rule', () => {
  it('reads the syntax from the start of the name, before "_" or "."', () => {
    expect(syntaxOfFileName('IN_DP_E1_CII_16B_lot-2026-12.zip')).toBe('IN_DP_E1_CII_16B');
    expect(syntaxOfFileName('IN_DP_E2_CII_FACTURX.facture-42.pdf')).toBe('IN_DP_E2_CII_FACTURX');
    expect(syntaxOfFileName('IN_DP_E2_UBL_INVOICE_MIN_x.xml')).toBe('IN_DP_E2_UBL_INVOICE_MIN');
    for (const name of [
      'IN_DP_E1_CII_16Bzip',
      'IN_DP_E1_CII_16Bx.zip',
      'in_dp_e1_cii_16b_lot.zip',
      'lot_IN_DP_E1_CII_16B.zip',
      'IN_DP_E9_XML_lot.zip',
      'IN_DP_E1_CII_16B',
    ]) {
      expect(syntaxOfFileName(name), name).toBeUndefined();
    }
  });

  it('names a refusal within 255 bytes', () => {
    expect(refusalFileName('a.zip')).toBe('a.zip_REFUS.json');
    const long = refusalFileName('é'.repeat(127));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('_REFUS.json')).toBe(true);
  });
});
