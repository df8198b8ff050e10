/**
 * Reading a status file (ours, not a Chorus Pro format; docs/lifecycle.md "Status files"): one
 * requested move per line, as CSV (`;`-separated, header line, UTF-8 with or without BOM,
 * RFC 4180 quotes) or JSON (`{"statuts": [ … ]}`).
 *
 * Invariant: reading never throws on the file's content. A file that cannot be read as a whole
 * (not UTF-8, no header, not JSON, too many lines) is a flow refusal; a line that cannot be read
 * is a refused line carrying why — the other lines are still applied.
 */
import type { FlowRefusalReason } from '../entries.js';

/** One requested move, as written in the file (checked by the lifecycle use case). */
export interface StatusLine {
  invoiceId: string;
  status: string;
  reason?: string | undefined;
  mandateNumber?: string | undefined;
  paymentDate?: string | undefined;
  paymentAmount?: string | undefined;
}

export type ParsedLine =
  | { index: number; line: number; request: StatusLine }
  | {
      index: number;
      line: number;
      invoiceId: string | null;
      malformed: { fr: string; en: string };
    };

/** Lines of a status file at most: a file is one batch of a day's decisions, not an archive. */
export const MAX_STATUS_LINES = 10_000;
export const MAX_STATUS_BYTES = 5 * 1024 * 1024;

export const statusColumns = [
  'identifiantFacture',
  'statut',
  'motif',
  'numeroMandat',
  'datePaiement',
  'montantPaiement',
] as const;
type Column = (typeof statusColumns)[number];

const fieldOf: Record<Column, keyof StatusLine> = {
  identifiantFacture: 'invoiceId',
  statut: 'status',
  motif: 'reason',
  numeroMandat: 'mandateNumber',
  datePaiement: 'paymentDate',
  montantPaiement: 'paymentAmount',
};

const MAX_FIELD = 1000;

const unreadable = (fr: string, en: string): FlowRefusalReason => ({
  code: 'FLUX_ILLISIBLE',
  message: { fr, en },
});

function decode(bytes: Uint8Array): string | FlowRefusalReason {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return unreadable(
      'Le fichier de statuts n’est pas encodé en UTF-8.',
      'The status file is not UTF-8 encoded.',
    );
  }
}

/** Checks one record's values: strings of sane length, the two required ones present. */
function lineOf(index: number, line: number, values: Partial<Record<Column, unknown>>): ParsedLine {
  const id =
    typeof values.identifiantFacture === 'string' ? values.identifiantFacture.trim() : null;
  const bad = (fr: string, en: string): ParsedLine => ({
    index,
    line,
    invoiceId: id || null,
    malformed: { fr, en },
  });
  const request: Partial<StatusLine> = {};
  for (const column of statusColumns) {
    const v = values[column];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || v.length > MAX_FIELD) {
      return bad(
        `La colonne ${column} doit être un texte d’au plus ${MAX_FIELD} caractères.`,
        `Column ${column} must be text of at most ${MAX_FIELD} characters.`,
      );
    }
    request[fieldOf[column]] = v.trim();
  }
  if (!request.invoiceId || !request.status) {
    return bad(
      'identifiantFacture et statut sont obligatoires sur chaque ligne.',
      'identifiantFacture and statut are required on every line.',
    );
  }
  return { index, line, request: request as StatusLine };
}

/** RFC 4180 records separated by `;`, with the line each starts on. */
function* csvRecords(text: string): Generator<{ line: number; fields: string[] }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (c === ';') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (any || field !== '') yield { line: start, fields };
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== '') yield { line: start, fields: [...fields, field] };
}

export function parseStatusCsv(bytes: Uint8Array): ParsedLine[] | FlowRefusalReason {
  const text = decode(bytes);
  if (typeof text !== 'string') return text;
  const records = csvRecords(text);
  const head = records.next();
  const header = head.done ? [] : head.value.fields.map((f) => f.trim());
  const unknown = header.filter((h) => !(statusColumns as readonly string[]).includes(h));
  if (!header.includes('identifiantFacture') || !header.includes('statut') || unknown.length) {
    return unreadable(
      `La première ligne doit nommer les colonnes parmi ${statusColumns.join(';')} (identifiantFacture et statut obligatoires)${unknown.length ? ` ; inconnues : ${unknown.join(', ')}` : ''}.`,
      `The first line must name the columns among ${statusColumns.join(';')} (identifiantFacture and statut required)${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
    );
  }
  const lines: ParsedLine[] = [];
  for (const record of records) {
    if (lines.length >= MAX_STATUS_LINES) return tooMany();
    const index = lines.length;
    if (record.fields.length !== header.length) {
      const id = record.fields[header.indexOf('identifiantFacture')]?.trim();
      lines.push({
        index,
        line: record.line,
        invoiceId: id || null,
        malformed: {
          fr: `La ligne a ${record.fields.length} colonnes, l’en-tête en annonce ${header.length}.`,
          en: `The line has ${record.fields.length} columns, the header names ${header.length}.`,
        },
      });
      continue;
    }
    const values: Partial<Record<Column, string>> = {};
    header.forEach((h, i) => (values[h as Column] = record.fields[i]));
    lines.push(lineOf(index, record.line, values));
  }
  return lines;
}

function tooMany(): FlowRefusalReason {
  return unreadable(
    `Un fichier de statuts compte au plus ${MAX_STATUS_LINES} lignes : découpez-le.`,
    `A status file holds at most ${MAX_STATUS_LINES} lines: split it.`,
  );
}

export function parseStatusJson(bytes: Uint8Array): ParsedLine[] | FlowRefusalReason {
  const text = decode(bytes);
  if (typeof text !== 'string') return text;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return unreadable('Le fichier n’est pas un JSON valide.', 'The file is not valid JSON.');
  }
  const items = (doc as { statuts?: unknown } | null)?.statuts;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(items)) {
    return unreadable(
      'Le JSON doit être un objet {"statuts": [ … ]}.',
      'The JSON must be an object {"statuts": [ … ]}.',
    );
  }
  if (items.length > MAX_STATUS_LINES) return tooMany();
  // "line" of a JSON item: its 1-based position in the statuts array.
  return items.map((item, index): ParsedLine => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return {
        index,
        line: index + 1,
        invoiceId: null,
        malformed: { fr: 'L’élément n’est pas un objet.', en: 'The item is not an object.' },
      };
    }
    const keys = Object.keys(item);
    const unknown = keys.filter((k) => !(statusColumns as readonly string[]).includes(k));
    if (unknown.length) {
      const id = (item as Record<string, unknown>).identifiantFacture;
      return {
        index,
        line: index + 1,
        invoiceId: typeof id === 'string' ? id : null,
        malformed: {
          fr: `Champs inconnus : ${unknown.slice(0, 5).join(', ')}.`,
          en: `Unknown fields: ${unknown.slice(0, 5).join(', ')}.`,
        },
      };
    }
    return lineOf(index, index + 1, item as Partial<Record<Column, unknown>>);
  });
}
