/**
 * A flow's report (compte rendu): its state and counts, and per entry whether it was accepted
 * (with the invoice id) or refused (with every error: refusal code, rule, plain French and
 * English message naming the field, path and line). As JSON (one object), or as CSV rows
 * streamed page by page (RFC 4180; `;` as the separator and a UTF-8 BOM, which is what a
 * French-locale spreadsheet opens as columns without an import dialogue).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { loadFlowFor } from './flow-access.js';
import type { EntryError } from './model.js';
import { flowColumns, summaryOf, type FlowSummary } from './read-flows.js';

export interface ReportEntry {
  index: number;
  name: string;
  invoiceNumber: string | null;
  outcome: 'ACCEPTED' | 'REFUSED';
  invoiceId: string | null;
  refusalCode: string | null;
  errors: EntryError[];
}

export interface FlowReport {
  flow: FlowSummary;
  entries: ReportEntry[];
}

const PAGE = 1000;

/** The entries in index order, a page at a time (bounded memory for CSV and PDF). */
export async function* reportEntries(db: Kysely<DB>, flowId: string): AsyncGenerator<ReportEntry> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('flow_entry')
      .select([
        'index',
        'name',
        'invoice_number',
        'outcome',
        'invoice_id',
        'refusal_code',
        'errors',
      ])
      .where('flow_id', '=', flowId)
      .where('index', '>', after)
      .orderBy('index')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      yield {
        index: r.index,
        name: r.name,
        invoiceNumber: r.invoice_number,
        outcome: r.outcome as ReportEntry['outcome'],
        invoiceId: r.invoice_id,
        refusalCode: r.refusal_code,
        errors: r.errors,
      };
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.index;
  }
}

/** The flow (checked for the principal) and its entries, as an iterator. */
export async function openFlowReport(options: {
  db: Kysely<DB>;
  principal: Principal;
  flowId: string;
}): Promise<{ flow: FlowSummary; entries: AsyncGenerator<ReportEntry> }> {
  const row = await loadFlowFor({ ...options, columns: flowColumns });
  return { flow: summaryOf(row), entries: reportEntries(options.db, options.flowId) };
}

export async function getFlowReport(options: {
  db: Kysely<DB>;
  principal: Principal;
  flowId: string;
}): Promise<FlowReport> {
  const { flow, entries } = await openFlowReport(options);
  const all: ReportEntry[] = [];
  for await (const e of entries) all.push(e);
  return { flow, entries: all };
}

export const csvColumns = [
  'numeroFluxDepot',
  'index',
  'entree',
  'numeroFacture',
  'resultat',
  'identifiantFacture',
  'codeRefus',
  'regle',
  'champ',
  'message_fr',
  'message_en',
  'chemin',
  'ligne',
] as const;

/** RFC 4180 field: quoted when it holds the separator, a quote or a line break. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (values: (string | number | null)[]) => `${values.map(field).join(';')}\r\n`;

/**
 * The report as CSV text chunks: a header, then one row per accepted entry and one row per
 * error of a refused entry (the entry's columns repeated), so a filter on a column works.
 */
export async function* flowReportCsv(flow: FlowSummary, entries: AsyncIterable<ReportEntry>) {
  yield `\uFEFF${row([...csvColumns])}`;
  let chunk = '';
  for await (const e of entries) {
    const head = [
      flow.numeroFluxDepot,
      e.index,
      e.name,
      e.invoiceNumber,
      e.outcome === 'ACCEPTED' ? 'ACCEPTEE' : 'REFUSEE',
      e.invoiceId,
    ];
    if (e.outcome === 'ACCEPTED' || e.errors.length === 0) {
      chunk += row([...head, e.refusalCode, null, null, null, null, null, null]);
    } else {
      for (const err of e.errors) {
        chunk += row([
          ...head,
          err.refusalCode,
          err.ruleId,
          err.field,
          err.message.fr,
          err.message.en,
          err.path,
          err.line,
        ]);
      }
    }
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (flow.error) {
    chunk += row([
      flow.numeroFluxDepot,
      null,
      flow.nomFichier,
      null,
      'REFUSEE',
      null,
      flow.error.code,
      null,
      null,
      flow.error.message.fr,
      flow.error.message.en,
      null,
      null,
    ]);
  }
  if (chunk) yield chunk;
}
