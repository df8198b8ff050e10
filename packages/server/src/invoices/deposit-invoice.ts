/**
 * Depositing one invoice: read it (UBL, CII, Factur-X, plain PDF + keyed data, keyed data
 * alone), validate it against EN 16931, route it (supplier, public recipient, service,
 * commitment), refuse with a stable code what cannot go through, and otherwise write
 * everything in ONE statement (its own transaction): the invoice row, the original bytes with their SHA-256, the
 * attachments, the journal (DEPOSITED, MADE_AVAILABLE), the job telling the recipient, and the
 * Idempotency-Key answer. A crash leaves either all of it or none of it.
 *
 * Checks run in a fixed order (attachments, format and EN 16931 rules, framework, type,
 * supplier and right, recipient, service, commitment, duplicate) so a given request always
 * gets the same refusal.
 */
import type { Insertable, Kysely } from 'kysely';
import {
  messageFor,
  readPdf,
  validate,
  validateModel,
  type Invoice,
  type ReportedFinding,
  type ValidationReport,
} from '@chorale/einvoice';
import type { Principal } from '../accounts/model.js';
import { preparedQuery } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { jobInsertSql } from '../jobs/queue.js';
import { journalHash, type Actor } from './journal.js';
import {
  checkFramework,
  checkParties,
  checkType,
  fatalFindings,
  refuse,
  routingOf,
} from './deposit-checks.js';
import { answerRow, findAnswer, requestHash } from './idempotency.js';
import { keyedToModel, type KeyedInvoice } from './keyed-invoice.js';
import type { DepositFormat, InvoiceStatus, JournalEvent } from './model.js';
import { checkAttachments, fileRow, sha256Hex, type IncomingFile } from './store-files.js';

export interface DepositMetadata {
  /** Billing framework (cadre de facturation); A1 and A2 only for now. */
  framework: string;
  /** Declared kind; must agree with BT-3 when given. */
  type?: string | undefined;
}

export interface DepositOptions {
  db: Kysely<DB>;
  principal: Principal;
  /** The supplier structure (SIRET) the depositor acts for, when the invoice names a SIREN. */
  supplierIdentifier?: string | undefined;
  /** The invoice file; absent for a keyed-in invoice. */
  invoice: IncomingFile | undefined;
  /** Keyed data: with a plain PDF, or alone. */
  keyed?: KeyedInvoice | undefined;
  attachments: IncomingFile[];
  metadata: DepositMetadata;
  idempotencyKey?: string | undefined;
}

export interface StoredWarning {
  id: string;
  path: string;
  line: number;
  message: string;
  messageFr: string;
}

export interface DepositResult {
  id: string;
  status: InvoiceStatus;
  /** SHA-256 of the original as deposited (the canonical JSON of keyed data when no file). */
  sha256: string;
  depositedAt: string;
  warnings: StoredWarning[];
}

const utf8 = new TextEncoder();

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** XML after an optional UTF-8 BOM and whitespace. */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return bytes[i] === 0x3c; // '<'
}

function fatalDetails(findings: ReportedFinding[]) {
  return findings
    .filter((f) => f.flag === 'fatal')
    .slice(0, 200)
    .map((f) => ({ pointer: f.path, message: `[${f.id}] ${f.message}` }));
}

function checkReport(report: ValidationReport, what: string): Invoice {
  if (report.valid === null || !report.invoice) {
    const notInvoice = report.error?.code === 'NOT_AN_INVOICE';
    throw refuse(
      notInvoice ? 'FORMAT_NON_SUPPORTE' : 'FORMAT_ILLISIBLE',
      notInvoice
        ? `${what} n’est pas une facture UBL 2.1 ni CII D16B.`
        : `${what} est illisible (XML mal formé).`,
      notInvoice
        ? `${what} is neither a UBL 2.1 nor a CII D16B invoice.`
        : `${what} cannot be read (malformed XML).`,
      report.error ? [{ pointer: `line ${report.error.line}`, message: report.error.message }] : [],
    );
  }
  if (!report.valid) {
    throw refuse(
      'REGLES_EN16931',
      `La facture enfreint ${report.fatal.length} règle(s) de la norme EN 16931 : ${report.fatal.join(', ')}.`,
      `The invoice breaks ${report.fatal.length} EN 16931 rule(s): ${report.fatal.join(', ')}.`,
      fatalDetails(report.findings),
      fatalFindings(report.findings),
    );
  }
  return report.invoice;
}

