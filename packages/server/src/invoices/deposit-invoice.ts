/**
 * Depositing one invoice: read it (UBL, CII, Factur-X, plain PDF + keyed data, keyed data
 * alone), validate it against EN 16931, route it (supplier, public recipient, service,
 * commitment), refuse with a stable code what cannot go through, and otherwise write
 * everything in ONE transaction: the invoice row, the original bytes with their SHA-256, the
 * attachments, the journal (DEPOSITED, MADE_AVAILABLE), the job telling the recipient, and the
 * Idempotency-Key answer. A crash leaves either all of it or none of it.
 *
 * Checks run in a fixed order (attachments, format and EN 16931 rules, framework, type,
 * supplier and right, recipient, service, commitment, duplicate) so a given request always
 * gets the same refusal.
 */
import type { Kysely } from 'kysely';
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
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { enqueue } from '../jobs/queue.js';
import { appendJournal, type Actor } from './journal.js';
import {
  checkDepositRight,
  checkFramework,
  checkRecipient,
  checkType,
  findSupplier,
  refuse,
  routingOf,
} from './deposit-checks.js';
import { findAnswer, requestHash, saveAnswer } from './idempotency.js';
import { keyedToModel, type KeyedInvoice } from './keyed-invoice.js';
import type { DepositFormat, InvoiceStatus } from './model.js';
import { checkAttachments, sha256Hex, storeFile, type IncomingFile } from './store-files.js';

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
    );
  }
  return report;
}

/** The model as stored: plain data, without the XML locations readers attach. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$') || v === undefined) continue;
      out[k] = normalised(v);
    }
    return out;
  }
  return value;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const amount = (v: string | undefined): string | null => (v && DECIMAL.test(v) ? v : null);

function actorOf(principal: Principal): Actor {
  return principal.kind === 'user'
    ? { kind: 'USER', userId: principal.userId }
    : { kind: 'CLIENT', clientId: principal.clientId };
}

function hashOfRequest(options: DepositOptions): string {
  const file = (f: IncomingFile) => ({
    sha256: sha256Hex(f.bytes),
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
  // Supplier and recipient are looked up together (fewer round trips in a row), but refused in
  // the fixed order: without the right on the supplier, nothing is said about the recipient.
  const [supplierCheck, recipientCheck] = await Promise.allSettled([
    findSupplier({ db, routing, principal, supplierIdentifier: options.supplierIdentifier }).then(
      async (found) => {
        await checkDepositRight({ db, principal, supplier: found });
        return found;
      },
    ),
    checkRecipient({ db, routing }),
  ]);
  if (supplierCheck.status === 'rejected') throw supplierCheck.reason;
  if (recipientCheck.status === 'rejected') throw recipientCheck.reason;
  const supplier = supplierCheck.value;
  const recipient = recipientCheck.value;

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
  const originalSha = sha256Hex(read.original.bytes);
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
  const actor = actorOf(principal);

  const outcome = await db
    .transaction()
    .execute(async (trx) => {
      const inserted = await trx
        .insertInto('invoice')
        .values({
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
          // Written in its final state: the journal below records both steps (DEPOSEE, then
          // MISE_A_DISPOSITION), and no one can see the row between them inside the transaction.
          status: 'MISE_A_DISPOSITION',
          made_available_at: depositedAt,
          journal_head: '',
          journal_length: 0,
          deposited_by_user_id: principal.kind === 'user' ? principal.userId : null,
          deposited_by_client_id: principal.kind === 'client' ? principal.clientId : null,
          deposited_at: depositedAt,
          model: JSON.stringify(normalised(read.model)),
          warnings: JSON.stringify(warnings),
        })
        // The unique key decides duplicates, so two concurrent deposits of one invoice cannot
        // both pass: the second waits for the first and then inserts nothing.
        .onConflict((oc) => oc.constraint('invoice_duplicate_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        // A concurrent retry with the same key may be the one that inserted it.
        if (idem) {
          const answer = await findAnswer<DepositResult>(trx, idem);
          if (answer) return { replay: answer.body };
        }
        throw refuse(
          'DOUBLON',
          `La facture ${routing.number} de ${routing.issueDate.slice(0, 4)} a déjà été déposée par ce fournisseur.`,
          `Invoice ${routing.number} of ${routing.issueDate.slice(0, 4)} was already deposited by this supplier.`,
        );
      }
      await storeFile(trx, {
        ...read.original,
        invoiceId: id,
        kind: 'ORIGINAL',
        sha256: originalSha,
      });
      for (const a of options.attachments) {
        await storeFile(trx, { ...a, invoiceId: id, kind: 'ATTACHMENT' });
      }
      await appendJournal(trx, {
        invoiceId: id,
        event: 'DEPOSITED',
        actor,
        fromStatus: null,
        toStatus: 'DEPOSEE',
        at: depositedAt,
        data: { format: read.format, sha256: originalSha, framework },
      });
      // Routing is synchronous: the invoice is made available to the recipient at once.
      await appendJournal(trx, {
        invoiceId: id,
        event: 'MADE_AVAILABLE',
        actor: { kind: 'SYSTEM' },
        fromStatus: 'DEPOSEE',
        toStatus: 'MISE_A_DISPOSITION',
        at: depositedAt,
        data: {
          recipientStructureId: recipient.structure.id,
          recipientServiceId: recipient.service?.id ?? null,
        },
      });
      await enqueue(trx, 'notify-invoice-available', { v: 1, invoiceId: id }, { singletonKey: id });
      if (
        idem &&
        !(await saveAnswer(trx, { ...idem, answer: { statusCode: 201, body: result } }))
      ) {
        // Same key, other request in flight that committed first: undo ours, replay theirs.
        throw new ReplayInstead();
      }
      return { replay: undefined };
    })
    .catch(async (error: unknown) => {
      if (error instanceof ReplayInstead && idem) {
        const answer = await findAnswer<DepositResult>(db, idem);
        if (answer) return { replay: answer.body };
      }
      throw error;
    });
  if (outcome.replay) return { ...outcome.replay, replayed: true };
  return { ...result, replayed: false };
}

/** Rolls the transaction back when another request with the same key won the race. */
class ReplayInstead extends Error {}

/** Original file of an invoice (metadata), for routes and the certificate. */
export async function originalOf(db: Kysely<DB>, invoiceId: string) {
  return db
    .selectFrom('invoice_file')
    .select(['id', 'name', 'media_type', 'size', 'sha256'])
    .where('invoice_id', '=', invoiceId)
    .where('kind', '=', 'ORIGINAL')
    .executeTakeFirst();
}
