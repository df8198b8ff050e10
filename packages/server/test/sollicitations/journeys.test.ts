import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type UserActor } from '../../src/accounts/model.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import type { JobsTables } from '../../src/jobs/schema.js';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { AppError } from '../../src/lib/errors.js';
import { createMailer, type Mail } from '../../src/lib/mailer.js';
import { addPlatformSupport } from '../../src/sollicitations/add-platform-support.js';
import { changeSollicitationStatus } from '../../src/sollicitations/change-sollicitation-status.js';
import { getSollicitation } from '../../src/sollicitations/get-sollicitation.js';
import { listSollicitations } from '../../src/sollicitations/list-sollicitations.js';
import { openSollicitation } from '../../src/sollicitations/open-sollicitation.js';
import { postSollicitationMessage } from '../../src/sollicitations/post-sollicitation-message.js';
import { readSollicitationFile } from '../../src/sollicitations/read-sollicitation-file.js';
import { reassignSollicitation } from '../../src/sollicitations/reassign-sollicitation.js';
import { summariseSollicitations } from '../../src/sollicitations/summarise-sollicitations.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import type { FileStore } from '../../src/storage/file-store.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import { createMember, setUpPersonas, type Personas } from '../support/personas.js';

// The supplier → recipient → support journeys of a sollicitation (issue 16), through the use
// cases, on a real database: access rules (another structure 404, another service 403), the
// status moves, the invoice's journal rows and the mails, checked in the database afterwards.

let t: TestApp;
let p: Personas;
let worker: JobWorker;
let files: FileStore;
const mails: Mail[] = [];
let invoiceId: string;
let outsider: UserActor;
let support: UserActor;
let supportEmail: string;
const S = DEMO_SUPPLIER.identifier;
const P = DEMO_PUBLIC_BODY.identifier;
const as = (c: { userId?: string }): UserActor => ({ kind: 'user', userId: c.userId! });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

/** Runs the queued mail jobs; returns the mails they sent. */
async function sentMails(): Promise<Mail[]> {
  const before = mails.length;
  await worker.drain();
  return mails.slice(before);
}

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  files = localFileStore(t.config.filesDir);
  worker = await startWorker({
    db: t.database.db,
    mailer: createMailer({
      smtpUrl: undefined,
      from: 'test@chorale.test',
      log: (m) => mails.push(m),
    }),
    publicUrl: 'http://chorale.test',
    files,
    log: (error) => {
      throw error;
    },
    pollingIntervalSeconds: 0,
  });
  const res = await deposit(t, p.supplierGestionnaire, { invoice: ubl({ number: nextNumber() }) });
  expect(res.statusCode, res.body).toBe(201);
  invoiceId = (res.json() as { id: string }).id;
  await worker.drain();
  mails.length = 0;
  // A member of a third structure: no tie to the threads of S and P.
  const other = await t.database.db
    .selectFrom('structure')
    .select('identifier')
    .where('identifier', 'not in', [S, P])
    .orderBy('identifier')
    .executeTakeFirstOrThrow();
  outsider = {
    kind: 'user',
    userId: await createMember(t, {
      email: 'autre@structure.test',
      password: 'autre-structure-mdp',
      identifier: other.identifier,
      role: 'GESTIONNAIRE_PRINCIPAL',
      rights: [{ space: 'FACTURES_EMISES' }, { space: 'SOLLICITATIONS' }],
    }),
  };
  supportEmail = 'support@chorale.test';
  support = {
    kind: 'user',
    userId: (
      await addPlatformSupport({
        db: t.database.db,
        actor: SYSTEM_ACTOR,
        email: supportEmail,
        password: 'support-de-la-plateforme',
      })
    ).userId,
  };
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
});