interface ReadInvoice {
  format: DepositFormat;
  model: Invoice;
  report: ValidationReport;
  /** Non-fatal problems of a Factur-X PDF (PDF/A-3 clauses…), kept with the EN 16931 ones. */
  pdfWarnings?: StoredWarning[];
  /** The original kept byte for byte. */
  original: IncomingFile;
}

/** Reads the deposit's form into a validated model (refusing on fatal EN 16931 rules). */
async function readDeposit(options: {
  db: Kysely<DB>;
  invoice: IncomingFile | undefined;
  keyed: KeyedInvoice | undefined;
}): Promise<ReadInvoice> {
  const { invoice, keyed } = options;
  if (!invoice && !keyed) {
    throw refuse(
      'DONNEES_INCOMPLETES',
      'Joignez la facture (XML ou PDF) ou saisissez ses données.',
      'Send the invoice (XML or PDF) or its keyed-in data.',
    );
  }
  if (invoice && startsWith(invoice.bytes, '%PDF-')) {
    const pdf = await readPdf(invoice.bytes);
    if (keyed) {
      // A plain PDF is only the picture of the invoice: its data are the keyed ones. A PDF the
      // reader cannot open is refused — except while the reader is not there yet.
      const notImplemented = pdf.problems.some((p) => p.code === 'NOT_IMPLEMENTED');
      if (pdf.kind === 'unreadable' && !notImplemented) {
        throw refuse(
          'FORMAT_ILLISIBLE',
          'Le PDF est illisible.',
          'The PDF cannot be read.',
          pdf.problems.map((p) => ({ pointer: p.code, message: p.message.en })),
        );
      }
      const model = await modelOfKeyed(options.db, keyed);
      return { format: 'PDF', model, report: validateKeyed(model), original: invoice };
    }
    if (pdf.kind === 'hybrid') {
      const fatal = pdf.problems.filter((p) => p.flag === 'fatal');
      if (fatal.length > 0) {
        throw refuse(
          'FORMAT_ILLISIBLE',
          'Le PDF Factur-X n’est pas conforme : ' + fatal.map((p) => p.message.fr).join(' '),
          'The Factur-X PDF does not conform: ' + fatal.map((p) => p.message.en).join(' '),
          fatal.map((p) => ({ pointer: p.code, message: p.message.en })),
        );
      }
      const report = validate(pdf.xml);
      return {
        format: 'FACTURX',
        model: checkReport(report, 'Le XML du Factur-X'),
        report,
        original: invoice,
        pdfWarnings: pdf.problems.map((p) => ({
          id: p.code,
          path: pdf.filename,
          line: 0,
          message: p.message.en,
          messageFr: p.message.fr,
        })),
      };
    }
    // Until the PDF reader exists, every PDF is taken for a plain one.
    const notImplemented = pdf.problems.some((p) => p.code === 'NOT_IMPLEMENTED');
    if (pdf.kind === 'plain' || notImplemented) {
      throw refuse(
        'DONNEES_INCOMPLETES',
        'Ce PDF ne contient pas de facture structurée (Factur-X) : saisissez les données de la facture avec le PDF.',
        'This PDF holds no structured invoice (Factur-X): send the keyed-in invoice data with it.',
      );
    }
    throw refuse(
      'FORMAT_ILLISIBLE',
      'Le PDF est illisible.',
      'The PDF cannot be read.',
      pdf.problems.map((p) => ({ pointer: p.code, message: p.message.en })),
    );
  }
  if (invoice) {
    if (!looksLikeXml(invoice.bytes)) {
      throw refuse(
        'FORMAT_NON_SUPPORTE',
        'Formats acceptés : XML UBL 2.1 ou CII D16B, PDF Factur-X, ou PDF accompagné des données saisies.',
        'Accepted forms: UBL 2.1 or CII D16B XML, Factur-X PDF, or a PDF with keyed-in data.',
      );
    }
    if (keyed) {
      throw new AppError(
        'BAD_REQUEST',
        'Keyed-in data go with a plain PDF or alone, never with an XML invoice',
      );
    }
    const report = validate(invoice.bytes);
    const model = checkReport(report, 'Le fichier');
    return { format: report.syntax === 'CII' ? 'CII' : 'UBL', model, report, original: invoice };
  }
  const model = await modelOfKeyed(options.db, keyed!);
  // Keyed data without a file: the canonical JSON of what was keyed is the original.
  const bytes = utf8.encode(JSON.stringify(keyed));
  return {
    format: 'SAISIE',
    model,
    report: validateKeyed(model),
    original: {
      bytes,
      filename: `saisie-${keyed!.number.replace(/[^A-Za-z0-9._-]/g, '_')}.json`,
      mediaType: 'application/json',
    },
  };
}

