/**
 * Delivering a final SFTP flow's report (job `deliver-flow-report`): the report, as JSON (the
 * very shape of GET /api/v1/flows/{id}/report) and as PDF, written into the depositing API
 * client's SFTP `out/` as `<numeroFluxDepot>_CR.json` and `<numeroFluxDepot>_CR.pdf`.
 *
 * Invariants:
 * - The job is enqueued in the transaction that sets the flow's final state
 *   (`enqueueReportDelivery`, called by integrate-flow.ts's `finish`), once per flow (singleton
 *   key): a final SFTP flow always gets its report, a flow not final never does.
 * - A client never sees half a file: the outbox writes under a hidden name and renames.
 * - Idempotent: `report_delivered_at` is set once both files are in place; a retry after that
 *   does nothing (the client may have fetched and deleted them). A retry before it rewrites
 *   both files whole, with the same content (the report of a final flow no longer changes).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { enqueue } from '../jobs/queue.js';
import { renderFlowReportPdf } from './flow-report-pdf.js';
import { reportEntries } from './flow-report.js';
import { finalFlowStates, type FlowState } from './model.js';
import { flowColumns, summaryOf } from './read-flows.js';

/** An SFTP account: the API client and its structure (the folder the transport jails it in). */
export interface OutboxAccount {
  structureId: string;
  clientId: string;
}

/**
 * Where files for an SFTP account go (implemented by the SFTP transport, src/sftp/outbox.ts):
 * `write` puts `name` into the account's `out/` complete or not at all, replacing a file of
 * that name.
 */
export interface FlowOutbox {
  write(
    account: OutboxAccount,
    name: string,
    content: Uint8Array | AsyncIterable<string | Uint8Array>,
  ): Promise<void>;
}

/** The names of a flow's report files in out/. */
export const reportFileNames = (numeroFluxDepot: string) => ({
  json: `${numeroFluxDepot}_CR.json`,
  pdf: `${numeroFluxDepot}_CR.pdf`,
});

/** Enqueues the delivery inside the final state's transaction; API flows have none. */
export async function enqueueReportDelivery(
  trx: Transaction<DB>,
  flow: { id: string; channel: string },
): Promise<void> {
  if (flow.channel !== 'SFTP') return;
  await enqueue(trx, 'deliver-flow-report', { v: 1, flowId: flow.id }, { singletonKey: flow.id });
}

export type DeliveryResult = 'delivered' | 'already-delivered' | 'not-sftp';

export async function deliverFlowReport(options: {
  db: Kysely<DB>;
  outbox: FlowOutbox;
  flowId: string;
}): Promise<DeliveryResult> {
  const { db, outbox, flowId } = options;
  const row = await db
    .selectFrom('flow')
    .select([
      ...flowColumns,
      'channel',
      'depositor_client_id',
      'structure_id',
      'report_delivered_at',
    ])
    .where('id', '=', flowId)
    .executeTakeFirstOrThrow();
  if (row.channel !== 'SFTP' || row.depositor_client_id === null) return 'not-sftp';
  if (row.report_delivered_at !== null) return 'already-delivered';
  if (!finalFlowStates.includes(row.state as FlowState)) {
    // Only the final state's transaction enqueues this job: reaching here is a bug, not a wait.
    throw new Error(`flow ${flowId} is ${row.state}, not final: no report to deliver`);
  }
  const account = { structureId: row.structure_id, clientId: row.depositor_client_id };
  const flow = summaryOf(row);
  const names = reportFileNames(flow.numeroFluxDepot);
  await outbox.write(account, names.json, reportJson(db, flow));
  await outbox.write(
    account,
    names.pdf,
    await renderFlowReportPdf(flow, reportEntries(db, flowId)),
  );
  await db
    .updateTable('flow')
    .set({ report_delivered_at: new Date() })
    .where('id', '=', flowId)
    .where('report_delivered_at', 'is', null)
    .execute();
  return 'delivered';
}

/** `{"flow": …, "entries": [ … ]}` written entry by entry: a flow of 10,000 entries is not one string. */
async function* reportJson(
  db: Kysely<DB>,
  flow: ReturnType<typeof summaryOf>,
): AsyncGenerator<string> {
  yield `{"flow":${JSON.stringify(flow)},"entries":[`;
  let first = true;
  for await (const entry of reportEntries(db, flow.id)) {
    yield `${first ? '' : ','}\n${JSON.stringify(entry)}`;
    first = false;
  }
  yield '\n]}\n';
}
