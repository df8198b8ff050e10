/**
 * A flow and its report in the real service's words (consulterCR, consulterCRDetaille): the
 * state, its timestamps, and each refused invoice as a `listeErreurDP` item whose label is our
 * plain sentence with the rule id and the field — never a bare element path.
 */
import type { ReportEntry } from '../flows/flow-report.js';
import type { EntryError } from '../flows/model.js';
import type { FlowSummary } from '../flows/read-flows.js';
import { wireTimestamp } from './wire.js';

export type WireLang = 'fr' | 'en';

/** When the flow reached its current state. */
export function currentStateAt(flow: FlowSummary): string {
  const d = flow.dates;
  return wireTimestamp(d.finished ?? d.processing ?? d.waiting ?? d.received);
}

/** "BR-CO-10 (BT-106) : <message>" — the rule, the field, the plain sentence, then where. */
export function errorLabel(e: EntryError, lang: WireLang): string {
  const head = [e.ruleId ?? e.refusalCode, e.field ? `(${e.field})` : null]
    .filter(Boolean)
    .join(' ');
  const where = e.path ? ` [${e.line ? `ligne ${e.line}, ` : ''}${e.path}]` : '';
  return `${head} : ${e.message[lang]}${lang === 'fr' ? where : where.replace('ligne', 'line')}`;
}

export interface ErreurDP {
  numeroDP: string;
  identifiantFournisseur: string;
  identifiantDestinataire: string;
  codeErreur: string;
  libelleErreurDP: string;
}

/** One item per problem of each refused entry (a refused entry without detail: one item). */
export function erreursDP(
  entries: readonly ReportEntry[],
  supplierIdentifier: string,
  lang: WireLang,
): ErreurDP[] {
  const out: ErreurDP[] = [];
  for (const e of entries) {
    if (e.outcome !== 'REFUSED') continue;
    const base = {
      numeroDP: e.invoiceNumber ?? e.name,
      identifiantFournisseur: supplierIdentifier,
      identifiantDestinataire: '',
    };
    if (e.errors.length === 0) {
      out.push({ ...base, codeErreur: e.refusalCode ?? '', libelleErreurDP: e.refusalCode ?? '' });
      continue;
    }
    for (const err of e.errors)
      out.push({ ...base, codeErreur: err.refusalCode, libelleErreurDP: errorLabel(err, lang) });
  }
  return out;
}
