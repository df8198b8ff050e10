/**
 * Integrating an inbound flow (job `integrate-flow`): IN_RECU → IN_EN_ATTENTE_TRAITEMENT_CPP →
 * IN_EN_COURS_TRAITEMENT_CPP → IN_INTEGRE / IN_INTEGRE_PARTIEL / IN_REJETE, or IN_INCIDENTE
 * when runs keep failing for technical reasons.
 *
 * Every invoice goes through the deposit use case's two phases, acting as the flow's
 * depositor — `prepareDeposit` (read, validate, checks) and `writeDeposits` (the single
 * deposit's statement, for a batch) — so: same checks, same refusal codes, same journal, same
 * notifications; a flow adds no rule of its own but "the entry is of the declared syntax".
 * Validation runs in the process's worker-thread pool and the directory facts are reused for
 * up to 5 s (decision 0015). Up to `concurrency` entries (and at most 3 MiB of them, one large
 * entry always let in) are being checked at once, pulled from
 * the source only when a slot frees; checked entries are written 100 at a time (fewer past
 * 4 MiB of originals) while the next ones are checked, at most two batches waiting: memory
 * holds at most `concurrency` entries plus three batches.
 *
 * Invariants:
 * - One run at a time per flow: a run holds the flow's lease (60 s, renewed with every batch of
 *   outcomes); a run that finds it held throws, and the queue retries later.
 * - An entry's outcome is recorded once ((flow, index) unique, `on conflict do nothing`); a run
 *   skips recorded entries, so a run after a crash resumes where the records stop.
 * - An invoice is never stored twice: a crashed run may have stored invoices whose outcomes it
 *   did not record. Their re-deposit is refused DOUBLON by the invoice's own unique key; such a
 *   DOUBLON is recorded as accepted with the existing invoice when that invoice is an "orphan"
 *   of this flow — same supplier, same depositor, same original bytes (SHA-256), deposited
 *   since the flow's integration began and named by no entry of the flow. Each orphan is
 *   claimed once, so two identical entries still give one acceptance and one DOUBLON.
 * - An entry's original is put in the file store once checked (overlapping the next checks);
 *   its batch's statement waits for its puts: a row never names a missing object. A DOUBLON,
 *   a failed or unwritten batch removes its objects; a crash between put and commit leaves
 *   objects no row names, removed by `chorale storage sweep`. A rerun uses new keys.
 * - A run is bounded in time (`budgetMs`, well under the queue's 5-minute expiry): past it, the
 *   run records what it has, releases the lease and enqueues its continuation in one
 *   transaction.
 * - The final state, the counts and the depositor's mail job commit together.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordEvent } from '../events/record-event.js';
import { DirectoryFactsCache } from '../invoices/deposit-checks.js';
import {
  prepareDeposit,
  writeDeposits,
  type DepositContext,
  type PreparedDeposit,
} from '../invoices/deposit-invoice.js';
import { sharedValidator, type XmlValidator } from '../invoices/validation-pool.js';
import { forgetInvoiceFiles, sha256Hex, storeInvoiceFiles } from '../invoices/store-files.js';
import { enqueue } from '../jobs/queue.js';
import { concurrencyLimit } from '../lib/concurrency-limit.js';
import { AppError } from '../lib/errors.js';
import type { FileStore } from '../storage/file-store.js';
import { enqueueReportDelivery } from './deliver-flow-report.js';
import {
  readSmall,
  sniffFile,
  syntaxMismatch,
  type FlowEntryItem,
  type FlowEntrySource,
  type FlowRefusalReason,
} from './entries.js';
import {
  errorsOfAppError,
  errorsOfReason,
  errorsOfRefusal,
  isDepositRefusal,
  numberOf,
  OutcomeRecorder,
  type Outcome,
} from './entry-outcome.js';
import {
  claimFlow,
  closeFlow,
  countEntries,
  depositorOf,
  recordedEntries,
  releaseLease,
} from './flow-run.js';
import {
  finalFlowStates,
  isSupportedSyntax,
  MAX_INVOICE_BYTES,
  type FlowState,
  type SupportedSyntax,
} from './model.js';

export interface IntegrateFlowOptions {
  db: Kysely<DB>;
  files: FileStore;
  flowId: string;
  /** Continuation number (0 for the first job of a flow). */
  part?: number;
  /** The archive reader; without one, zip and tar.gz flows are refused. */
  archives?: FlowEntrySource | undefined;
  /** Deposits in flight at once. */
  concurrency?: number;
  /** How long a run takes entries before handing over to a continuation job. */
  budgetMs?: number;
  /** Where XML is validated; the process's pool of validation threads by default. */
  validator?: XmlValidator | undefined;
  /** Deposits written per statement (at most; fewer past 4 MiB of originals). */
  batchSize?: number;
}

