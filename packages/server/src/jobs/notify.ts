import { createHash } from 'node:crypto';
/**
 * The notification jobs: who gets which e-mail, sent at most once per job and addressee.
 *
 * Exactly-once as far as SMTP allows: before sending, the (job id, addressee) row is claimed
 * (SENDING); after the relay accepted the mail, it is marked SENT. A job retried after a crash
 * skips every SENT row. The only window left for a duplicate is between the relay's "250 OK"
 * and the SENT mark (a few milliseconds); a crash there re-sends on retry rather than losing
 * the mail.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { effectiveReception } from '../directory/reception.js';
import { immediateAddressees } from '../events/preferences.js';
import { invoiceAvailableMail, statusChangedMail } from '../mails/invoice-mails.js';
import type { Mail, Mailer } from '../lib/mailer.js';
import type { FileStore } from '../storage/file-store.js';
import { enqueue, jobSchemas, type JobName } from './queue.js';
import type { JobsTables } from './schema.js';

export interface JobContext {
  db: Kysely<DB>;
  mailer: Mailer;
  /** Base URL of the portal, for links in the mails. */
  publicUrl: string;
  /** Where flow files are (the flow jobs read them); absent where no flow job runs. */
  files?: FileStore | undefined;
}

export interface QueuedJob {
  id: string;
  name: string;
  data: unknown;
}

/** What `notify-invoice-available` reads of its invoice. */
type InvoiceNotice = Awaited<ReturnType<typeof invoicesToNotify>>[number];

function invoicesToNotify(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('invoice')
    .select([
      'id',
      'number',
      'supplier_name',
      'recipient_structure_id',
      'recipient_service_id',
      'amount_due',
      'total_with_vat',
      'currency',
      // Who made it available (a user's recycle or deposit), left out of the mail below: nobody
      // is told of what they did themselves.
      (eb) =>
        eb
          .selectFrom('invoice_event as e')
          .innerJoin('app_user as u', 'u.id', 'e.actor_user_id')
          .select('u.email')
          .whereRef('e.invoice_id', '=', 'invoice.id')
          .where('e.to_status', '=', 'MISE_A_DISPOSITION')
          .orderBy('e.seq', 'desc')
          .limit(1)
          .as('made_available_by'),
    ])
    .where('id', 'in', ids)
    .execute();
}

/**
 * What the jobs of one fetched batch share, read once for all of them: the invoices of its
 * `notify-invoice-available` jobs (one query), and each recipient's reception settings and
 * addressees (once per structure and service). A flow's batch of deposits gives batches of
 * jobs about the same recipient: about ten queries per job become three or four.
 *
 * Staleness is bounded by a batch's run (at most half its jobs' 20 s expiry, worker.ts): a
 * right or a reception setting changed meanwhile applies from the next batch, as if the
 * change had come a few seconds later. A failed lookup is forgotten, so the next job retries it.
 */
export class JobBatch {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly invoices = new Map<string, InvoiceNotice>();

  /** A batch of `jobs`, with the invoices of its notify-invoice-available jobs read at once. */
  static async of(db: Kysely<DB>, jobs: readonly QueuedJob[]): Promise<JobBatch> {
    const batch = new JobBatch();
    const ids = jobs.flatMap((job) => {
      if (job.name !== 'notify-invoice-available') return [];
      const parsed = jobSchemas['notify-invoice-available'].safeParse(job.data);
      return parsed.success ? [parsed.data.invoiceId] : [];
    });
    if (ids.length > 0)
      for (const row of await invoicesToNotify(db, ids)) batch.invoices.set(row.id, row);
    return batch;
  }

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.memo.set(key, value);
      value.catch(() => this.memo.delete(key));
    }
    return value;
  }

  async invoice(db: Kysely<DB>, id: string): Promise<InvoiceNotice> {
    const known = this.invoices.get(id);
    if (known) return known;
    const [row] = await invoicesToNotify(db, [id]);
    if (!row) throw new Error(`invoice ${id} does not exist`);
    return row;
  }
}

/** Users of a structure holding `space` on the whole structure or on `serviceId`. */
export async function addressees(
  db: Kysely<DB>,
  structureId: string,
  space: 'FACTURES_EMISES' | 'FACTURES_RECUES' | 'SOLLICITATIONS',
  serviceId: string | null,
): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('membership_right', 'membership_right.membership_id', 'membership.id')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select('app_user.email')
    .distinct()
    .where('membership.structure_id', '=', structureId)
    .where('membership_right.space', '=', space)
    .where((eb) =>
      serviceId === null
        ? eb('membership_right.service_id', 'is', null)
        : eb.or([
            eb('membership_right.service_id', 'is', null),
            eb('membership_right.service_id', '=', serviceId),
          ]),
    )
    .orderBy('app_user.email')
    .execute();
  return rows.map((r) => r.email);
}

/**
 * Sends `mail` to each addressee unless this job already did (about an invoice, a flow or a
 * sollicitation).
 */
