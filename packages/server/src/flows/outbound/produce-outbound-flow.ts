/**
 * Job `produce-outbound-flow`: an invoice made available to a recipient that receives by flow
 * becomes an outbound flow (direction OUT, state OUT_A_RECUPERER) holding the invoice in the
 * form the recipient asked for (convert.ts) and, when asked, its PDF rendering; both files go
 * to the file store, then into the SFTP `out/` folder of each of the recipient structure's API
 * clients that registered an SFTP key.
 *
 * The job is enqueued by the `notify-invoice-available` handler (jobs/notify.ts), which runs
 * once per move to MISE_A_DISPOSITION whatever made it (deposit, flow, recycling): one source of
 * truth for "made available", and a durable job that is retried until it succeeds.
 *
 * Invariants:
 * - One outbound flow per (invoice, recipient structure): unique index, insert on conflict do
 *   nothing; a retry finds the flow and only (re)delivers it. Files stored for a losing insert
 *   are removed.
 * - A flow row exists only once its files are stored (as for inbound flows).
 * - SFTP delivery writes under a dot-name (hidden from listings) then renames: a client never
 *   sees a partial file. Re-delivery rewrites the same bytes; a flow already picked up is not
 *   delivered again.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { renderPdf, type Invoice } from '@chorale/einvoice';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { effectiveReception } from '../../directory/reception.js';
import { newId } from '../../lib/ids.js';
import type { FileStore } from '../../storage/file-store.js';
import { flowNumber } from '../deposit-flow.js';
import { invoiceFileBytes } from '../../invoices/store-files.js';
import { convertForRecipient } from './convert.js';

export interface ProduceOutboundOptions {
  db: Kysely<DB>;
  files: FileStore;
  invoiceId: string;
  /** The recipient structure the invoice was made available to (the job's payload). */
  structureId: string;
  /** SFTP accounts' root (SFTP_ROOT); without it, flows are only offered over HTTP. */
  sftpRoot?: string | undefined;
}

export type ProduceOutcome = 'produced' | 'existing' | 'not-by-flow' | 'not-recipient';

/** The files of an outbound flow: the invoice, and the rendering when there is one. */
export function outboundFileNames(flow: {
  file_name: string;
  rendering_key: string | null;
  invoice_id: string | null;
}): string[] {
  return flow.rendering_key ? [flow.file_name, `${flow.invoice_id}.pdf`] : [flow.file_name];
}

