import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiClient,
  type ApiClientCredentials,
} from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { authenticateSftpClient } from '../../src/accounts/authenticate-sftp-client.js';
import { seedAccounts } from '../../src/accounts/seed-accounts.js';
import { setSftpKey } from '../../src/accounts/set-sftp-key.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { loadOrCreateHostKey } from '../../src/sftp/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeClientKey, sftp, ssh2Connect, ssh2List, startTestServer } from './support.js';

// SFTP accounts are API clients: a key registered with setSftpKey, or the client's secret.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-sftp-accounts-'));
const work = path.join(dir, 'work');
fs.mkdirSync(work);
const key = makeClientKey(dir, 'erp');
const stranger = makeClientKey(dir, 'stranger');

let database: TestDatabase;
let client: ApiClientCredentials;
let supplierId: string;
let t: Awaited<ReturnType<typeof startTestServer>>;
const userId = async (email: string) =>
  (
    await database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDirectory({ db: database.db });
  await seedAccounts({ db: database.db, dryRun: false });
  supplierId = (await findStructure(database.db, DEMO_SUPPLIER.identifier))!.id;
  client = await createApiClient({
    db: database.db,
    actor: SYSTEM_ACTOR,
    identifier: DEMO_SUPPLIER.identifier,
    name: 'ERP',
    scopes: ['invoices:send'],
  });
  const hostKey = await loadOrCreateHostKey(path.join(dir, 'data'));
  t = await startTestServer({
    hostKeys: [hostKey.privateKey],
    root: path.join(dir, 'root'),
    maxAuthFailures: 3,
    authenticate: (r) =>
      authenticateSftpClient({
        db: database.db,
        credentials:
          r.method === 'password'
            ? { method: 'password', clientId: r.username, password: r.password }
            : { method: 'publickey', clientId: r.username, keyBlob: r.keyBlob },
      }),
  });
}, 60_000);
afterAll(async () => {
  await t?.server.close();
  await database?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('setSftpKey', () => {
  it("only the structure's gestionnaire principal or the CLI sets it; bad keys are refused", async () => {
    const manager = await userId('fournisseur@demo.chorale.test');
    const otherManager = await userId('gestionnaire@mairie.demo.chorale.test');
    const set = (actor: Parameters<typeof setSftpKey>[0]['actor'], publicKey: string | null) =>
      setSftpKey({ db: database.db, actor, clientId: client.clientId, publicKey });
    await expect(
      set({ kind: 'user', userId: otherManager, identifier: DEMO_SUPPLIER.identifier }, key.pub),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A gestionnaire of another structure naming their own: the client is not theirs.
    await expect(
      set({ kind: 'user', userId: otherManager, identifier: DEMO_PUBLIC_BODY.identifier }, key.pub),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      set(
        { kind: 'user', userId: manager, identifier: DEMO_SUPPLIER.identifier },
        'ssh-ed25519 AAAA',
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(set({ kind: 'cli' }, 'ssh-dss AAAAB3NzaC1kc3M=')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const byCli = await set({ kind: 'cli' }, stranger.pub);
    expect(byCli.fingerprint).toMatch(/^SHA256:/);
    const byManager = await set(
      { kind: 'user', userId: manager, identifier: DEMO_SUPPLIER.identifier },
      key.pub,
    );
    expect(byManager.fingerprint).not.toBe(byCli.fingerprint);
    const row = await database.db
      .selectFrom('api_client')
      .select('sftp_public_key')
      .where('id', '=', client.clientId)
      .executeTakeFirstOrThrow();
    expect(row.sftp_public_key).toBe(key.pub.split(' ').slice(0, 2).join(' '));
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['event', 'actor_user_id'])
      .where('event', '=', 'API_CLIENT_SFTP_KEY_SET')
      .execute();
    expect(audit).toEqual([
      { event: 'API_CLIENT_SFTP_KEY_SET', actor_user_id: null },
      { event: 'API_CLIENT_SFTP_KEY_SET', actor_user_id: manager },
    ]);
  });
});

describe('SFTP sign-in as an API client', () => {
  it('signs in with the registered key (OpenSSH) into its own tree; another key is refused', async () => {
    fs.writeFileSync(path.join(work, 'flow.xml'), 'flow');
    const ok = await sftp({
      port: t.server.port,
      user: client.clientId,
      key: key.key,
      lines: ['put flow.xml in/flow.xml'],
      cwd: work,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(t.uploads).toMatchObject([
      { clientId: client.clientId, structureId: supplierId, name: 'flow.xml', size: 4 },
    ]);
    expect(t.uploads[0]!.path).toBe(
      path.join(dir, 'root', supplierId, client.clientId, 'in', 'flow.xml'),
    );
    const refused = await sftp({
      port: t.server.port,
      user: client.clientId,
      key: stranger.key,
      lines: ['ls'],
      cwd: work,
    });
    expect(refused.code).not.toBe(0);
  }, 30_000);

  it('signs in with the client secret; a wrong secret, an inactive client are refused', async () => {
    const c = await ssh2Connect({
      port: t.server.port,
      username: client.clientId,
      password: client.clientSecret,
    });
    expect(await ssh2List(c, ['/', '/in'])).toEqual([['in', 'out'], ['flow.xml']]);
    c.end();
    const other = await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: DEMO_SUPPLIER.identifier,
      name: 'Old ERP',
      scopes: ['invoices:send'],
    });
    await expect(
      ssh2Connect({ port: t.server.port, username: other.clientId, password: 'wrong' }),
    ).rejects.toThrow(/authentication methods failed/);
    await database.db
      .updateTable('api_client')
      .set({ active: false })
      .where('id', '=', other.clientId)
      .execute();
    await expect(
      ssh2Connect({ port: t.server.port, username: other.clientId, password: other.clientSecret }),
    ).rejects.toThrow(/authentication methods failed/);
  }, 30_000);

  it('after 3 failures from one address, even the right secret is refused for a while', async () => {
    const fresh = await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: DEMO_SUPPLIER.identifier,
      name: 'Guessed',
      scopes: ['invoices:send'],
    });
    for (let i = 0; i < 3; i++) {
      await expect(
        ssh2Connect({ port: t.server.port, username: fresh.clientId, password: `guess-${i}` }),
      ).rejects.toThrow();
    }
    await expect(
      ssh2Connect({ port: t.server.port, username: fresh.clientId, password: fresh.clientSecret }),
    ).rejects.toThrow();
    // Another username from the same address is not affected.
    const c = await ssh2Connect({
      port: t.server.port,
      username: client.clientId,
      password: client.clientSecret,
    });
    c.end();
  }, 30_000);
});
