/**
 * factures/v1/soumettre: the body mapped to a keyed invoice (soumettre-keyed.ts), its files
 * taken from the caller's uploads (ajouter/fichier), then the native deposit — the one that
 * judges everything. The supplier is the caller's structure as the directory knows it.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { depositInvoice, type DepositResult } from '../invoices/deposit-invoice.js';
import { KeyedInvoiceSchema } from '../invoices/keyed-invoice.js';
import { AppError } from '../lib/errors.js';
import { takeUploads } from './add-upload.js';
import { keyedFromSoumettre, type Soumettre } from './soumettre-keyed.js';
import type { FileStore } from '../storage/file-store.js';

const ids = (values: (number | null | undefined)[]) =>
  values.filter((id): id is number => typeof id === 'number' && id > 0);

export async function submitInvoice(options: {
  db: Kysely<DB>;
  principal: Extract<Principal, { kind: 'client' }>;
  body: Soumettre;
  /** Where the uploads are read from and the invoice's files go (depositInvoice's `files`). */
  files: FileStore;
}): Promise<DepositResult & { cproId: number; number: string; supplierIdentifier: string }> {
  const { db, principal, body } = options;
  const supplier = await db
    .selectFrom('structure')
    .select(['identifier', 'name', 'address_line1', 'postal_code', 'town', 'country_code'])
    .where('id', '=', principal.structureId)
    .executeTakeFirstOrThrow();
  const parsed = KeyedInvoiceSchema.safeParse(
    keyedFromSoumettre(body, {
      identifier: supplier.identifier,
      name: supplier.name,
      line1: supplier.address_line1,
      postCode: supplier.postal_code,
      town: supplier.town,
      countryCode: supplier.country_code,
    }),
  );
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The invoice data is incomplete or invalid', {
      details: parsed.error.issues.map((i) => ({
        pointer: i.path.map(String).join('.'),
        message: i.message,
      })),
    });
  }
  const mainIds = ids((body.pieceJointePrincipale ?? []).map((p) => p.pieceJointePrincipaleId));
  if (body.modeDepot === 'DEPOT_PDF_API' && mainIds.length !== 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      'DEPOT_PDF_API needs exactly one pieceJointePrincipale (the PDF sent with ajouter/fichier)',
      { details: [{ pointer: 'pieceJointePrincipale', message: 'one PDF' }] },
    );
  }
  const [invoiceFile] = await takeUploads({ db, files: options.files, principal, ids: mainIds });
  const attachments = await takeUploads({
    db,
    files: options.files,
    principal,
    ids: ids((body.pieceJointeComplementaire ?? []).map((p) => p.pieceJointeComplementaireId)),
  });
  const result = await depositInvoice({
    db,
    principal,
    invoice: body.modeDepot === 'DEPOT_PDF_API' ? invoiceFile : undefined,
    keyed: parsed.data,
    attachments,
    metadata: {
      framework: body.cadreDeFacturation.codeCadreFacturation,
      type: parsed.data.type,
    },
    channel: 'cpro',
    files: options.files,
  });
  const row = await db
    .selectFrom('invoice')
    .select(['cpro_id', 'number'])
    .where('id', '=', result.id)
    .executeTakeFirstOrThrow();
  return {
    ...result,
    cproId: Number(row.cpro_id),
    number: row.number,
    supplierIdentifier: supplier.identifier,
  };
}