export async function produceOutboundFlow(
  options: ProduceOutboundOptions,
): Promise<{ outcome: ProduceOutcome; flowId?: string }> {
  const { db, files, invoiceId, structureId } = options;
  const invoice = await db
    .selectFrom('invoice')
    .select([
      'id',
      'framework',
      'recipient_structure_id',
      'recipient_service_id',
      'model',
      'deposited_at',
    ])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  // Recycled to another recipient before this job ran: that one has a job of its own.
  if (invoice.recipient_structure_id !== structureId) return { outcome: 'not-recipient' };

  let flow = await findOutbound(db, invoiceId, structureId);
  if (flow) {
    await deliver(options, flow);
    return { outcome: 'existing', flowId: flow.id };
  }
  const reception = await effectiveReception(db, structureId, invoice.recipient_service_id);
  if (!reception.byFlow) return { outcome: 'not-by-flow' };

  const original = await db
    .selectFrom('invoice_file')
    .select(['content', 'storage_key', 'size', 'sha256', 'media_type'])
    .where('invoice_id', '=', invoiceId)
    .where('kind', '=', 'ORIGINAL')
    .executeTakeFirstOrThrow();
  const converted = await convertForRecipient({
    original: await invoiceFileBytes(files, original),
    mediaType: original.media_type,
    format: reception.format,
    date: invoice.deposited_at,
  });
  const id = newId('flow');
  const at = invoice.deposited_at;
  const folder = `outbound/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
  const name = `${invoiceId}.${converted.extension}`;
  const key = `${folder}/${name}`;
  const stored = await files.put(key, converted.bytes);
  // A PDF form (Factur-X, or a PDF original) is its own rendering: no second PDF of the same name.
  const model = invoice.model as Invoice | null;
  const withRendering = reception.withRendering && converted.extension === 'xml' && model !== null;
  let rendering: { key: string; size: number; sha256: string } | undefined;
  let inserted = false;
  try {
    if (withRendering) {
      const pdf = await renderPdf(model, { lang: 'fr', date: invoice.deposited_at });
      const renderingKey = `${folder}/${invoiceId}.pdf`;
      rendering = { key: renderingKey, ...(await files.put(renderingKey, pdf)) };
    }
    const row = await db
      .insertInto('flow')
      .values({
        id,
        number: flowNumber,
        direction: 'OUT',
        structure_id: structureId,
        depositor_user_id: null,
        depositor_client_id: null,
        syntax: `OUT_${converted.form}`,
        framework: invoice.framework,
        file_name: name,
        size: stored.size,
        sha256: stored.sha256,
        storage_key: key,
        state: 'OUT_A_RECUPERER',
        invoice_id: invoiceId,
        out_format: reception.format,
        fallback: converted.fallback ? JSON.stringify(converted.fallback) : null,
        rendering_key: rendering?.key ?? null,
        rendering_size: rendering?.size ?? null,
        rendering_sha256: rendering?.sha256 ?? null,
        finished_at: new Date(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    inserted = row !== undefined;
  } finally {
    if (!inserted) {
      await files.remove(key);
      if (rendering) await files.remove(rendering.key);
    }
  }
  flow = await findOutbound(db, invoiceId, structureId);
  if (!flow) throw new Error(`outbound flow of ${invoiceId} neither inserted nor found`);
  await deliver(options, flow);
  return { outcome: inserted ? 'produced' : 'existing', flowId: flow.id };
}

type OutboundRow = NonNullable<Awaited<ReturnType<typeof findOutbound>>>;

function findOutbound(db: Kysely<DB>, invoiceId: string, structureId: string) {
  return db
    .selectFrom('flow')
    .select(['id', 'file_name', 'storage_key', 'rendering_key', 'invoice_id', 'picked_up_at'])
    .where('direction', '=', 'OUT')
    .where('invoice_id', '=', invoiceId)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
}

/**
 * The out/ folder of an SFTP account, created when missing. The layout is the SFTP transport's
 * (`${root}/<structureId>/<clientId>/out`, src/sftp/jail.ts), which a use case may not import;
 * ids are our own prefixed ids, never client input. A folder that is not a plain folder (a
 * symbolic link) is an error: files must stay under the root.
 */
async function outFolder(root: string, structureId: string, clientId: string): Promise<string> {
  const out = path.join(path.resolve(root), structureId, clientId, 'out');
  await mkdir(out, { recursive: true, mode: 0o700 });
  if (!(await lstat(out)).isDirectory()) throw new Error(`${out} is not a plain folder`);
  return out;
}

/** Copies the flow's files into out/ of every SFTP-enabled API client of the recipient. */
async function deliver(options: ProduceOutboundOptions, flow: OutboundRow): Promise<void> {
  const { db, files, sftpRoot, structureId } = options;
  if (!sftpRoot || flow.picked_up_at !== null) return;
  const clients = await db
    .selectFrom('api_client')
    .select('id')
    .where('structure_id', '=', structureId)
    .where('active', '=', true)
    .where('sftp_public_key', 'is not', null)
    .execute();
  const sources: [string, string][] = [[flow.file_name, flow.storage_key]];
  if (flow.rendering_key) sources.push([`${flow.invoice_id}.pdf`, flow.rendering_key]);
  for (const client of clients) {
    const out = await outFolder(sftpRoot, structureId, client.id);
    for (const [name, key] of sources) {
      const temp = path.join(out, `.chorale-out-${randomBytes(8).toString('hex')}`);
      try {
        await pipeline(files.open(key), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
        await rename(temp, path.join(out, name));
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    }
  }
}