/** Buyer name and address come from the directory (the supplier keys only the identifier). */
async function modelOfKeyed(db: Kysely<DB>, keyed: KeyedInvoice): Promise<Invoice> {
  const id = keyed.recipient.identifier;
  const q = db
    .selectFrom('structure')
    .select(['name', 'address_line1', 'address_line2', 'postal_code', 'town', 'country_code'])
    .where('identifier_type', '=', 'SIRET');
  const s = await (
    id.length === 14 ? q.where('identifier', '=', id) : q.where('identifier', 'like', `${id}%`)
  )
    .limit(1)
    .executeTakeFirst();
  const buyer = s
    ? {
        name: s.name,
        address: {
          ...(s.address_line1 ? { line1: s.address_line1 } : {}),
          ...(s.address_line2 ? { line2: s.address_line2 } : {}),
          ...(s.postal_code ? { postCode: s.postal_code } : {}),
          ...(s.town ? { city: s.town } : {}),
          countryCode: s.country_code ?? 'FR',
        },
      }
    : undefined;
  return keyedToModel(keyed, buyer);
}

function validateKeyed(model: Invoice): ValidationReport {
  const report = validateModel(model);
  if (!report.valid) {
    throw refuse(
      'REGLES_EN16931',
      `Les données saisies enfreignent ${report.fatal.length} règle(s) de la norme EN 16931 : ${report.fatal.join(', ')}.`,
      `The keyed-in data break ${report.fatal.length} EN 16931 rule(s): ${report.fatal.join(', ')}.`,
      fatalDetails(report.findings),
      fatalFindings(report.findings),
    );
  }
  return report;
}

/**
 * The model as stored, as JSON: plain data, without the XML locations (`$…` members) readers
 * attach. One pass of JSON.stringify with a replacer, rather than a copy of the whole tree.
 */
