/**
 * A file completely uploaded into an SFTP account's `in/` becomes a flow (decision 0014): this
 * is the transport's `onUploadComplete`, and like an HTTP route it only parses (the declared
 * syntax, from the file name), calls `depositFlow` as the signed-in API client (scopes checked
 * as for the API: `invoices:send`), and shapes a refusal (a JSON file in `out/`).
 *
 * Naming rule: the name starts with a `syntaxeFlux` code followed by `_` or `.`, e.g.
 * `IN_DP_E1_CII_16B_lot-2026-12.zip` or `IN_DP_E2_CII_FACTURX.facture-42.pdf`; the rest is free.
 * A name without a known code, or a deposit the API would refuse (syntax not integrated, empty
 * file, client without `invoices:send`), gives no flow: `<name>_REFUS.json` in `out/` says why.
 *
 * Invariants:
 * - When this resolves, the file has left `in/`: stored as a flow (its report comes to `out/`
 *   as `<numeroFluxDepot>_CR.json` and `.pdf` once integrated) or refused with a report.
 * - A technical failure (database down) throws: the transport removes the file and fails the
 *   client's command, so the client sends it again; nothing half-done stays behind (a flow row
 *   exists only once its bytes are stored, deposit-flow.ts).
 * - The same bytes again from the same client are the first flow (as with the API): no second
 *   flow, no second report.
 */
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { clientPrincipal } from '../accounts/client-principal.js';
import type { DB } from '../db/schema.js';
import type { FlowOutbox } from '../flows/deliver-flow-report.js';
import { depositFlow } from '../flows/deposit-flow.js';
import { flowSyntaxes, type FlowSyntax } from '../flows/model.js';
import { AppError } from '../lib/errors.js';
import type { SftpLogger, UploadComplete } from './types.js';

/** Longest first, so that a code that prefixes another can never shadow it. */
const codes = [...flowSyntaxes].sort((a, b) => b.length - a.length);

/** The syntax a file name declares (see the naming rule above), or undefined. */
export function syntaxOfFileName(name: string): FlowSyntax | undefined {
  return codes.find(
    (code) => name.startsWith(code) && (name[code.length] === '_' || name[code.length] === '.'),
  );
}

interface Refusal {
  code: string;
  message: { fr: string; en: string };
}

const exampleNames = 'IN_DP_E1_UBL_INVOICE_lot-42.zip, IN_DP_E2_CII_FACTURX.facture-42.pdf';

function unnamedSyntax(name: string): Refusal {
  return {
    code: 'SYNTAXE_ABSENTE',
    message: {
      fr: `Le nom du fichier « ${name} » ne commence pas par une syntaxe de flux suivie de « _ » ou « . » (${flowSyntaxes.join(', ')}) : renommez-le, par exemple ${exampleNames}, et déposez-le de nouveau.`,
      en: `The file name "${name}" does not start with a flow syntax followed by "_" or "." (${flowSyntaxes.join(', ')}): rename it, e.g. ${exampleNames}, and deposit it again.`,
    },
  };
}

/** A deposit refused by the use case, in both languages (its problem details carry the French). */
function refusalOf(error: AppError): Refusal {
  const details = error.details ?? [];
  const named = details.find((d) => d.pointer === 'refusal')?.message;
  if (named) {
    const fr = details.find((d) => d.pointer === 'syntaxeFlux')?.message ?? error.message;
    return { code: named, message: { fr, en: error.message } };
  }
  const fr: Partial<Record<string, string>> = {
    FORBIDDEN:
      'Ce client API n’a pas la permission invoices:send : demandez-la au gestionnaire de votre structure.',
    PAYLOAD_TOO_LARGE: 'Le fichier dépasse la taille maximale d’un flux.',
    VALIDATION_FAILED: 'Le fichier est refusé : il est vide ou son nom ne peut pas être gardé.',
  };
  return {
    code: error.code,
    message: { fr: fr[error.code] ?? `Le dépôt est refusé (${error.code}).`, en: error.message },
  };
}

const REFUSAL_SUFFIX = '_REFUS.json';

/** `<name>_REFUS.json`, the name cut (by characters) so the whole stays within 255 bytes. */
export function refusalFileName(name: string): string {
  let base = name;
  while (Buffer.byteLength(base + REFUSAL_SUFFIX) > 255) base = [...base].slice(0, -1).join('');
  return base + REFUSAL_SUFFIX;
}

export function sftpFlowDeposits(options: {
  db: Kysely<DB>;
  files: Parameters<typeof depositFlow>[0]['files'];
  outbox: FlowOutbox;
  logger: SftpLogger;
}): (upload: UploadComplete) => Promise<void> {
  const { db, files, outbox, logger } = options;
  const refuse = async (upload: UploadComplete, refusal: Refusal) => {
    const report = {
      fichier: upload.name,
      taille: upload.size,
      dateRefus: new Date().toISOString(),
      codeRefus: refusal.code,
      message: refusal.message,
    };
    await outbox.write(
      upload,
      refusalFileName(upload.name),
      new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`),
    );
    logger.info({ sftp: { ...upload, refusal: refusal.code } }, 'SFTP file refused: no flow');
  };

  return async (upload) => {
    const syntax = syntaxOfFileName(upload.name);
    const principal = await clientPrincipal({ db, clientId: upload.clientId });
    if (!syntax) {
      await refuse(upload, unnamedSyntax(upload.name));
    } else if (!principal || principal.structureId !== upload.structureId) {
      // Signed in a moment ago, deactivated or moved since: nothing to deposit as.
      await refuse(upload, {
        code: 'FORBIDDEN',
        message: {
          fr: 'Ce client API n’est plus actif : le fichier n’est pas déposé.',
          en: 'This API client is no longer active: the file is not deposited.',
        },
      });
    } else {
      try {
        const flow = await depositFlow({
          db,
          files,
          principal,
          syntax,
          fileName: upload.name,
          content: createReadStream(upload.path),
          channel: 'SFTP',
        });
        logger.info(
          { sftp: { ...upload, flow: flow.numeroFluxDepot, replayed: flow.replayed } },
          'SFTP file deposited as a flow',
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await refuse(upload, refusalOf(error));
      }
    }
    // Stored as a flow or refused with a report: the file leaves in/.
    await unlink(upload.path);
  };
}
