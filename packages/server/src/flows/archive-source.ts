/**
 * The archive reader (src/flows/archive/, decision 0013) as the integration's entry source
 * (`FlowEntrySource`, entries.ts): zip and tar.gz flows are read from the file store's local
 * path, one entry at a time, and a `FlowArchiveError` is the flow's refusal, with its code and
 * French and English reason.
 *
 * Invariant: a flow refused as a whole integrates nothing. The reader may throw a whole-archive
 * refusal after it has yielded entries (a tar.gz is a stream, an archive's inflated total or a
 * bomb only shows at its end), while the integration deposits entries as they come. So the
 * source reads the archive to its end once — bytes dropped as they come, memory bounded as in
 * any read — before it yields the first entry: a refusal is thrown before anything is
 * deposited. Its cost: a zip's central directory and local headers are read again, but its
 * small entries (all typical invoices) are not inflated — the scan counts their declared sizes
 * against the archive limit (`scan`, archive/types.ts), an upper bound of what the reading
 * counts; a tar.gz is inflated twice (a stream has no directory). A run after a crash or a
 * continuation scans again: the reader is deterministic, the answer is the same. If the
 * second reading ever refused what the first accepted (a different reader after an upgrade),
 * the integration records the refusal as the flow's error and entries already integrated
 * stay integrated and listed in the report.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FlowArchiveError, readFlowEntries, type FlowEntry } from './archive/index.js';
import type { FlowEntryItem, FlowEntrySource, FlowRefusalReason } from './entries.js';
import type { FileStore } from '../storage/file-store.js';

/** The file's local path: the store's own, or a temporary copy (released after reading). */
async function localPathOf(
  files: FileStore,
  key: string,
): Promise<{ path: string; release: () => Promise<void> }> {
  if (files.path) return { path: files.path(key), release: async () => undefined };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chorale-flow-'));
  const copy = path.join(dir, 'archive');
  const release = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(files.open(key), createWriteStream(copy, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await release();
    throw error;
  }
  return { path: copy, release };
}

function itemOf(entry: FlowEntry): FlowEntryItem {
  const { index, name } = entry;
  if (entry.refusal) {
    const { code, message } = entry.refusal;
    return { index, name, refusal: { code, message: { fr: message.fr, en: message.en } } };
  }
  return { index, name, bytes: entry.bytes, kind: entry.kind };
}

/** The real archive reader behind the integration's seam; `limits` lowered by tests only. */
export function archiveEntrySource(
  options: { limits?: Parameters<typeof readFlowEntries>[0]['limits'] } = {},
): FlowEntrySource {
  return {
    read({ files, key, container }) {
      return (async function* () {
        // The reader seeks in a zip and streams a tar.gz from disk: it needs a local path. An
        // object store has none: the archive is copied to a private temporary file, removed
        // once read (decision 0020).
        const local = await localPathOf(files, key);
        try {
          const read = (scan: boolean) =>
            readFlowEntries({ path: local.path, container, limits: options.limits, scan });
          // Validation pass: the whole container, entries dropped (see the invariant above).
          for await (const _entry of read(true));
          for await (const entry of read(false)) yield itemOf(entry);
        } finally {
          await local.release();
        }
      })();
    },
    refusalOf(error: unknown): FlowRefusalReason | undefined {
      if (!(error instanceof FlowArchiveError)) return undefined;
      return { code: error.code, message: { fr: error.localized.fr, en: error.localized.en } };
    },
  };
}