/** An entry of the flow that is an invoice file. */
type AcceptedEntry = Extract<FlowEntryItem, { bytes: Uint8Array }>;
/** An entry read and checked by the deposit, waiting for its batch's write. */
interface ReadyEntry {
  item: AcceptedEntry;
  prepared: PreparedDeposit;
  /** The put of its original: undefined once stored (its row names it), or the failure. */
  stored: Promise<unknown>;
}
/** Originals being put at once (an fsync each in a folder, a round trip each in S3). */
const PUTS_AT_ONCE = 32;
/** A batch is written early once its originals reach this size (large invoices). */
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Bytes of the entries being checked at once. Validating an invoice holds several times its
 * size in the validation thread's heap (its tree, its model with locations, their JSON); typical
 * invoices (15–30 KB) reach `concurrency` long before this, 1 MB ones stop at four in flight,
 * and a 10 MB one goes alone.
 */
const IN_FLIGHT_BYTES = 3 * 1024 * 1024;

export interface IntegrateFlowResult {
  state: FlowState;
  /** final: the flow reached a final state; continued: a continuation job is queued. */
  outcome: 'final' | 'continued';
}

/** Runs that started and did not end cleanly, after which the flow is IN_INCIDENTE. */
export const MAX_FAILED_RUNS = 4;

/** Another run holds the flow: retried later by the queue. */
export class FlowBusyError extends Error {}

type ClaimedFlow = NonNullable<Awaited<ReturnType<typeof claim>>>;

/** Takes the flow's lease (flow-run.ts); a flow just received now waits for its integration. */
async function claim(db: Kysely<DB>, flowId: string, runId: string) {
  return claimFlow(db, flowId, runId, 60)
    .set({
      state: sql<string>`case when state = 'IN_RECU' then 'IN_EN_ATTENTE_TRAITEMENT_CPP' else state end`,
    })
    .returningAll()
    .executeTakeFirst();
}

/** Invoices a crashed run stored without recording them, by SHA-256 of their original. */
async function orphansOf(db: Kysely<DB>, flow: ClaimedFlow, since: Date) {
  const rows = await db
    .selectFrom('invoice')
    .innerJoin('invoice_file', (join) =>
      join
        .onRef('invoice_file.invoice_id', '=', 'invoice.id')
        .on('invoice_file.kind', '=', 'ORIGINAL'),
    )
    .select(['invoice.id', 'invoice_file.sha256'])
    .where('invoice.supplier_structure_id', '=', flow.structure_id)
    .where('invoice.deposited_at', '>=', since)
    .where(
      flow.depositor_user_id !== null
        ? 'invoice.deposited_by_user_id'
        : 'invoice.deposited_by_client_id',
      '=',
      flow.depositor_user_id ?? flow.depositor_client_id!,
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('flow_entry')
            .select('flow_entry.index')
            .where('flow_entry.flow_id', '=', flow.id)
            .whereRef('flow_entry.invoice_id', '=', 'invoice.id'),
        ),
      ),
    )
    .execute();
  const bySha = new Map<string, string[]>();
  for (const r of rows) bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r.id]);
  return bySha;
}

/** Ends the run in a final state; the counts come from the recorded entries. */
async function finish(
  db: Kysely<DB>,
  flow: ClaimedFlow,
  runId: string,
  result: { entryCount: number; error?: FlowRefusalReason; incident?: boolean },
): Promise<FlowState> {
  return db.transaction().execute(async (trx) => {
    const { accepted, refused } = await countEntries(trx, flow.id);
    const state: FlowState = result.incident
      ? 'IN_INCIDENTE'
      : accepted === 0
        ? 'IN_REJETE'
        : refused === 0
          ? 'IN_INTEGRE'
          : 'IN_INTEGRE_PARTIEL';
    const error =
      result.error ??
      (state === 'IN_REJETE' && accepted + refused === 0
        ? {
            code: 'FLUX_ILLISIBLE',
            message: {
              fr: 'Le flux ne contient aucune facture.',
              en: 'The flow holds no invoice.',
            },
          }
        : undefined);
    await closeFlow(trx, flow.id, runId, {
      state,
      entryCount: result.entryCount,
      accepted,
      refused,
      error,
    });
    await enqueue(
      trx,
      'notify-flow-integrated',
      { v: 1, flowId: flow.id },
      { singletonKey: flow.id },
    );
    await enqueueReportDelivery(trx, flow);
    // The flow's report is ready once it is final (GET /flows/{id}/report): told to its structure.
    await recordEvent(trx, {
      type: 'flow.report_ready',
      structureId: flow.structure_id,
      audience: 'FACTURES_EMISES',
      flowId: flow.id,
      orderKey: flow.id,
      data: { flow: { id: flow.id }, state },
    });
    return state;
  });
}

