/**
 * Depositing an inbound flow: the file goes to the file store as it arrives (never whole in
 * memory), then ONE transaction writes the flow in state IN_RECU, the `integrate-flow` job and
 * the Idempotency-Key answer. The deposit answers at once; integration is the job's work.
 *
 * Invariants:
 * - A flow row exists only once its bytes are stored (key, size, SHA-256 in the row); a put
 *   that fails stores nothing, and bytes stored for a deposit that then fails are removed.
 * - The same bytes from the same depositor give back the first flow (unique index on
 *   depositor and SHA-256; a racing twin finds the winner's row).
 * - With an Idempotency-Key, a retry gets the first answer; the key with another request is 409.
 */
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { checkFramework } from '../invoices/deposit-checks.js';
import { answerRow, findAnswer, requestHash } from '../invoices/idempotency.js';
import { enqueue } from '../jobs/queue.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { FileStore } from '../storage/file-store.js';
import { flowStructureFor } from './flow-access.js';
import {
  isStatusSyntax,
  isSupportedSyntax,
  MAX_FLOW_BYTES,
  unsupportedSyntaxReason,
  type FlowChannel,
  type FlowState,
  type FlowSyntax,
} from './model.js';

export interface DepositFlowOptions {
  db: Kysely<DB>;
  files: FileStore;
  principal: Principal;
  /** The supplier structure (SIRET) the flow is deposited for; see flowStructureFor. */
  structureIdentifier?: string | undefined;
  /** syntaxeFlux as declared: each entry must be of that syntax. */
  syntax: FlowSyntax;
  /** nomFichier: the file's name as the depositor knows it. */
  fileName: string;
  /** Billing framework given to every invoice of the flow (A1 by default). */
  framework?: string | undefined;
  /** The bytes, streamed (HTTP body, SFTP upload) or at hand. */
  content: Readable | Uint8Array;
  idempotencyKey?: string | undefined;
  /** Largest flow accepted; MAX_FLOW_BYTES (1 GB) by default. */
  maxBytes?: number;
  /** How the flow came; 'API' by default. An SFTP flow's report is delivered to out/. */
  channel?: FlowChannel;
}

export interface DepositFlowResult {
  id: string;
  numeroFluxDepot: string;
  etat: FlowState;
  /** ISO 8601. */
  dateDepot: string;
}

/** A name kept and shown back (reports, Content-Disposition): no control characters nor paths. */
export function checkFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || [...name].length > 255 || /[\u0000-\u001f\u007f/\\]/.test(name)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'nomFichier must be 1 to 255 characters, without control characters or path separators',
      {
        details: [{ pointer: 'nomFichier', message: 'invalid file name' }],
        fr: 'nomFichier doit compter de 1 à 255 caractères, sans caractère de contrôle ni séparateur de chemin',
      },
    );
  }
  return name;
}

/** The syntax, refused with its reason when the service defines it but Chorale does not take it. */
export function checkSyntax(syntax: FlowSyntax): FlowSyntax {
  if (!isSupportedSyntax(syntax) && !isStatusSyntax(syntax)) {
    const reason = unsupportedSyntaxReason(syntax);
    throw new AppError('VALIDATION_FAILED', reason.en, {
      details: [
        { pointer: 'refusal', message: 'SYNTAXE_NON_SUPPORTEE' },
        { pointer: 'syntaxeFlux', message: reason.fr },
      ],
      fr: reason.fr,
    });
  }
  return syntax;
}

/** numeroFluxDepot of a new flow (inbound or outbound): FLX + year + 12 digits of a sequence. */
export const flowNumber = sql<string>`'FLX' || to_char(now(), 'YYYY') || lpad(nextval('flow_number_seq')::text, 12, '0')`;

function depositorOf(principal: Principal) {
  return principal.kind === 'user'
    ? { depositor_user_id: principal.userId, depositor_client_id: null }
    : { depositor_user_id: null, depositor_client_id: principal.clientId };
}

