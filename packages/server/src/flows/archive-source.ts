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
import { FlowArchiveError, readFlowEntries, type FlowEntry } from './archive/index.js';
import type { FlowEntryItem, FlowEntrySource, FlowRefusalReason } from './entries.js';

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
      // The reader seeks in a zip and streams a tar.gz from disk: it needs the file's path.
      if (!files.path) throw new Error('reading archive flows needs a file store with local paths');
      const path = files.path(key);
      const read = (scan: boolean) =>
        readFlowEntries({ path, container, limits: options.limits, scan });
      return (async function* () {
        // Validation pass: the whole container, entries dropped (see the invariant above).
        for await (const _entry of read(true));
        for await (const entry of read(false)) yield itemOf(entry);
      })();
    },
    refusalOf(error: unknown): FlowRefusalReason | undefined {
      if (!(error instanceof FlowArchiveError)) return undefined;
      return { code: error.code, message: { fr: error.localized.fr, en: error.localized.en } };
    },
  };
}