/** The entries of the flow: the single invoice, or the archive's entries. */
async function entriesOf(
  options: IntegrateFlowOptions,
  flow: ClaimedFlow,
  syntax: SupportedSyntax,
): Promise<AsyncIterable<FlowEntryItem> | FlowRefusalReason> {
  const { files } = options;
  const head = await readSmall(files, flow.storage_key, 16);
  const container = sniffFile(head);
  if (container === 'zip' || container === 'tar.gz') {
    if (!options.archives) {
      return {
        code: 'FLUX_ILLISIBLE',
        message: {
          fr: 'Les flux en archive (.zip, .tar.gz) ne sont pas encore acceptés : déposez une facture par flux.',
          en: 'Archive flows (.zip, .tar.gz) are not accepted yet: deposit one invoice per flow.',
        },
      };
    }
    return options.archives.read({ files, key: flow.storage_key, container });
  }
  if (container === 'unknown') {
    return {
      code: 'FLUX_ILLISIBLE',
      message: {
        fr: 'Le fichier n’est ni une facture XML, ni un PDF, ni une archive .zip ou .tar.gz.',
        en: 'The file is neither an XML invoice, nor a PDF, nor a .zip or .tar.gz archive.',
      },
    };
  }
  const bytes = await readSmall(files, flow.storage_key, MAX_INVOICE_BYTES, {
    size: Number(flow.size),
    sha256: flow.sha256,
  });
  if (bytes.byteLength > MAX_INVOICE_BYTES) {
    return {
      code: 'FLUX_ILLISIBLE',
      message: {
        fr: 'Une facture seule dépasse 10 Mo : déposez-la dans une archive ou réduisez-la.',
        en: 'A single invoice is larger than 10 MB: send it in an archive or make it smaller.',
      },
    };
  }
  // A single-file flow of the wrong syntax: the flow itself is refused.
  const mismatch = syntaxMismatch(syntax, container, bytes);
  if (mismatch) return mismatch;
  return (async function* () {
    yield { index: 0, name: flow.file_name, bytes, kind: container };
  })();
}