async function existingFlow(
  db: Kysely<DB>,
  principal: Principal,
  sha256: string,
): Promise<DepositFlowResult | undefined> {
  const row = await db
    .selectFrom('flow')
    .select(['id', 'number', 'state', 'received_at'])
    .where(
      principal.kind === 'user' ? 'depositor_user_id' : 'depositor_client_id',
      '=',
      principal.kind === 'user' ? principal.userId : principal.clientId,
    )
    .where('sha256', '=', sha256)
    .where('direction', '=', 'IN')
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        numeroFluxDepot: row.number,
        etat: row.state as FlowState,
        dateDepot: row.received_at.toISOString(),
      }
    : undefined;
}

export async function depositFlow(
  options: DepositFlowOptions,
): Promise<DepositFlowResult & { replayed: boolean }> {
  const { db, files, principal } = options;
  const syntax = checkSyntax(options.syntax);
  const fileName = checkFileName(options.fileName);
  const framework = checkFramework(options.framework ?? 'A1_FACTURE_FOURNISSEUR');
  const structure = await flowStructureFor({
    db,
    principal,
    identifier: options.structureIdentifier,
    // A status file is the recipient's: deposited for the structure that received the invoices.
    purpose: isStatusSyntax(syntax) ? 'status' : 'deposit',
  });

  const id = newId('flow');
  const now = new Date();
  const key = `flows/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
  const stored = await files.put(key, options.content, {
    maxBytes: options.maxBytes ?? MAX_FLOW_BYTES,
  });
  let keep = false;
  try {
    if (stored.size === 0)
      throw new AppError('VALIDATION_FAILED', 'The flow file is empty', {
        fr: 'Le fichier du flux est vide',
      });
    const idem = options.idempotencyKey
      ? {
          principal,
          key: options.idempotencyKey,
          hash: requestHash({
            sha256: stored.sha256,
            fileName,
            syntax,
            framework,
            structure: structure.id,
          }),
        }
      : undefined;
    if (idem) {
      const answer = await findAnswer<DepositFlowResult>(db, idem);
      if (answer) return { ...answer.body, replayed: true };
    }
    const first = await existingFlow(db, principal, stored.sha256);
    if (first) return { ...first, replayed: true };

    const write = db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('flow')
        .values({
          id,
          number: flowNumber,
          direction: 'IN',
          structure_id: structure.id,
          ...depositorOf(principal),
          syntax,
          framework,
          file_name: fileName,
          size: stored.size,
          sha256: stored.sha256,
          storage_key: key,
          state: 'IN_RECU',
          received_at: now,
          channel: options.channel ?? 'API',
        })
        // The same bytes racing from the same depositor: one row wins, the other finds it.
        .onConflict((oc) => oc.doNothing())
        .returning(['number'])
        .executeTakeFirst();
      if (!row) return undefined;
      const answer: DepositFlowResult = {
        id,
        numeroFluxDepot: row.number,
        etat: 'IN_RECU',
        dateDepot: now.toISOString(),
      };
      await enqueue(
        trx,
        'integrate-flow',
        { v: 1, flowId: id, part: 0 },
        { singletonKey: `${id}:0` },
      );
      if (idem) {
        await trx
          .insertInto('idempotency_key')
          .values(answerRow({ ...idem, answer: { statusCode: 202, body: answer } }))
          .execute();
      }
      return answer;
    });
    let result: DepositFlowResult | undefined;
    try {
      result = await write;
    } catch (error) {
      // A concurrent retry with the same Idempotency-Key committed first: replay its answer.
      const racing = idem && (error as { code?: unknown }).code === '23505';
      const answer = racing ? await findAnswer<DepositFlowResult>(db, idem) : undefined;
      if (!answer) throw error;
      return { ...answer.body, replayed: true };
    }
    if (!result) {
      const winner = await existingFlow(db, principal, stored.sha256);
      if (!winner) throw new Error('flow insert conflicted but no flow has these bytes');
      return { ...winner, replayed: true };
    }
    keep = true;
    return { ...result, replayed: false };
  } finally {
    // Bytes no flow row names are removed: a replay, a twin, a refusal or a failed write.
    if (!keep) await files.remove(key);
  }
}
