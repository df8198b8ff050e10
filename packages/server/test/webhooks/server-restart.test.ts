import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { createWebhook } from '../../src/webhooks/create-webhook.js';
import {
  freshLocation,
  startServer,
  tearDown,
  until,
  type Location,
  type ServerProcess,
} from '../crash/harness.js';
import { depositBody, ubl } from '../support/invoices.js';
import { Receiver } from './receiver.js';

// Deliveries outlive the server: events recorded while the receiver is down are delivered,
// signed and once each, by the server started again (the real `chorale serve`, SIGTERM between).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-webhook-restart-'));
let location: Location | undefined;
let server: ServerProcess | undefined;
let receiver: Receiver | undefined;
afterAll(async () => {
  await receiver?.close();
  await tearDown({ server, sink: undefined, location, dir });
});

const env = { WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true', WEBHOOK_TIMEOUT_MS: '2000' };

describe('webhook deliveries across a server restart', () => {
  it(
    'delivers what waited during the outage once the server is back',
    { timeout: 240_000 },
    async () => {
      location = await freshLocation(path.join(dir, 'data'));
      receiver = await Receiver.start();
      receiver.mode = 'fail';
      let database = await location.open();
      let credentials: { clientId: string; clientSecret: string };
      try {
        await migrateToLatest(database.db);
        await seedDirectory({ db: database.db });
        credentials = await createApiClient({
          db: database.db,
          actor: SYSTEM_ACTOR,
          identifier: DEMO_SUPPLIER.identifier,
          name: 'restart test',
          scopes: ['invoices:send'],
        });
        receiver.secret = (
          await createWebhook({
            db: database.db,
            actor: SYSTEM_ACTOR,
            identifier: DEMO_SUPPLIER.identifier,
            url: receiver.url,
            events: ['invoice.status_changed'],
            settings: { timeoutMs: 2000, allowLoopbackHttp: true, secretKey: undefined },
          })
        ).secret;
      } finally {
        await database.close();
      }

      server = await startServer(location, '', env);
      const token = await fetch(`${server.url}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${credentials.clientId}&client_secret=${credentials.clientSecret}`,
      });
      const { access_token: bearer } = (await token.json()) as { access_token: string };
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const body = depositBody({ invoice: ubl({ number: `RESTART-${i}` }) });
        const res = await fetch(`${server.url}/api/v1/invoices`, {
          method: 'POST',
          headers: { ...body.headers, authorization: `Bearer ${bearer}` },
          body: body.payload,
        });
        expect(res.status, await res.clone().text()).toBe(201);
        ids.push(((await res.json()) as { id: string }).id);
      }
      // The receiver refuses what comes; the server stops with the deliveries still due.
      await until('a refused delivery', () => receiver!.received.length > 0, 60_000);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(receiver.accepted()).toEqual([]);

      receiver.mode = 'ok';
      server = await startServer(location, '', env);
      await until('the three events', () => receiver!.accepted().length === 3, 120_000);
      const accepted = receiver.accepted();
      expect(accepted.every((r) => r.signatureValid)).toBe(true);
      expect(accepted.map((r) => r.body.orderKey).sort()).toEqual([...ids].sort());
      expect(accepted.every((r) => r.body.data.newStatus === 'MISE_A_DISPOSITION')).toBe(true);
      server.child.kill('SIGTERM');
      await server.exited;

      database = await location.open();
      try {
        const states = await database.db.selectFrom('webhook_delivery').select('state').execute();
        expect(states.map((s) => s.state)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
        const attempts = await database.db
          .selectFrom('webhook_attempt')
          .select('status_code')
          .execute();
        expect(attempts.some((a) => a.status_code === 500)).toBe(true);
        expect(attempts.filter((a) => a.status_code === 200)).toHaveLength(3);
      } finally {
        await database.close();
      }
    },
  );
});