export async function sendOnce(
  ctx: JobContext,
  job: QueuedJob,
  about: { invoiceId: string } | { flowId: string } | { sollicitationId: string },
  emails: string[],
  mail: Omit<Mail, 'to'>,
): Promise<number> {
  const db = ctx.db.withTables<JobsTables>();
  let sent = 0;
  for (const email of emails) {
    const key = `${job.id}:${email}`;
    // Claim the row and read its state in one statement: the inserted row when new, the
    // existing one (SENDING after a crash, or SENT) when a run of this job claimed it before.
    const claimed = await sql<{ state: string }>`with claimed as (
        insert into notification_sent (key, job_name, job_id, invoice_id, flow_id,
          sollicitation_id, email, state)
        values (${key}, ${job.name}, ${job.id}, ${'invoiceId' in about ? about.invoiceId : null},
          ${'flowId' in about ? about.flowId : null},
          ${'sollicitationId' in about ? about.sollicitationId : null}, ${email}, 'SENDING')
        on conflict (key) do nothing
        returning state)
      select state from claimed
      union all
      select state from notification_sent where key = ${key}
      limit 1`.execute(db);
    // Empty only when a concurrent run inserted the row after this statement's snapshot: read
    // it now that its insert has committed (ours waited for it).
    const row =
      claimed.rows[0] ??
      (await db
        .selectFrom('notification_sent')
        .select('state')
        .where('key', '=', key)
        .executeTakeFirstOrThrow());
    if (row.state === 'SENT') continue;
    // Sending and marking SENT cannot be one atomic step: a crash between them re-sends the
    // mail on retry. The Message-ID derived from the key makes such a copy the same message.
    await ctx.mailer.send({ ...mail, to: email, messageId: notificationMessageId(key) });
    await db
      .updateTable('notification_sent')
      .set({ state: 'SENT', sent_at: new Date() })
      .where('key', '=', key)
      .execute();
    sent++;
  }
  return sent;
}

/**
 * Runs one job; throws to have it retried. Returns the number of mails sent this time. `batch`:
 * the lookups shared with the other jobs of its fetch (JobBatch); a job alone has its own.
 */
export async function runJob(
  ctx: JobContext,
  job: QueuedJob,
  batch: JobBatch = new JobBatch(),
): Promise<number> {
  const name = job.name as JobName;
  if (name === 'notify-invoice-available') {
    const data = jobSchemas[name].parse(job.data);
    const invoice = await batch.invoice(ctx.db, data.invoiceId);
    const { recipient_structure_id: structureId, recipient_service_id: serviceId } = invoice;
    // A recipient receiving by flow also gets the invoice as an outbound flow. This job runs
    // once per move to MISE_A_DISPOSITION, whatever made it: the one place that knows. The
    // enqueue is idempotent per (invoice, recipient) and happens before any mail, so a retry
    // of this job can never skip it.
    const reception = await batch.once(`reception:${structureId}:${serviceId}`, () =>
      effectiveReception(ctx.db, structureId, serviceId),
    );
    if (reception.byFlow) {
      await ctx.db
        .transaction()
        .execute((trx) =>
          enqueue(
            trx,
            'produce-outbound-flow',
            { v: 1, invoiceId: invoice.id, structureId: invoice.recipient_structure_id },
            { singletonKey: `outbound:${invoice.id}:${invoice.recipient_structure_id}` },
          ),
        );
    }
    // Those who chose a daily digest or no mail for this event are left out (events/preferences).
    const emails = await batch.once(`addressees:${structureId}:${serviceId}`, async () =>
      immediateAddressees(
        ctx.db,
        await addressees(ctx.db, structureId, 'FACTURES_RECUES', serviceId),
        'invoice.made_available',
      ),
    );
    const recipients = emails.filter((e) => e !== invoice.made_available_by);
    return sendOnce(
      ctx,
      job,
      { invoiceId: invoice.id },
      recipients,
      invoiceAvailableMail(invoice, ctx.publicUrl),
    );
  }
  if (name === 'notify-status-changed') {
    const data = jobSchemas[name].parse(job.data);
    const invoice = await ctx.db
      .selectFrom('invoice')
      .select(['id', 'number', 'recipient_name', 'supplier_structure_id'])
      .where('id', '=', data.invoiceId)
      .executeTakeFirstOrThrow();
    const event = await ctx.db
      .selectFrom('invoice_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
      .select(['e.from_status', 'e.to_status', 'e.reason', 'u.email as actor_email'])
      .where('e.invoice_id', '=', data.invoiceId)
      .where('e.seq', '=', data.eventSeq)
      .executeTakeFirstOrThrow();
    const emails = await immediateAddressees(
      ctx.db,
      await addressees(ctx.db, invoice.supplier_structure_id, 'FACTURES_EMISES', null),
      'invoice.status_changed',
    );
    // The supplier's user who made the move (a recycle, a completion) knows it already.
    const recipients = emails.filter((e) => e !== event.actor_email);
    return sendOnce(
      ctx,
      job,
      { invoiceId: invoice.id },
      recipients,
      statusChangedMail(invoice, event, ctx.publicUrl),
    );
  }
  throw new Error(`unknown job ${job.name}`);
}

/** The Message-ID of the notification mail with that (job, addressee) key. */
export function notificationMessageId(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@notifications.chorale>`;
}
