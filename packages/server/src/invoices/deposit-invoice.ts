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
import { messageFor } from '@chorale/einvoice';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { depositRefusals, deposits, type DepositChannel } from '../lib/metrics.js';
import {
  checkFramework,
  checkParties,
  checkType,
  DepositRefusal,
  refuse,
  routingOf,
  type DirectoryFactsCache,
  type Routing,
} from './deposit-checks.js';
import { readDeposit, type StoredWarning } from './deposit-read.js';
import {
  insertDeposits,
  newInvoiceJournal,
  uniqueViolation,
  type DepositRows,
} from './deposit-statements.js';
import { answerRow, findAnswer, requestHash } from './idempotency.js';
import { actorOf } from './journal.js';
import type { KeyedInvoice } from './keyed-invoice.js';
import type { InvoiceStatus } from './model.js';
import { checkAttachments, type IncomingFile } from './attachments.js';
import { fileRow, forgetInvoiceFiles, sha256Hex, storeInvoiceFiles } from './store-files.js';
import type { FileStore } from '../storage/file-store.js';
import { normalisedJson, type XmlValidator } from './validation-pool.js';

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
  /** Where the deposit came in, for the operators' counters (lib/metrics.ts); 'api' by default. */
  channel?: DepositChannel | undefined;
  /**
   * The file store the original and attachments go to (put before the deposit's transaction,
   * store-files.ts). Without one they are kept in the rows (invoice_file.content): the demo
   * seed still does.
   */
  files?: FileStore | undefined;
}

