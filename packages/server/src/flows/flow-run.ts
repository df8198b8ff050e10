/**
 * What the two runners over an inbound flow's entries share — integrating invoices
 * (integrate-flow.ts) and applying a status file (status-file/apply-status-flow.ts): the lease
 * that lets one run at a time work on a flow, the depositor the run acts as, the entries already
 * recorded (a run resumes after them), and the final write of counts and state. Each runner keeps
 * its own rules (which state a claim sets, how long the lease lasts, what else commits with the
 * end); one implementation here so the lease and the records cannot drift apart between them.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Principal, Scope } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { FlowRefusalReason } from './entries.js';
import { finalFlowStates, type FlowState } from './model.js';

/**
 * The claim of a flow's lease, to be completed by the runner (its state change) and run with
 * `.returningAll().executeTakeFirst()`: nothing is returned when the flow is final or another
 * run holds a lease not yet expired. The run counts as failed until it ends cleanly.
 */
export function claimFlow(db: Kysely<DB>, flowId: string, runId: string, leaseSeconds: number) {
  return db
    .updateTable('flow')
    .set((eb) => ({
      lease_owner: runId,
      lease_until: sql<Date>`now() + ${sql.lit(leaseSeconds)} * interval '1 second'`,
      failed_runs: eb('failed_runs', '+', 1),
      waiting_at: sql<Date>`coalesce(waiting_at, now())`,
    }))
    .where('id', '=', flowId)
    .where('state', 'not in', finalFlowStates)
    .where((eb) =>
      eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]),
    );
}

/** The flow's depositor as a principal, with the API client's scopes as they are now. */
export async function depositorOf(
  db: Kysely<DB>,
  flow: { depositor_user_id: string | null; depositor_client_id: string | null },
): Promise<Principal> {
  if (flow.depositor_user_id !== null) {
    // Use cases read only the user id; a job has no session (no CSRF token, no session hash).
    return { kind: 'user', userId: flow.depositor_user_id };
  }
  const client = await db
    .selectFrom('api_client')
    .select(['id', 'structure_id', 'scopes', 'active'])
    .where('id', '=', flow.depositor_client_id!)
    .executeTakeFirstOrThrow();
  // A client deactivated since the deposit has no right left: each entry is refused DROIT_MANQUANT.
  const scopes = client.active ? (client.scopes.split(' ').filter(Boolean) as Scope[]) : [];
  return { kind: 'client', clientId: client.id, structureId: client.structure_id, scopes };
}

/** The indexes of the entries whose outcome is recorded: a run skips them. */
export async function recordedEntries(db: Kysely<DB>, flowId: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('flow_entry')
    .select('index')
    .where('flow_id', '=', flowId)
    .execute();
  return new Set(rows.map((r) => r.index));
}

/** After a technical failure (the queue retries): lets the next run in at once. */
export async function releaseLease(db: Kysely<DB>, flowId: string, runId: string): Promise<void> {
  await db
    .updateTable('flow')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', flowId)
    .where('lease_owner', '=', runId)
    .execute();
}

/** The recorded outcomes, counted. */
export async function countEntries(
  trx: Transaction<DB>,
  flowId: string,
): Promise<{ accepted: number; refused: number }> {
  const counts = await trx
    .selectFrom('flow_entry')
    .select(({ fn }) => [
      fn.countAll<number>().filterWhere('outcome', '=', 'ACCEPTED').as('accepted'),
      fn.countAll<number>().filterWhere('outcome', '=', 'REFUSED').as('refused'),
    ])
    .where('flow_id', '=', flowId)
    .executeTakeFirstOrThrow();
  return { accepted: Number(counts.accepted), refused: Number(counts.refused) };
}

/**
 * Writes the run's end (final state, counts, why) and releases the lease, in the runner's
 * transaction; throws when the lease was lost, so that nothing of the end commits.
 */
export async function closeFlow(
  trx: Transaction<DB>,
  flowId: string,
  runId: string,
  end: {
    state: FlowState;
    entryCount: number;
    accepted: number;
    refused: number;
    error: FlowRefusalReason | undefined;
  },
): Promise<void> {
  const done = await trx
    .updateTable('flow')
    .set({
      state: end.state,
      entry_count: end.entryCount,
      accepted_count: end.accepted,
      refused_count: end.refused,
      error: end.error ? JSON.stringify(end.error) : null,
      finished_at: sql<Date>`now()`,
      processing_at: sql<Date>`coalesce(processing_at, now())`,
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', flowId)
    .where('lease_owner', '=', runId)
    .returning('id')
    .executeTakeFirst();
  if (!done) throw new Error(`flow ${flowId}: lease lost by run ${runId}`);
}
