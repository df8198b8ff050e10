/**
 * Child process of crash.test.ts: runs the job worker (sending through SMTP) while changing
 * invoice statuses in a loop, printing each committed change, until it is killed with SIGKILL.
 * Usage: tsx crash-child.ts <databaseUrl|dataDir> <smtpUrl>
 */
import { openDatabase } from '../../src/db/database.js';
import { changeInvoiceStatus } from '../../src/invoices/change-invoice-status.js';
import type { InvoiceStatus } from '../../src/invoices/model.js';
import { startWorker } from '../../src/jobs/worker.js';
import { createMailer } from '../../src/lib/mailer.js';
import { insertInvoice } from './invoice-fixtures.js';

const [location, smtpUrl] = process.argv.slice(2) as [string, string];
const database = await openDatabase(
  location.startsWith('postgres') ? { databaseUrl: location, poolSize: 4 } : { dataDir: location },
);
const db = database.db;
const mailer = createMailer({ smtpUrl, from: 'chorale@test', log: () => undefined });
await startWorker({
  db,
  mailer,
  publicUrl: 'http://chorale.test',
  log: (error) => process.stderr.write(`worker: ${String(error)}\n`),
  pollingIntervalSeconds: 0.5,
});
const clerk = await db
  .selectFrom('app_user')
  .select('id')
  .where('email', '=', 'agent.technique@mairie.demo.chorale.test')
  .executeTakeFirstOrThrow();
const principal = { kind: 'user' as const, userId: clerk.id, csrfToken: '', sessionHash: '' };
const steps: [InvoiceStatus, Record<string, string>][] = [
  ['SERVICE_FAIT', {}],
  ['MANDATEE', { mandateNumber: 'M-1' }],
  ['MISE_EN_PAIEMENT', { paymentDate: '2026-12-01', paymentAmount: '1200.00' }],
];
process.stdout.write('ready\n');
for (;;) {
  const { id } = await insertInvoice(db);
  let version = 1;
  for (const [status, extra] of steps) {
    const moved = await changeInvoiceStatus({
      db,
      principal,
      invoiceId: id,
      version,
      status,
      ...extra,
    });
    version = moved.version;
    process.stdout.write(`changed ${id} ${moved.seq}\n`);
    // Requests arrive over the network: let timers (the worker's polling) run in between,
    // as they do in the server. A loop of embedded-database calls alone never yields to them.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
