import type { Kysely } from 'kysely';
import { FlowArchiveError, readFlowEntries } from '../../../server/src/flows/archive/index.js';
import type { FlowEntrySource } from '../../../server/src/flows/entries.js';
import { integrateFlow } from '../../../server/src/flows/integrate-flow.js';
import type { DB } from '../../../server/src/db/schema.js';
import { localFileStore } from '../../../server/src/storage/local-file-store.js';
import type { TestApp } from '../../../server/test/support/app.js';

export { yazlZip } from '../../../server/test/flows/archive-support.js';

/**
 * The archive reader (src/flows/archive/) as the integration takes it (FlowEntrySource). The
 * server does not plug it into its worker on this branch yet, so the browser test plugs it in
 * itself: the pages then show what a real zip's report holds. Once the server exports its own
 * adapter, this one goes and the test takes the server's.
 */
const archiveReader: FlowEntrySource = {
  async *read({ files, key, container }) {
    if (!files.path) throw new Error('the archive reader needs a local file store');
    for await (const entry of readFlowEntries({ path: files.path(key), container })) {
      yield entry.refusal
        ? { index: entry.index, name: entry.name, refusal: entry.refusal }
        : { index: entry.index, name: entry.name, bytes: entry.bytes, kind: entry.kind };
    }
  },
  refusalOf: (error) =>
    error instanceof FlowArchiveError ? { code: error.code, message: error.localized } : undefined,
};

/**
 * Runs the integration of a flow now, as the server's job worker does in production (the test
 * app starts no worker, so the test decides when the state moves and can watch the page
 * follow). Returns the state it ended in.
 */
export async function integrateNow(t: TestApp, flowId: string): Promise<string> {
  for (let part = 0; ; part++) {
    const result = await integrateFlow({
      db: t.database.db,
      files: localFileStore(t.config.filesDir),
      flowId,
      part,
      archives: archiveReader,
    });
    // A long flow goes on in continuation jobs; these are small, but follow them anyway.
    if (result.outcome === 'final' || part > 20) return result.state;
  }
}

/** The flow's row as the database holds it (by its number, as the page shows it). */
export function flowRow(db: Kysely<DB>, number: string) {
  return db
    .selectFrom('flow')
    .select([
      'id',
      'state',
      'file_name',
      'syntax',
      'entry_count',
      'accepted_count',
      'refused_count',
    ])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

/** The invoices carrying these numbers (whichever exist). */
export function invoicesNumbered(db: Kysely<DB>, numbers: string[]) {
  return db
    .selectFrom('invoice')
    .select(['id', 'number', 'status'])
    .where('number', 'in', numbers)
    .orderBy('number')
    .execute();
}
