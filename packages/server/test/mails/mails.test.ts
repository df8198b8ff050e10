import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransition } from '../../src/invoices/lifecycle.js';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { createMailer } from '../../src/lib/mailer.js';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { setUpPersonas } from '../support/personas.js';

/**
 * Notification mails over real SMTP: a text part and an HTML part (multipart/alternative), the
 * support footer in both, and no mail to the user whose own move it was.
 */
let t: TestApp;
let sink: SmtpSink;
let worker: JobWorker;

beforeAll(async () => {
  t = await createTestApp();
  // The demo supplier's gestionnaire and a second supplier user holding FACTURES_EMISES.
  await setUpPersonas(t);
  sink = await startSmtpSink();
  const support = { email: 'support@chorale.test', url: undefined, phone: '+33 1 23 45 67 89' };
  worker = await startWorker({
    db: t.database.db,
    mailer: createMailer({
      smtpUrl: sink.url,
      from: 'chorale@test',
      log: () => undefined,
      footer: { publicUrl: 'https://chorale.test', support },
    }),
    publicUrl: 'https://chorale.test',
    log: () => undefined,
    pollingIntervalSeconds: 0,
  });
  // A fresh database and its migrations: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await worker?.stop();
  await sink?.close();
  await t?.close();
});

describe('a status change made by a supplier user', () => {
  it('is mailed to the other supplier users only, as text and HTML with the support footer', async () => {
    const db = t.database.db;
    await worker.drain();
    sink.messages.splice(0);
    const { id } = await insertInvoice(db, { status: 'SUSPENDUE' });
    const invoice = await db
      .selectFrom('invoice')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const gestionnaire = await db
      .selectFrom('app_user')
      .select(['id', 'email'])
      .where('email', '=', 'fournisseur@demo.chorale.test')
      .executeTakeFirstOrThrow();
    // The supplier's gestionnaire completes the suspended invoice: their own move.
    await db.transaction().execute((trx) =>
      applyTransition(trx, {
        invoice,
        version: 1,
        to: 'COMPLETEE',
        event: 'COMPLETED',
        actor: { kind: 'USER', userId: gestionnaire.id },
      }),
    );
    await worker.drain();
    const to = sink.messages.map((m) => m.to.join(','));
    expect(to).toEqual(['utilisateur@fournisseur.test']);
    const raw = sink.messages[0]!.raw;
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    // Quoted-printable soft line breaks and escapes undone, to read the parts' words.
    const decoded = raw
      .replace(/=\r?\n/g, '')
      .replace(/(?:=[0-9A-F]{2})+/g, (hex) =>
        Buffer.from(hex.replace(/=/g, ''), 'hex').toString('utf8'),
      );
    expect(decoded).toContain('« Complétée » (elle était « Suspendue »)');
    expect(decoded).toContain('Support de la plateforme : support@chorale.test');
    expect(decoded).toContain('<a href="mailto:support@chorale.test">');
    expect(decoded).toContain(`https://chorale.test/factures/${id}`);
  });
});
