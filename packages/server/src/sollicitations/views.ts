/**
 * How a thread is shown (list rows and the thread page share the summary): the structures by
 * their directory names, and how long it has waited, in working days, since the addressee has
 * owed an answer.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { dateInParis, workingDaysBetween } from '../lib/working-days.js';
import type { Addressee, SollicitationCategory, SollicitationStatus } from './model.js';

export interface SollicitationSummary {
  id: string;
  subject: string;
  category: SollicitationCategory;
  subcategory: string;
  status: SollicitationStatus;
  addressee: Addressee;
  requester: { identifier: string; name: string };
  recipient: { identifier: string; name: string; serviceCode: string | null } | null;
  invoice: { id: string; number: string } | null;
  openedAt: Date;
  /** Since when an answer is owed; null when none is (answered, closed). */
  waitingSince: Date | null;
  /** Working days waited so far (French calendar); 0 when nothing is owed. */
  waitingWorkingDays: number;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
}

/** The summary query: every thread column and the names it shows. */
export function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('sollicitation as s')
    .innerJoin('structure as rq', 'rq.id', 's.requester_structure_id')
    .leftJoin('structure as rc', 'rc.id', 's.recipient_structure_id')
    .leftJoin('service as sv', 'sv.id', 's.recipient_service_id')
    .leftJoin('invoice as i', 'i.id', 's.invoice_id')
    .select([
      's.id',
      's.subject',
      's.category',
      's.subcategory',
      's.status',
      's.addressee',
      's.invoice_id',
      's.opened_at',
      's.waiting_since',
      's.closed_at',
      's.updated_at',
      's.version',
      'rq.identifier as rq_identifier',
      'rq.name as rq_name',
      'rc.identifier as rc_identifier',
      'rc.name as rc_name',
      'sv.code as service_code',
      'i.number as invoice_number',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

export function toSummary(r: SummaryRow, now = new Date()): SollicitationSummary {
  return {
    id: r.id,
    subject: r.subject,
    category: r.category as SollicitationCategory,
    subcategory: r.subcategory,
    status: r.status as SollicitationStatus,
    addressee: r.addressee as Addressee,
    requester: { identifier: r.rq_identifier, name: r.rq_name },
    recipient:
      r.rc_identifier && r.rc_name
        ? { identifier: r.rc_identifier, name: r.rc_name, serviceCode: r.service_code }
        : null,
    invoice:
      r.invoice_id && r.invoice_number ? { id: r.invoice_id, number: r.invoice_number } : null,
    openedAt: r.opened_at,
    waitingSince: r.waiting_since,
    waitingWorkingDays: r.waiting_since
      ? workingDaysBetween(dateInParis(r.waiting_since), dateInParis(now))
      : 0,
    closedAt: r.closed_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