describe('a question about an invoice', () => {
  let id: string;

  it('is opened by the supplier, journaled on the invoice and mailed to the service', async () => {
    const db = t.database.db;
    id = (
      await openSollicitation({
        db,
        files,
        actor: as(p.supplierUser),
        input: {
          structure: S,
          subject: 'Où en est ma facture ?',
          category: 'STATUT_FACTURE',
          subcategory: 'FACTURE_BLOQUEE',
          body: 'Bonjour, la facture n’évolue plus depuis trois semaines.',
          invoiceId,
          attachments: [
            {
              bytes: new TextEncoder().encode('bon de livraison'),
              filename: 'bl.txt',
              mediaType: 'text/plain',
            },
          ],
        },
      })
    ).id;
    expect(id).toMatch(/^sol_[0-9a-z]{26}$/);
    const row = await db
      .selectFrom('sollicitation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const service = await db
      .selectFrom('invoice')
      .select(['recipient_structure_id', 'recipient_service_id'])
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'OUVERTE',
      addressee: 'STRUCTURE',
      recipient_structure_id: service.recipient_structure_id,
      recipient_service_id: service.recipient_service_id,
    });
    expect(row.waiting_since).not.toBeNull();
    const journal = await db
      .selectFrom('invoice_event')
      .select(['event', 'data'])
      .where('invoice_id', '=', invoiceId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(journal.event).toBe('SOLLICITATION_OPENED');
    expect(journal.data).toMatchObject({ sollicitationId: id });

    const sent = await sentMails();
    // Service A's clerk and the whole-structure gestionnaire hold SOLLICITATIONS there; the
    // clerk of service B does not get it.
    expect(sent.map((m) => m.to).sort()).toEqual([
      'agent.technique@mairie.demo.chorale.test',
      'gestionnaire@mairie.demo.chorale.test',
    ]);
    expect(sent[0]!.text).toContain(`/sollicitations/${id}`);
    const recorded = await db
      .withTables<JobsTables>()
      .selectFrom('notification_sent')
      .select(['email', 'state'])
      .where('sollicitation_id', '=', id)
      .execute();
    expect(recorded).toHaveLength(2);
    expect(recorded.every((r) => r.state === 'SENT')).toBe(true);
  });

  it('is seen by its parties only: another structure 404, a clerk of another service 403', async () => {
    const db = t.database.db;
    expect(await codeOf(getSollicitation({ db, actor: outsider, sollicitationId: id }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(getSollicitation({ db, actor: support, sollicitationId: id }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(getSollicitation({ db, actor: as(p.clerkB), sollicitationId: id }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(
        postSollicitationMessage({
          db,
          files,
          actor: as(p.clerkB),
          sollicitationId: id,
          body: 'x',
        }),
      ),
    ).toBe('FORBIDDEN');
    const thread = await getSollicitation({ db, actor: as(p.clerkA), sollicitationId: id });
    expect(thread.sides).toEqual(['RECIPIENT']);
    expect(thread.allowedActions).toEqual(['REPLY', 'TAKE', 'CLOSE']);
    expect(thread.messages).toHaveLength(1);
    const file = thread.messages[0]!.files[0]!;
    expect(file).toMatchObject({ name: 'bl.txt', size: 16 });
    const read = await readSollicitationFile({
      db,
      files,
      actor: as(p.supplierGestionnaire),
      sollicitationId: id,
      fileId: file.id,
    });
    const chunks: Buffer[] = [];
    for await (const c of read.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('bon de livraison');
    expect(
      await codeOf(
        readSollicitationFile({ db, files, actor: outsider, sollicitationId: id, fileId: file.id }),
      ),
    ).toBe('NOT_FOUND');
    // Inboxes: service A's clerk sees it, service B's does not; another structure's list is 404.
    const inboxA = await listSollicitations({
      db,
      actor: as(p.clerkA),
      box: 'received',
      structure: P,
    });
    expect(inboxA.items.map((i) => i.id)).toEqual([id]);
    const inboxB = await listSollicitations({
      db,
      actor: as(p.clerkB),
      box: 'received',
      structure: P,
    });
    expect(inboxB.items).toEqual([]);
    expect(
      await codeOf(listSollicitations({ db, actor: outsider, box: 'received', structure: P })),
    ).toBe('NOT_FOUND');
    const sent = await listSollicitations({
      db,
      actor: as(p.supplierGestionnaire),
      box: 'sent',
      structure: S,
    });
    expect(sent.items.map((i) => i.id)).toEqual([id]);
  });

  it('is taken in hand, answered (journal, mail to the supplier), closed and reopened', async () => {
    const db = t.database.db;
    const taken = await changeSollicitationStatus({
      db,
      actor: as(p.clerkA),
      sollicitationId: id,
      status: 'EN_COURS',
      version: 1,
    });
    expect(taken).toEqual({ status: 'EN_COURS', version: 2 });
    // A stale version is a conflict.
    expect(
      await codeOf(
        changeSollicitationStatus({
          db,
          actor: as(p.clerkA),
          sollicitationId: id,
          status: 'CLOSE',
          version: 1,
        }),
      ),
    ).toBe('CONFLICT');
    const answer = await postSollicitationMessage({
      db,
      files,
      actor: as(p.clerkA),
      sollicitationId: id,
      body: 'Le service fait a été constaté hier, le paiement suit.',
    });
    expect(answer.status).toBe('REPONDUE');
    const row = await db
      .selectFrom('sollicitation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.waiting_since).toBeNull();
    const events = await db
      .selectFrom('invoice_event')
      .select('event')
      .where('invoice_id', '=', invoiceId)
      .where('event', 'like', 'SOLLICITATION_%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.event)).toEqual(['SOLLICITATION_OPENED', 'SOLLICITATION_ANSWERED']);
    const mailed = await sentMails();
    // The supplier's users holding FACTURES_EMISES (its gestionnaire and the plain user).
    expect(mailed.map((m) => m.to).sort()).toEqual([
      'fournisseur@demo.chorale.test',
      'utilisateur@fournisseur.test',
    ]);
    // The mail quotes the answer it is about.
    expect(mailed[0]!.text).toContain('Le service fait a été constaté hier');
    expect(mailed[0]!.subject).toBe('Sollicitation « Où en est ma facture ? »');
    // The supplier writes again: the thread waits again and the service is told.
    const follow = await postSollicitationMessage({
      db,
      files,
      actor: as(p.supplierUser),
      sollicitationId: id,
      body: 'Merci, et la date ?',
    });
    expect(follow.status).toBe('EN_COURS');
    expect((await sentMails()).map((m) => m.to).sort()).toEqual([
      'agent.technique@mairie.demo.chorale.test',
      'gestionnaire@mairie.demo.chorale.test',
    ]);
    const closed = await changeSollicitationStatus({
      db,
      actor: as(p.supplierUser),
      sollicitationId: id,
      status: 'CLOSE',
      version: follow.version,
    });
    expect(closed.status).toBe('CLOSE');
    expect(
      await codeOf(
        postSollicitationMessage({
          db,
          files,
          actor: as(p.clerkA),
          sollicitationId: id,
          body: 'encore',
        }),
      ),
    ).toBe('CONFLICT');
    // Reopening: refused 31 days after the closing, allowed within 30.
    const closedAt = (
      await db
        .selectFrom('sollicitation')
        .select('closed_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).closed_at!;
    const late = new Date(closedAt.getTime() + 31 * 24 * 3600 * 1000);
    expect(
      await codeOf(
        changeSollicitationStatus({
          db,
          actor: as(p.supplierUser),
          sollicitationId: id,
          status: 'EN_COURS',
          version: closed.version,
          now: late,
        }),
      ),
    ).toBe('CONFLICT');
    const reopened = await changeSollicitationStatus({
      db,
      actor: as(p.supplierUser),
      sollicitationId: id,
      status: 'EN_COURS',
      version: closed.version,
    });
    expect(reopened.status).toBe('EN_COURS');
    const after = await db
      .selectFrom('sollicitation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.closed_at).toBeNull();
    expect(after.waiting_since).not.toBeNull();
  });

  it('refuses a file breaking the invoice attachment rules, and writes nothing', async () => {
    const db = t.database.db;
    const before = await db.selectFrom('sollicitation_message').select('id').execute();
    const error = await postSollicitationMessage({
      db,
      files,
      actor: as(p.supplierUser),
      sollicitationId: id,
      body: 'voici le script',
      attachments: [
        {
          bytes: new Uint8Array([1]),
          filename: 'virus.exe',
          mediaType: 'application/octet-stream',
        },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/extension/);
    expect(await db.selectFrom('sollicitation_message').select('id').execute()).toHaveLength(
      before.length,
    );
  });
});

describe('a question to the platform support', () => {
  it('is seen by the support only, reassigned to a structure, then answered there', async () => {
    const db = t.database.db;
    const { id } = await openSollicitation({
      db,
      files,
      actor: as(p.supplierGestionnaire),
      input: {
        structure: S,
        subject: 'Quel code service pour la mairie ?',
        category: 'ACHEMINEMENT',
        subcategory: 'CODE_SERVICE',
        body: 'Je ne trouve pas le code service à indiquer.',
        toPlatform: true,
      },
    });
    expect((await sentMails()).map((m) => m.to)).toEqual([supportEmail]);
    const queue = await listSollicitations({ db, actor: support, box: 'support' });
    expect(queue.items.map((i) => i.id)).toEqual([id]);
    expect(await codeOf(listSollicitations({ db, actor: as(p.clerkA), box: 'support' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(getSollicitation({ db, actor: as(p.publicGestionnaire), sollicitationId: id })),
    ).toBe('NOT_FOUND');
    // Only the support reassigns.
    expect(
      await codeOf(
        reassignSollicitation({
          db,
          actor: as(p.supplierGestionnaire),
          sollicitationId: id,
          recipientIdentifier: P,
          version: 1,
        }),
      ),
    ).toBe('FORBIDDEN');
    await reassignSollicitation({
      db,
      actor: support,
      sollicitationId: id,
      recipientIdentifier: P,
      serviceCode: DEMO_SERVICE_A.code,
      version: 1,
    });
    expect((await sentMails()).map((m) => m.to).sort()).toEqual([
      'agent.technique@mairie.demo.chorale.test',
      'gestionnaire@mairie.demo.chorale.test',
    ]);
    // The support no longer sees it; the structure's service does.
    expect(await codeOf(getSollicitation({ db, actor: support, sollicitationId: id }))).toBe(
      'NOT_FOUND',
    );
    expect((await listSollicitations({ db, actor: support, box: 'support' })).items).toEqual([]);
    const answered = await postSollicitationMessage({
      db,
      files,
      actor: as(p.publicGestionnaire),
      sollicitationId: id,
      body: 'Indiquez SERV-TECH.',
    });
    expect(answered.status).toBe('REPONDUE');
    const thread = await getSollicitation({ db, actor: as(p.supplierUser), sollicitationId: id });
    expect(thread.messages.map((m) => m.side)).toEqual(['REQUESTER', 'RECIPIENT']);
    expect(thread.recipient).toMatchObject({ identifier: P, serviceCode: DEMO_SERVICE_A.code });
  });
});

describe('deadlines', () => {
  it('lists open threads oldest wait first and counts those waiting more than 5 working days', async () => {
    const db = t.database.db;
    // The earlier journeys' threads are closed: this test counts only its own two.
    await db
      .updateTable('sollicitation')
      .set({ status: 'CLOSE', closed_at: new Date(), waiting_since: null })
      .execute();
    const open = async (subject: string) =>
      (
        await openSollicitation({
          db,
          files,
          actor: as(p.supplierGestionnaire),
          input: {
            structure: S,
            subject,
            category: 'AUTRE',
            subcategory: 'AUTRE',
            body: subject,
            recipientIdentifier: P,
          },
        })
      ).id;
    const old = await open('ancienne');
    const recent = await open('récente');
    // Waits began on Thursday 2026-12-17 and on Monday 2026-12-21 (09:00 in Paris).
    await db
      .updateTable('sollicitation')
      .set({ waiting_since: new Date('2026-12-17T08:00:00Z') })
      .where('id', '=', old)
      .execute();
    await db
      .updateTable('sollicitation')
      .set({ waiting_since: new Date('2026-12-21T08:00:00Z') })
      .where('id', '=', recent)
      .execute();
    // Monday 2026-12-28: Thursday 17 has waited 18, 21, 22, 23, 24, 28 (25 is Christmas) = 6
    // working days; Monday 21 has waited 4.
    const now = new Date('2026-12-28T10:00:00Z');
    const gestionnaire = as(p.publicGestionnaire);
    const summary = await summariseSollicitations({
      db,
      actor: gestionnaire,
      box: 'received',
      structure: P,
      now,
    });
    expect(summary.overdue).toBe(1);
    const inbox = await listSollicitations({
      db,
      actor: gestionnaire,
      box: 'received',
      structure: P,
      now,
      limit: 1,
    });
    expect(inbox.items[0]).toMatchObject({ id: old, waitingWorkingDays: 6 });
    const next = await listSollicitations({
      db,
      actor: gestionnaire,
      box: 'received',
      structure: P,
      now,
      limit: 1,
      cursor: inbox.nextCursor!,
    });
    expect(next.items[0]).toMatchObject({ id: recent, waitingWorkingDays: 4 });
    // One day earlier (Thursday 24) the old one had waited 5: not yet overdue.
    const before = await summariseSollicitations({
      db,
      actor: gestionnaire,
      box: 'received',
      structure: P,
      now: new Date('2026-12-24T10:00:00Z'),
    });
    expect(before.overdue).toBe(0);
    // A clerk of service B holds no right on threads without a service: not counted for them.
    expect(
      (
        await summariseSollicitations({
          db,
          actor: as(p.clerkB),
          box: 'received',
          structure: P,
          now,
        })
      ).open,
    ).toBe(0);
  });
});
