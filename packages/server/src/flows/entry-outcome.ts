/**
 * An entry's outcome as the report keeps it, and the recorder that writes outcomes in batches.
 *
 * A refusal is turned into report errors from what the deposit's refusal already carries: the
 * EN 16931 findings with the engine's own French and English messages, rule ids, paths and
 * lines (REGLES_EN16931), or the refusal's own sentence naming the field (routing, duplicate…).
 * No rule is judged here.
 */
import { readPdf, validate } from '@chorale/einvoice';
import { sql, type InsertObject, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DepositRefusal } from '../invoices/deposit-checks.js';
import type { RefusalCode } from '../invoices/model.js';
import { AppError } from '../lib/errors.js';
import { depositRefusals, deposits } from '../lib/metrics.js';
import type { EntryKind, FlowRefusalReason } from './entries.js';
import type { EntryError } from './model.js';

export type Outcome =
  | { index: number; name: string; invoiceId: string }
  | {
      index: number;
      name: string;
      number: string | null;
      refusalCode: string;
      errors: EntryError[];
    };

/** The business terms each routing refusal is about (the message names them too). */
const fieldOf: Partial<Record<RefusalCode, string>> = {
  DESTINATAIRE_INCONNU: 'BT-46, BT-47',
  DESTINATAIRE_NON_PUBLIC: 'BT-46, BT-47',
  DESTINATAIRE_INACTIF: 'BT-46, BT-47',
  SERVICE_OBLIGATOIRE: 'BT-10',
  SERVICE_INCONNU: 'BT-10',
  SERVICE_INACTIF: 'BT-10',
  ENGAGEMENT_OBLIGATOIRE: 'BT-13',
  TYPE_NON_SUPPORTE: 'BT-3',
  DOUBLON: 'BT-1, BT-2',
  FOURNISSEUR_INCONNU: 'BT-29, BT-30',
  DONNEES_INCOMPLETES: 'BT-1, BT-2',
};

/** Report errors of a refused deposit. */
export function errorsOfRefusal(refusal: DepositRefusal): EntryError[] {
  if (refusal.findings.length > 0) {
    return refusal.findings.map((f) => ({
      refusalCode: refusal.refusal,
      ruleId: f.ruleId,
      message: f.message,
      field: f.terms.length > 0 ? f.terms.join(', ') : null,
      path: f.path || null,
      line: f.line > 0 ? f.line : null,
    }));
  }
  // Unreadable XML: the parser's line is in the details ("line N").
  const at = refusal.details?.find((d) => d.pointer?.startsWith('line '));
  const line = at ? Number(at.pointer!.slice(5)) : null;
  return [
    {
      refusalCode: refusal.refusal,
      ruleId: null,
      // The parser's own words are English: the French message gives the line only.
      message: at
        ? {
            fr: `${refusal.messages.fr} (${at.pointer!.replace('line', 'ligne')})`,
            en: `${refusal.messages.en} (${at.pointer}: ${at.message})`,
          }
        : refusal.messages,
      field: fieldOf[refusal.refusal] ?? null,
      path: null,
      line: Number.isInteger(line) && line! > 0 ? line : null,
    },
  ];
}

export function errorsOfReason(reason: FlowRefusalReason): EntryError[] {
  return [
    {
      refusalCode: reason.code,
      ruleId: null,
      message: reason.message,
      field: null,
      path: null,
      line: null,
    },
  ];
}

/** An AppError other than a refusal (should not happen for a file deposit): kept as it is. */
export function errorsOfAppError(error: AppError): EntryError[] {
  return [
    {
      refusalCode: error.code,
      ruleId: null,
      message: {
        fr: `La facture n’a pas pu être déposée (erreur ${error.code}).`,
        en: `The invoice could not be deposited (${error.message}).`,
      },
      field: null,
      path: null,
      line: null,
    },
  ];
}

/**
 * The invoice number (BT-1) of a refused entry, for the report (clients re-send refused
 * invoices by number). Read again only for refusals; null when the entry cannot be read.
 */
export async function numberOf(bytes: Uint8Array, kind: EntryKind): Promise<string | null> {
  try {
    let xml: Uint8Array | string = bytes;
    if (kind === 'pdf') {
      const pdf = await readPdf(bytes);
      if (pdf.kind !== 'hybrid') return null;
      xml = pdf.xml;
    }
    return validate(xml).invoice?.id?.trim() || null;
  } catch {
    return null;
  }
}

export function isDepositRefusal(error: unknown): error is DepositRefusal {
  return error instanceof DepositRefusal;
}

/**
 * Writes outcomes in batches, one statement each (`on conflict do nothing` on (flow, index), so
 * what a crashed run recorded stays as it was), and renews the run's lease with the counts in
 * a second: two round trips per batch, none per invoice. Writes are chained, never concurrent.
 */
export class OutcomeRecorder {
  private pending: Outcome[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private lastFlush = Date.now();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly flowId: string,
    private readonly runId: string,
    private readonly batch = 250,
    private readonly everyMs = 1000,
  ) {}

  add(outcome: Outcome): void {
    if ('invoiceId' in outcome) deposits.inc({ channel: 'flow' });
    else depositRefusals.inc({ channel: 'flow', code: outcome.refusalCode });
    this.pending.push(outcome);
    if (this.pending.length >= this.batch || Date.now() - this.lastFlush >= this.everyMs) {
      this.schedule();
    }
  }

  /** Writes everything added so far; throws the first write failure. */
  async flush(): Promise<void> {
    this.schedule();
    await this.chain;
    if (this.failure !== undefined) throw this.failure;
  }

  /** A write failure so far (the run stops taking entries). */
  get failed(): unknown {
    return this.failure;
  }

  private schedule(): void {
    const rows = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await this.write(rows);
      } catch (error) {
        this.failure = error;
      }
    });
  }

  private async write(outcomes: Outcome[]): Promise<void> {
    let accepted = 0;
    let refused = 0;
    if (outcomes.length > 0) {
      const rows: InsertObject<DB, 'flow_entry'>[] = outcomes.map((o) =>
        'invoiceId' in o
          ? {
              flow_id: this.flowId,
              index: o.index,
              name: o.name,
              // The number as stored with the invoice: looked up inside the statement.
              invoice_number: sql<string>`(select number from invoice where id = ${o.invoiceId})`,
              outcome: 'ACCEPTED',
              invoice_id: o.invoiceId,
              refusal_code: null,
              errors: '[]',
            }
          : {
              flow_id: this.flowId,
              index: o.index,
              name: o.name,
              invoice_number: o.number,
              outcome: 'REFUSED',
              invoice_id: null,
              refusal_code: o.refusalCode,
              errors: JSON.stringify(o.errors),
            },
      );
      const inserted = await this.db
        .insertInto('flow_entry')
        .values(rows)
        .onConflict((oc) => oc.columns(['flow_id', 'index']).doNothing())
        .returning('outcome')
        .execute();
      for (const r of inserted) {
        if (r.outcome === 'ACCEPTED') accepted++;
        else refused++;
      }
    }
    const lease = await this.db
      .updateTable('flow')
      .set((eb) => ({
        accepted_count: eb('accepted_count', '+', accepted),
        refused_count: eb('refused_count', '+', refused),
        lease_until: sql<Date>`now() + interval '60 seconds'`,
      }))
      .where('id', '=', this.flowId)
      .where('lease_owner', '=', this.runId)
      .returning('id')
      .executeTakeFirst();
    if (!lease) throw new Error(`flow ${this.flowId}: integration lease lost by run ${this.runId}`);
  }
}