function normalisedJson(model: Invoice): string {
  return JSON.stringify(model, (key, value: unknown) => (key.startsWith('$') ? undefined : value));
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const amount = (v: string | undefined): string | null => (v && DECIMAL.test(v) ? v : null);

function actorOf(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { kind: 'USER', userId: principal.userId }
    : { kind: 'CLIENT', clientId: principal.clientId };
}

interface NewEvent {
  event: JournalEvent;
  actor: Actor;
  fromStatus: InvoiceStatus | null;
  toStatus: InvoiceStatus | null;
  data: Record<string, unknown>;
}

/**
 * The first rows of a new invoice's journal, chained as appendJournal chains them (same
 * journalHash, seq 1, 2…, first prev_hash '', time in milliseconds, data as jsonb gives it
 * back), so they go in with the invoice in one statement instead of three round trips per row.
 * Only for an invoice not yet written: nobody else can append to it meanwhile.
 */
function newInvoiceJournal(
  invoiceId: string,
  at: Date,
  events: NewEvent[],
): { head: string; rows: Insertable<DB['invoice_event']>[] } {
  let head = '';
  const rows = events.map((e, i) => {
    // Round-trip through JSON now, so what is hashed is exactly what jsonb gives back.
    const json = JSON.stringify(e.data);
    const content = {
      invoiceId,
      seq: i + 1,
      at,
      event: e.event,
      actorKind: e.actor.kind,
      actorUserId: e.actor.kind === 'USER' ? e.actor.userId : null,
      actorClientId: e.actor.kind === 'CLIENT' ? e.actor.clientId : null,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: null,
      data: JSON.parse(json) as Record<string, unknown>,
    };
    const hash = journalHash(head, content);
    const row: Insertable<DB['invoice_event']> = {
      id: newId('invoiceEvent'),
      invoice_id: invoiceId,
      seq: content.seq,
      at,
      event: content.event,
      actor_kind: content.actorKind,
      actor_user_id: content.actorUserId,
      actor_client_id: content.actorClientId,
      from_status: content.fromStatus,
      to_status: content.toStatus,
      reason: null,
      data: json,
      prev_hash: head,
      hash,
    };
    head = hash;
    return row;
  });
  return { head, rows };
}

/** SHA-256 of deposited bytes, computed once per buffer (request hash, original, files). */
const digests = new WeakMap<Uint8Array, string>();
function digestOf(bytes: Uint8Array): string {
  let digest = digests.get(bytes);
  if (digest === undefined) {
    digest = sha256Hex(bytes);
    digests.set(bytes, digest);
  }
  return digest;
}

function hashOfRequest(options: DepositOptions): string {
  const file = (f: IncomingFile) => ({
    sha256: digestOf(f.bytes),
    filename: f.filename,
    mediaType: f.mediaType,
  });
  return requestHash({
    invoice: options.invoice ? file(options.invoice) : null,
    keyed: options.keyed ?? null,
    attachments: options.attachments.map(file),
    metadata: options.metadata,
    supplierIdentifier: options.supplierIdentifier ?? null,
  });
}

export async function depositInvoice(
  options: DepositOptions,
): Promise<DepositResult & { replayed: boolean }> {
  const { db, principal } = options;
  const idem = options.idempotencyKey
    ? { principal, key: options.idempotencyKey, hash: hashOfRequest(options) }
    : undefined;
  if (idem) {
    const answer = await findAnswer<DepositResult>(db, idem);
    if (answer) return { ...answer.body, replayed: true };
  }

  checkAttachments(options.attachments);
  const read = await readDeposit({ db, invoice: options.invoice, keyed: options.keyed });
  const routing = routingOf(read.model);
  const framework = checkFramework(options.metadata.framework);
  const type = checkType(routing.typeCode, options.metadata.type);
  const { supplier, recipient } = await checkParties({
    db,
    routing,
    principal,
    supplierIdentifier: options.supplierIdentifier,
  });

  const warnings: StoredWarning[] = [
    ...(read.pdfWarnings ?? []),
    ...read.report.findings
      .filter((f) => f.flag === 'warning')
      .map((f) => ({
        id: f.id,
        path: f.path,
        line: f.line,
        message: f.message,
        messageFr: messageFor(f, 'fr'),
      })),
  ];
  const originalSha = digestOf(read.original.bytes);
  const id = newId('invoice');
  const depositedAt = new Date();
  const result: DepositResult = {
    id,
    status: 'MISE_A_DISPOSITION',
    sha256: originalSha,
    depositedAt: depositedAt.toISOString(),
    warnings,
  };
  const totals = read.model.totals;
  const journal = newInvoiceJournal(id, depositedAt, [
    {
      event: 'DEPOSITED',
      actor: actorOf(principal),
      fromStatus: null,
      toStatus: 'DEPOSEE',
      data: { format: read.format, sha256: originalSha, framework },
    },
    // Routing is synchronous: the invoice is made available to the recipient at once.
    {
      event: 'MADE_AVAILABLE',
      actor: { kind: 'SYSTEM' },
      fromStatus: 'DEPOSEE',
      toStatus: 'MISE_A_DISPOSITION',
      data: {
        recipientStructureId: recipient.structure.id,
        recipientServiceId: recipient.service?.id ?? null,
      },
    },
  ]);
  const files = [
    fileRow(id, 'ORIGINAL', read.original, originalSha),
    ...options.attachments.map((a) => fileRow(id, 'ATTACHMENT', a, digestOf(a.bytes))),
  ];

  // ONE statement writes the invoice, its files, its journal, the job telling the recipient and
  // the Idempotency-Key answer: a single statement is its own transaction (no BEGIN/COMMIT round
  // trips), foreign keys are checked at its end, and a unique violation leaves nothing of it.
  // The unique key decides duplicates, so two concurrent deposits of one invoice cannot both
  // pass: the second waits for the first to commit, then fails on invoice_duplicate_key (or
  // idempotency_key_pkey for a retry racing with the same key).
  const invoiceRow: Insertable<DB['invoice']> = {
    id,
    number: routing.number,
    issue_date: routing.issueDate,
    issue_year: Number(routing.issueDate.slice(0, 4)),
    type,
    type_code: routing.typeCode,
    framework,
    currency: routing.currency,
    format: read.format,
    supplier_structure_id: supplier.id,
    recipient_structure_id: recipient.structure.id,
    recipient_service_id: recipient.service?.id ?? null,
    service_code: routing.serviceCode,
    commitment_number: routing.commitmentNumber,
    supplier_name: read.model.seller?.name?.trim() || supplier.name,
    recipient_name: recipient.structure.name,
    total_without_vat: amount(totals?.taxExclusiveAmount),
    total_vat: amount(totals?.vatTotal),
    total_with_vat: amount(totals?.taxInclusiveAmount),
    amount_due: amount(totals?.payableAmount),
    // Written in its final state, journal head included: the journal below records both steps
    // (DEPOSEE, then MISE_A_DISPOSITION), and no one can see the row between them.
    status: 'MISE_A_DISPOSITION',
    made_available_at: depositedAt,
    journal_head: journal.head,
    journal_length: journal.rows.length,
    deposited_by_user_id: principal.kind === 'user' ? principal.userId : null,
    deposited_by_client_id: principal.kind === 'client' ? principal.clientId : null,
    deposited_at: depositedAt,
    model: normalisedJson(read.model),
    warnings: JSON.stringify(warnings),
  };
  const statement = new Statement();
  const parts = [
    `invoice_row as (${statement.insert('invoice', [invoiceRow])})`,
    `file_rows as (${statement.insert('invoice_file', files)})`,
    `event_rows as (${statement.insert('invoice_event', journal.rows)})`,
    `job_row as (${jobInsertSql(
      'notify-invoice-available',
      { v: 1, invoiceId: id },
      { singletonKey: id },
      (value) => statement.param(value),
    )})`,
  ];
  if (idem) {
    const row = answerRow({ ...idem, answer: { statusCode: 201, body: result } });
    parts.push(`idempotency_row as (${statement.insert('idempotency_key', [row])})`);
  }
  try {
    // Prepared once per connection on PostgreSQL: one text per shape (number of files, with
    // or without an Idempotency-Key).
    await db.executeQuery(preparedQuery(`with ${parts.join(',\n')}\nselect 1`, statement.values));
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === undefined) throw error;
    // A concurrent retry with the same key may be the one that inserted it: replay its answer.
    if (idem) {
      const answer = await findAnswer<DepositResult>(db, idem);
      if (answer) return { ...answer.body, replayed: true };
    }
    if (constraint === 'invoice_duplicate_key') {
      throw refuse(
        'DOUBLON',
        `La facture ${routing.number} de ${routing.issueDate.slice(0, 4)} a déjà été déposée par ce fournisseur.`,
        `Invoice ${routing.number} of ${routing.issueDate.slice(0, 4)} was already deposited by this supplier.`,
      );
    }
    throw error;
  }
  return { ...result, replayed: false };
}

/**
 * One statement's SQL text and values, written by hand: the deposit's write statement holds
 * some seventy values, and building it with the query builder (or sql`` fragments, each a
 * frozen node tree to compile) cost more CPU than the database spends on it.
 */
class Statement {
  readonly values: unknown[] = [];

  /** The placeholder of a new value. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** `insert into <table> (columns) values (…), (…)` for typed rows that all have the same keys. */
  insert<T extends keyof DB & string>(table: T, rows: readonly Insertable<DB[T]>[]): string {
    const columns = Object.keys(rows[0]!) as (keyof Insertable<DB[T]> & string)[];
    const values = rows.map((row) => `(${columns.map((c) => this.param(row[c])).join(', ')})`);
    return `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values ${values.join(', ')}`;
  }
}

/** The constraint a PostgreSQL unique violation (23505) names, on either driver. */
function uniqueViolation(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}

/** Original file of an invoice (metadata), for routes and the certificate. */
export async function originalOf(db: Kysely<DB>, invoiceId: string) {
  return db
    .selectFrom('invoice_file')
    .select(['id', 'name', 'media_type', 'size', 'sha256'])
    .where('invoice_id', '=', invoiceId)
    .where('kind', '=', 'ORIGINAL')
    .executeTakeFirst();
}
