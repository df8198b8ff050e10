/**
 * Integrating a status file (syntaxes IN_STATUTS_CSV / IN_STATUTS_JSON, ours): each line asks
 * to move one invoice, and goes through `changeInvoiceStatus` acting as the flow's depositor —
 * the same access rule, transition table, requirements, journal and notifications as
 * `POST /invoices/{id}/status`; no rule of its own. Each line's outcome is recorded in
 * `flow_entry` like an inbound flow's entry, so the report (JSON, CSV, PDF) is the same:
 * ACCEPTED with the invoice moved, or REFUSED with a code:
 * - LIGNE_MALFORMEE: the line cannot be read (missing column, unknown status…);
 * - FACTURE_INCONNUE: no such invoice, or one the depositor has no tie to (never "not yours");
 * - DROIT_MANQUANT: tied to it, without the right (another service's invoice, missing scope);
 * - TRANSITION_INTERDITE: the lifecycle does not allow that move from the current status;
 * - DONNEES_MANQUANTES: the move needs a reason, mandate number or payment the line lacks.
 *
 * Invariants:
 * - One run at a time per flow (the flow's lease, as integrate-flow.ts takes it); a line's
 *   outcome is recorded once ((flow, index) unique); a run skips recorded lines.
 * - A line applied by a run that crashed before recording it is not applied twice: the move
 *   is refused then (its status already moved), and a refusal whose invoice's last journal
 *   row is this very move by this depositor since the run began is recorded as applied.
 * - The final state, the counts and the depositor's mail job commit together.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../../accounts/model.js';
import type { DB } from '../../db/schema.js';
import { changeInvoiceStatus } from '../../invoices/change-invoice-status.js';
import { invoiceStatuses, type InvoiceStatus } from '../../invoices/model.js';
import { enqueue } from '../../jobs/queue.js';
import { AppError } from '../../lib/errors.js';
import type { FileStore } from '../../storage/file-store.js';
import { readSmall, type FlowRefusalReason } from '../entries.js';
import {
  claimFlow,
  closeFlow,
  countEntries,
  depositorOf,
  recordedEntries,
  releaseLease,
} from '../flow-run.js';
import { finalFlowStates, type EntryError, type FlowState } from '../model.js';
import {
  MAX_STATUS_BYTES,
  parseStatusCsv,
  parseStatusJson,
  type ParsedLine,
  type StatusLine,
} from './parse.js';

const INVOICE_ID = /^inv_[0-9a-z]{26}$/;

interface LineOutcome {
  index: number;
  line: number;
  invoiceId: string | null;
  applied: boolean;
  refusal?: { code: string; message: { fr: string; en: string }; field: string | null };
}

/** Takes the flow's lease (flow-run.ts): an inbound flow, now being processed. */
async function claim(db: Kysely<DB>, flowId: string, runId: string) {
  return claimFlow(db, flowId, runId, 120)
    .set({
      state: 'IN_EN_COURS_TRAITEMENT_CPP',
      processing_at: sql<Date>`coalesce(processing_at, now())`,
    })
    .where('direction', '=', 'IN')
    .returningAll()
    .executeTakeFirst();
}

const refusalOfError: Partial<Record<string, string>> = {
  NOT_FOUND: 'FACTURE_INCONNUE',
  FORBIDDEN: 'DROIT_MANQUANT',
  CONFLICT: 'TRANSITION_INTERDITE',
  BAD_REQUEST: 'TRANSITION_INTERDITE',
  VALIDATION_FAILED: 'DONNEES_MANQUANTES',
};

/** Was this exact move made by this depositor since `since` (a crashed run's own work)? */
async function alreadyApplied(
  db: Kysely<DB>,
  invoiceId: string,
  to: InvoiceStatus,
  principal: Principal,
  since: Date,
): Promise<boolean> {
  const last = await db
    .selectFrom('invoice_event')
    .select(['to_status', 'actor_user_id', 'actor_client_id', 'at'])
    .where('invoice_id', '=', invoiceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last || last.to_status !== to || last.at < since) return false;
  return principal.kind === 'user'
    ? last.actor_user_id === principal.userId
    : last.actor_client_id === principal.clientId;
}

async function applyLine(
  db: Kysely<DB>,
  principal: Principal,
  parsed: ParsedLine,
  resumedSince: Date | null,
): Promise<LineOutcome> {
  const base = { index: parsed.index, line: parsed.line };
  if ('malformed' in parsed) {
    return {
      ...base,
      invoiceId: parsed.invoiceId,
      applied: false,
      refusal: { code: 'LIGNE_MALFORMEE', message: parsed.malformed, field: null },
    };
  }
  const request: StatusLine = parsed.request;
  const malformed = (fr: string, en: string, field: string): LineOutcome => ({
    ...base,
    invoiceId: request.invoiceId,
    applied: false,
    refusal: { code: 'LIGNE_MALFORMEE', message: { fr, en }, field },
  });
  // An id of the wrong shape can name no invoice: refused as unknown, without a lookup.
  if (!INVOICE_ID.test(request.invoiceId)) {
    return {
      ...base,
      invoiceId: request.invoiceId,
      applied: false,
      refusal: {
        code: 'FACTURE_INCONNUE',
        message: { fr: 'Facture inconnue.', en: 'Unknown invoice.' },
        field: 'identifiantFacture',
      },
    };
  }
  if (!(invoiceStatuses as readonly string[]).includes(request.status)) {
    return malformed(
      `Statut inconnu : ${request.status.slice(0, 60)}.`,
      `Unknown status: ${request.status.slice(0, 60)}.`,
      'statut',
    );
  }
  const to = request.status as InvoiceStatus;
  const current = await db
    .selectFrom('invoice')
    .select('version')
    .where('id', '=', request.invoiceId)
    .executeTakeFirst();
  try {
    await changeInvoiceStatus({
      db,
      principal,
      invoiceId: request.invoiceId,
      status: to,
      // The line names no version: it applies to the invoice as it is now (a concurrent
      // change in between is a CONFLICT, refused like any illegal move).
      version: current?.version ?? 0,
      reason: request.reason,
      mandateNumber: request.mandateNumber,
      paymentDate: request.paymentDate,
      paymentAmount: request.paymentAmount,
    });
    return { ...base, invoiceId: request.invoiceId, applied: true };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const code = refusalOfError[error.code];
    if (!code) throw error;
    if (
      code === 'TRANSITION_INTERDITE' &&
      resumedSince &&
      (await alreadyApplied(db, request.invoiceId, to, principal, resumedSince))
    ) {
      return { ...base, invoiceId: request.invoiceId, applied: true };
    }
    const field = error.details?.[0]?.pointer ?? null;
    const message =
      code === 'FACTURE_INCONNUE'
        ? { fr: 'Facture inconnue.', en: 'Unknown invoice.' }
        : { fr: frenchOf(code), en: error.message };
    return {
      ...base,
      invoiceId: request.invoiceId,
      applied: false,
      refusal: { code, message, field },
    };
  }
}