export async function integrateFlow(options: IntegrateFlowOptions): Promise<IntegrateFlowResult> {
  const { db, flowId } = options;
  const runId = randomUUID();
  const flow = await claim(db, flowId, runId);
  if (!flow) {
    const row = await db
      .selectFrom('flow')
      .select('state')
      .where('id', '=', flowId)
      .executeTakeFirst();
    if (!row) throw new Error(`flow ${flowId} does not exist`);
    const state = row.state as FlowState;
    if (finalFlowStates.includes(state)) return { state, outcome: 'final' };
    throw new FlowBusyError(`flow ${flowId} is being integrated by another run`);
  }
  if (flow.failed_runs > MAX_FAILED_RUNS) {
    const state = await finish(db, flow, runId, {
      entryCount: 0,
      incident: true,
      error: {
        code: 'INCIDENT_TECHNIQUE',
        message: {
          fr: `L’intégration du flux a échoué ${MAX_FAILED_RUNS} fois pour une raison technique : déposez-le de nouveau.`,
          en: `Integrating the flow failed ${MAX_FAILED_RUNS} times for a technical reason: deposit it again.`,
        },
      },
    });
    return { state, outcome: 'final' };
  }
  if (!isSupportedSyntax(flow.syntax)) {
    const state = await finish(db, flow, runId, {
      entryCount: 0,
      error: {
        code: 'SYNTAXE_NON_SUPPORTEE',
        message: {
          fr: `La syntaxe ${flow.syntax} n’est pas acceptée.`,
          en: `Syntax ${flow.syntax} is not accepted.`,
        },
      },
    });
    return { state, outcome: 'final' };
  }
  const syntax = flow.syntax;
  const entries = await entriesOf(options, flow, syntax);
  if (!(Symbol.asyncIterator in entries)) {
    const state = await finish(db, flow, runId, { entryCount: 0, error: entries });
    return { state, outcome: 'final' };
  }

  const resumed = flow.processing_at !== null;
  const started = await db
    .updateTable('flow')
    .set({
      state: 'IN_EN_COURS_TRAITEMENT_CPP',
      processing_at: sql<Date>`coalesce(processing_at, now())`,
    })
    .where('id', '=', flowId)
    .where('lease_owner', '=', runId)
    .returning('processing_at')
    .executeTakeFirstOrThrow();
  const recorded = await recordedEntries(db, flowId);
  const orphans = resumed
    ? await orphansOf(db, flow, started.processing_at!)
    : new Map<string, string[]>();
  const principal = await depositorOf(db, flow);
  const structure = await db
    .selectFrom('structure')
    .select('identifier')
    .where('id', '=', flow.structure_id)
    .executeTakeFirstOrThrow();
  const recorder = new OutcomeRecorder(db, flowId, runId);

  const context: DepositContext = {
    validator: options.validator ?? (await sharedValidator()),
    factsCache: new DirectoryFactsCache(),
  };
  const batchSize = options.batchSize ?? 100;

  /** The outcome of an entry refused by the deposit (during its checks or by its write). */
  const refusedOutcome = async (
    item: AcceptedEntry,
    error: unknown,
    number?: string,
  ): Promise<Outcome> => {
    const { index, name } = item;
    if (isDepositRefusal(error)) {
      if (error.refusal === 'DOUBLON' && orphans.size > 0) {
        const mine = orphans.get(sha256Hex(item.bytes));
        const invoiceId = mine?.shift();
        if (invoiceId) return { index, name, invoiceId };
      }
      return {
        index,
        name,
        number: number ?? (await numberOf(item.bytes, item.kind)),
        refusalCode: error.refusal,
        errors: errorsOfRefusal(error),
      };
    }
    if (error instanceof AppError) {
      return {
        index,
        name,
        number: null,
        refusalCode: error.code,
        errors: errorsOfAppError(error),
      };
    }
    throw error;
  };

  /**
   * First phase of one entry: read and checked by the deposit use case (prepareDeposit, the
   * single deposit's own first phase), or its outcome when refused. Throws only for a technical
   * failure (the run is then retried).
   */
  const prepare = async (item: FlowEntryItem): Promise<Outcome | ReadyEntry> => {
    const { index, name } = item;
    if ('refusal' in item) {
      return {
        index,
        name,
        number: null,
        refusalCode: item.refusal.code,
        errors: errorsOfReason(item.refusal),
      };
    }
    const mismatch = syntaxMismatch(syntax, item.kind, item.bytes);
    if (mismatch) {
      return {
        index,
        name,
        number: await numberOf(item.bytes, item.kind),
        refusalCode: mismatch.code,
        errors: errorsOfReason(mismatch),
      };
    }
    let prepared: PreparedDeposit;
    try {
      prepared = await prepareDeposit(
        {
          db,
          principal,
          // The flow belongs to this supplier: its invoices must be this supplier's.
          supplierIdentifier: structure.identifier,
          invoice: {
            bytes: item.bytes,
            filename: name,
            mediaType: item.kind === 'pdf' ? 'application/pdf' : 'application/xml',
          },
          attachments: [],
          metadata: { framework: flow.framework },
        },
        context,
      );
    } catch (error) {
      return refusedOutcome(item, error);
    }
    // The original goes to the store now, off the entry's slot (the put overlaps the next
    // checks; the batch waits for it). A store failure is technical: the run is retried.
    const stored = putSlot(() => storeInvoiceFiles(options.files, prepared.rows.files)).then(
      (rows) => {
        prepared.rows.files = rows;
        return undefined;
      },
      (error: unknown) => error ?? new Error('the store failed'),
    );
    return { item, prepared, stored };
  };

  const putSlot = concurrencyLimit(PUTS_AT_ONCE);
  const concurrency = options.concurrency ?? 16;
  const deadline = Date.now() + (options.budgetMs ?? 120_000);
  const inFlight = new Set<Promise<void>>();
  let inFlightBytes = 0;
  let failure: unknown;
  let entryCount = 0;
  let outOfTime = false;
  let taken = 0;

  // Second phase, in batches: checked entries wait here until `batchSize` of them (or 4 MiB of
  // originals) are ready, then are written by ONE statement (writeDeposits); one batch is
  // written at a time while the next ones are being checked, and at most two wait (memory
  // stays bounded: the entries in flight, plus three batches).
  let batch: ReadyEntry[] = [];
  let batchBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  let batchesWaiting = 0;
  const writeBatch = () => {
    // In entry order: of two identical entries, the first one in the flow is accepted.
    const ready = batch.sort((x, y) => x.item.index - y.item.index);
    batch = [];
    batchBytes = 0;
    if (ready.length === 0) return;
    batchesWaiting++;
    writing = writing.then(async () => {
      try {
        const putFailure = (await Promise.all(ready.map((r) => r.stored))).find(
          (outcome) => outcome !== undefined,
        );
        // Lease lost (another run holds the flow), or a put failed: write nothing more, and
        // keep no object of this batch.
        if (recorder.failed !== undefined || putFailure !== undefined) {
          await forgetInvoiceFiles(
            options.files,
            ready.flatMap((r) => r.prepared.rows.files),
          );
          if (putFailure !== undefined) throw putFailure;
          return;
        }
        const results = await writeDeposits(
          db,
          ready.map((r) => r.prepared),
          options.files,
        );
        for (const [i, result] of results.entries()) {
          const { item, prepared } = ready[i]!;
          recorder.add(
            result === 'written'
              ? { index: item.index, name: item.name, invoiceId: prepared.result.id }
              : await refusedOutcome(item, result, prepared.routing.number),
          );
        }
      } catch (error) {
        failure ??= error;
      } finally {
        batchesWaiting--;
      }
    });
  };
  const ready = (r: Outcome | ReadyEntry) => {
    if (!('prepared' in r)) return recorder.add(r);
    batch.push(r);
    batchBytes += r.item.bytes.byteLength;
    if (batch.length >= batchSize || batchBytes >= BATCH_BYTES) writeBatch();
  };

  try {
    for await (const item of entries) {
      entryCount = Math.max(entryCount, item.index + 1);
      if (recorded.has(item.index)) continue;
      if (failure !== undefined || recorder.failed !== undefined) break;
      // Past the budget, hand over — but only after taking at least one entry, so every run
      // makes progress however small the budget.
      if (taken > 0 && Date.now() > deadline) {
        outOfTime = true;
        break;
      }
      taken++;
      const size = 'bytes' in item ? item.bytes.byteLength : 0;
      inFlightBytes += size;
      const task = prepare(item).then(ready, (error: unknown) => {
        failure ??= error;
      });
      const tracked = task.finally(() => {
        inFlight.delete(tracked);
        inFlightBytes -= size;
      });
      inFlight.add(tracked);
      // Entries in flight: at most `concurrency`, and no more once their bytes reach the
      // budget (one large invoice's validation holds many times its size; one is always let in).
      while (
        inFlight.size >= concurrency ||
        (inFlight.size > 0 && inFlightBytes >= IN_FLIGHT_BYTES)
      )
        await Promise.race(inFlight);
      while (batchesWaiting >= 2) await writing;
    }
  } catch (error) {
    // The source failed: a refused archive (final) or a technical failure (retried).
    failure ??= error;
  }
  // What was taken is written, even when the run then stops (a retry resumes after it).
  await Promise.all(inFlight);
  writeBatch();
  await writing;
  await recorder.flush();
  if (failure !== undefined) {
    const refusal = options.archives?.refusalOf(failure);
    if (!refusal) {
      // Retried by the queue: let the next run in at once (failed_runs keeps this one counted).
      await releaseLease(db, flowId, runId);
      throw failure;
    }
    const state = await finish(db, flow, runId, { entryCount, error: refusal });
    return { state, outcome: 'final' };
  }
  if (outOfTime) {
    const part = (options.part ?? 0) + 1;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('flow')
        .set({ lease_owner: null, lease_until: null, failed_runs: 0 })
        .where('id', '=', flowId)
        .where('lease_owner', '=', runId)
        .execute();
      await enqueue(
        trx,
        'integrate-flow',
        { v: 1, flowId, part },
        { singletonKey: `${flowId}:${part}` },
      );
    });
    return { state: 'IN_EN_COURS_TRAITEMENT_CPP', outcome: 'continued' };
  }
  const state = await finish(db, flow, runId, { entryCount });
  return { state, outcome: 'final' };
}