export interface DepositResult {
  id: string;
  status: InvoiceStatus;
  /** SHA-256 of the original as deposited (the canonical JSON of keyed data when no file). */
  sha256: string;
  depositedAt: string;
  warnings: StoredWarning[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const amount = (v: string | undefined): string | null => (v && DECIMAL.test(v) ? v : null);

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

/** How deposits in a row (a flow) may share work; a single deposit uses none of it. */
export interface DepositContext {
  /** Where XML is validated (validation-pool.ts); in this thread by default. */
  validator?: XmlValidator | undefined;
  /** Directory facts read shortly before for the same arguments (deposit-checks.ts). */
  factsCache?: DirectoryFactsCache | undefined;
}

/** A deposit read and checked, ready to be written (`writeDeposits`). */
export interface PreparedDeposit {
  rows: DepositRows;
  result: DepositResult;
  routing: Routing;
}

/**
 * The first phase of a deposit: read and check, in the fixed order of refusals (see the top of
 * this file), and build every row to write. Throws the refusal; writes nothing. Duplicates are
 * not checked here: the write's unique key decides them.
 */
export async function prepareDeposit(
  options: DepositOptions,
  context: DepositContext = {},
  idem?: { principal: Principal; key: string; hash: string },
): Promise<PreparedDeposit> {
  const { db, principal } = options;
  checkAttachments(options.attachments);
  const read = await readDeposit({
    db,
    invoice: options.invoice,
    keyed: options.keyed,
    validator: context.validator,
  });
  const routing = routingOf(read.model);
  const framework = checkFramework(options.metadata.framework);
  const type = checkType(routing.typeCode, options.metadata.type);
  const { supplier, recipient } = await checkParties({
    db,
    routing,
    principal,
    supplierIdentifier: options.supplierIdentifier,
    factsCache: context.factsCache,
  });
  // What is kept: the warnings, the journal's first two rows, the files, the invoice row.
  const warnings: StoredWarning[] = [
    ...(read.pdfWarnings ?? []),
    ...(read.entryWarnings ?? []),
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

  const invoiceRow: Insertable<DB['invoice']> & { id: string } = {
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
    model: read.modelJson ?? normalisedJson(read.model),
    warnings: JSON.stringify(warnings),
  };
  return {
    rows: {
      invoice: invoiceRow,
      files,
      events: journal.rows,
      idempotency: idem && answerRow({ ...idem, answer: { statusCode: 201, body: result } }),
    },
    result,
    routing,
  };
}

/** The refusal of an invoice whose duplicate key (supplier, number, year) is already taken. */
export function duplicateRefusal(routing: Routing): DepositRefusal {
  return refuse(
    'DOUBLON',
    `La facture ${routing.number} de ${routing.issueDate.slice(0, 4)} a déjà été déposée par ce fournisseur.`,
    `Invoice ${routing.number} of ${routing.issueDate.slice(0, 4)} was already deposited by this supplier.`,
  );
}

/**
 * The second phase: writes prepared deposits, in ONE statement when they all go through (a
 * flow's batch; a single deposit is a batch of one). When the statement fails on the
 * duplicate key, no row of it was written, and each deposit is written again alone, in the
 * given order: the unique key then decides, deposit by deposit, which one is the duplicate —
 * never a check before the insert. Each result is 'written' or the DOUBLON refusal; any other
 * failure is thrown (what an earlier deposit of the batch wrote alone stays written).
 *
 * With `files`, the batch's files not yet stored are put in the store first and its rows name
 * them (store-files.ts); the objects of a deposit that is not written (a DOUBLON, or any deposit
 * not yet written when a failure is thrown) are removed before returning or throwing.
 */
export async function writeDeposits(
  db: Kysely<DB>,
  deposits: readonly PreparedDeposit[],
  files?: FileStore,
): Promise<('written' | DepositRefusal)[]> {
  if (files) {
    // Rows already naming their objects (a flow puts each entry's as soon as it is checked)
    // are left as they are.
    const held = deposits.flatMap((d) => d.rows.files.filter((f) => f.storage_key == null));
    const stored = new Map(
      (await storeInvoiceFiles(files, held)).map((row) => [row.id, row] as const),
    );
    for (const d of deposits) d.rows.files = d.rows.files.map((f) => stored.get(f.id) ?? f);
  }
  const results: ('written' | DepositRefusal)[] = [];
  // Written deposits keep their objects; the others' go (a retry stores its own again). A
  // DOUBLON's statement was rolled back: its objects are no row's.
  const forgetRefused = async (files: FileStore) => {
    const refused = deposits.filter((_, i) => results[i] !== undefined && results[i] !== 'written');
    await forgetInvoiceFiles(
      files,
      refused.flatMap((d) => d.rows.files),
    );
  };
  try {
    await writeEach(db, deposits, results);
  } catch (error) {
    if (files) {
      await forgetRefused(files);
      await forgetUnlessCommitted(db, files, deposits.slice(results.length));
    }
    throw error;
  }
  if (files) await forgetRefused(files);
  return results;
}

/**
 * After a failed write whose outcome is unknown (a connection lost around COMMIT may have
 * committed it), removes the objects of the deposits whose invoice row does not exist. When
 * even that cannot be asked, nothing is removed: `chorale storage sweep` removes the objects
 * no row names, and never one a committed row names.
 */
async function forgetUnlessCommitted(
  db: Kysely<DB>,
  files: FileStore,
  deposits: readonly PreparedDeposit[],
): Promise<void> {
  if (deposits.length === 0) return;
  let committed: Set<string>;
  try {
    const rows = await db
      .selectFrom('invoice')
      .select('id')
      .where(
        'id',
        'in',
        deposits.map((d) => d.result.id),
      )
      .execute();
    committed = new Set(rows.map((r) => r.id));
  } catch {
    return;
  }
  await forgetInvoiceFiles(
    files,
    deposits.filter((d) => !committed.has(d.result.id)).flatMap((d) => d.rows.files),
  );
}

/** writeDeposits without the store: fills `results` as deposits are decided. */
async function writeEach(
  db: Kysely<DB>,
  deposits: readonly PreparedDeposit[],
  results: ('written' | DepositRefusal)[],
): Promise<void> {
  try {
    await insertDeposits(
      db,
      deposits.map((d) => d.rows),
    );
    results.push(...deposits.map(() => 'written' as const));
    return;
  } catch (error) {
    if (uniqueViolation(error) !== 'invoice_duplicate_key') throw error;
    if (deposits.length === 1) {
      results.push(duplicateRefusal(deposits[0]!.routing));
      return;
    }
  }
  for (const deposit of deposits) {
    try {
      await insertDeposits(db, [deposit.rows]);
      results.push('written');
    } catch (error) {
      if (uniqueViolation(error) !== 'invoice_duplicate_key') throw error;
      results.push(duplicateRefusal(deposit.routing));
    }
  }
}

export async function depositInvoice(
  options: DepositOptions,
  context: DepositContext = {},
): Promise<DepositResult & { replayed: boolean }> {
  const channel = options.channel ?? 'api';
  try {
    const result = await depositOnce(options, context);
    if (!result.replayed) deposits.inc({ channel });
    return result;
  } catch (error) {
    if (error instanceof DepositRefusal) depositRefusals.inc({ channel, code: error.refusal });
    throw error;
  }
}

async function depositOnce(
  options: DepositOptions,
  context: DepositContext,
): Promise<DepositResult & { replayed: boolean }> {
  const { db, principal } = options;
  // A retry with the same Idempotency-Key and the same request gets the first answer back.
  const idem = options.idempotencyKey
    ? { principal, key: options.idempotencyKey, hash: hashOfRequest(options) }
    : undefined;
  if (idem) {
    const answer = await findAnswer<DepositResult>(db, idem);
    if (answer) return { ...answer.body, replayed: true };
  }
  const prepared = await prepareDeposit(options, context, idem);
  const { files } = options;
  // The objects first, then the rows that name them (store-files.ts).
  if (files) prepared.rows.files = await storeInvoiceFiles(files, prepared.rows.files);
  // Write it all at once; the unique keys decide duplicates and racing retries.
  try {
    await insertDeposits(db, [prepared.rows]);
  } catch (error) {
    const constraint = uniqueViolation(error);
    // A unique violation rolled the statement back; any other failure may hide a commit.
    if (files && constraint !== undefined) await forgetInvoiceFiles(files, prepared.rows.files);
    else if (files) await forgetUnlessCommitted(db, files, [prepared]);
    if (constraint === undefined) throw error;
    // A concurrent retry with the same key may be the one that inserted it: replay its answer.
    if (idem) {
      const answer = await findAnswer<DepositResult>(db, idem);
      if (answer) return { ...answer.body, replayed: true };
    }
    if (constraint === 'invoice_duplicate_key') throw duplicateRefusal(prepared.routing);
    throw error;
  }
  return { ...prepared.result, replayed: false };
}