function frenchOf(code: string): string {
  switch (code) {
    case 'DROIT_MANQUANT':
      return 'Vous n’avez pas le droit de traiter cette facture (droit « factures reçues » sur son service, ou portée invoices:process).';
    case 'TRANSITION_INTERDITE':
      return 'Le cycle de vie n’autorise pas ce changement de statut depuis le statut actuel de la facture.';
    default:
      return 'Il manque une donnée que ce statut exige (motif, numéro de mandat, date et montant du paiement).';
  }
}

function entryOf(flowId: string, o: LineOutcome) {
  const errors: EntryError[] = o.refusal
    ? [
        {
          refusalCode: o.refusal.code,
          ruleId: null,
          message: o.refusal.message,
          field: o.refusal.field,
          path: null,
          line: o.line,
        },
      ]
    : [];
  return {
    flow_id: flowId,
    index: o.index,
    name: `ligne ${o.line}`,
    // The report's "invoice number" column shows the id the line named, as written.
    invoice_number: o.invoiceId?.slice(0, 200) ?? null,
    outcome: o.applied ? 'ACCEPTED' : 'REFUSED',
    invoice_id: o.applied ? o.invoiceId : null,
    refusal_code: o.refusal?.code ?? null,
    errors: JSON.stringify(errors),
  };
}

export async function applyStatusFlow(options: {
  db: Kysely<DB>;
  files: FileStore;
  flowId: string;
}): Promise<{ state: FlowState }> {
  const { db, flowId } = options;
  const runId = randomUUID();
  const before = await db
    .selectFrom('flow')
    .select(['state', 'processing_at'])
    .where('id', '=', flowId)
    .executeTakeFirst();
  if (!before) throw new Error(`flow ${flowId} does not exist`);
  if (finalFlowStates.includes(before.state as FlowState)) {
    return { state: before.state as FlowState };
  }
  const flow = await claim(db, flowId, runId);
  if (!flow) throw new Error(`flow ${flowId} is being applied by another run`);
  const resumedSince = before.processing_at;

  const bytes = await readSmall(options.files, flow.storage_key, MAX_STATUS_BYTES, {
    size: Number(flow.size),
    sha256: flow.sha256,
  });
  let lines: ParsedLine[] | FlowRefusalReason;
  if (bytes.byteLength > MAX_STATUS_BYTES) {
    lines = {
      code: 'FLUX_ILLISIBLE',
      message: {
        fr: 'Un fichier de statuts pèse au plus 5 Mo : découpez-le.',
        en: 'A status file is at most 5 MB: split it.',
      },
    };
  } else {
    lines = flow.syntax === 'IN_STATUTS_JSON' ? parseStatusJson(bytes) : parseStatusCsv(bytes);
  }
  if (!Array.isArray(lines)) return { state: await finish(db, flowId, runId, 0, lines) };

  const recorded = await recordedEntries(db, flowId);
  const principal = await depositorOf(db, flow);
  try {
    // Lines one after the other, in file order: two lines about one invoice apply in that order.
    for (const parsed of lines) {
      if (recorded.has(parsed.index)) continue;
      const outcome = await applyLine(db, principal, parsed, resumedSince);
      await db
        .insertInto('flow_entry')
        .values(entryOf(flowId, outcome))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  } catch (error) {
    // A technical failure: the queue retries; let the next run in at once.
    await releaseLease(db, flowId, runId);
    throw error;
  }
  return { state: await finish(db, flowId, runId, lines.length) };
}

async function finish(
  db: Kysely<DB>,
  flowId: string,
  runId: string,
  entryCount: number,
  error?: FlowRefusalReason,
): Promise<FlowState> {
  return db.transaction().execute(async (trx) => {
    const { accepted, refused } = await countEntries(trx, flowId);
    const state: FlowState =
      accepted === 0 ? 'IN_REJETE' : refused === 0 ? 'IN_INTEGRE' : 'IN_INTEGRE_PARTIEL';
    const why =
      error ??
      (accepted + refused === 0
        ? {
            code: 'FLUX_ILLISIBLE',
            message: { fr: 'Le fichier ne contient aucune ligne.', en: 'The file holds no line.' },
          }
        : undefined);
    await closeFlow(trx, flowId, runId, { state, entryCount, accepted, refused, error: why });
    await enqueue(trx, 'notify-flow-integrated', { v: 1, flowId }, { singletonKey: flowId });
    return state;
  });
}
