/**
 * A webhook receiver that never answers (bench:deposit --hanging-webhook): it reads each
 * request and holds it open until closed. Subscribed to the deposits' events of both the
 * supplier and the recipient, so that every deposit gives it two deliveries.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR } from '../../packages/server/src/accounts/model.js';
import { openDatabase, type OpenDatabaseOptions } from '../../packages/server/src/db/database.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SUPPLIER,
} from '../../packages/server/src/directory/demo-directory.js';
import { createWebhook } from '../../packages/server/src/webhooks/create-webhook.js';

export async function startHangingReceiver(): Promise<{
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}> {
  let requests = 0;
  const server = http.createServer((req) => {
    requests++;
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Subscribes `url` to the supplier's status changes and the recipient's new invoices. */
export async function subscribeHanging(options: OpenDatabaseOptions, url: string): Promise<void> {
  const database = await openDatabase(options);
  const settings = { timeoutMs: 10_000, allowLoopbackHttp: true, secretKey: undefined };
  try {
    for (const [identifier, event] of [
      [DEMO_SUPPLIER.identifier, 'invoice.status_changed'],
      [DEMO_PUBLIC_BODY.identifier, 'invoice.made_available'],
    ] as const) {
      await createWebhook({
        db: database.db,
        actor: SYSTEM_ACTOR,
        identifier,
        url,
        events: [event],
        settings,
      });
    }
  } finally {
    await database.close();
  }
}

/** Deliveries written and attempts made, after a run. */
export async function deliveryCounts(
  options: OpenDatabaseOptions,
): Promise<{ deliveries: number; attempts: number; timedOut: number }> {
  const database = await openDatabase(options);
  try {
    const count = async (table: 'webhook_delivery' | 'webhook_attempt', timedOut = false) => {
      let q = database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (timedOut) q = q.where('error' as never, 'like', 'no answer within%');
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    return {
      deliveries: await count('webhook_delivery'),
      attempts: await count('webhook_attempt'),
      timedOut: await count('webhook_attempt', true),
    };
  } finally {
    await database.close();
  }
}
