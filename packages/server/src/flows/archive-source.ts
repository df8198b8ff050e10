/**
 * The archive reader (src/flows/archive/) behind the integration's `FlowEntrySource` seam: the
 * stored flow file is read from its local path, one entry at a time, and a `FlowArchiveError`
 * (the whole flow refused) becomes the flow's refusal reason. Needs a store with local paths
 * (`FileStore.path`); without one, reading throws a technical error (the run is retried).
 */
import { FlowArchiveError, readFlowEntries } from './archive/index.js';
import type { FlowEntryItem, FlowEntrySource } from './entries.js';

export const archiveEntrySource: FlowEntrySource = {
  async *read({ files, key, container }): AsyncIterable<FlowEntryItem> {
    if (!files.path) throw new Error('the archive reader needs a file store with local paths');
    for await (const entry of readFlowEntries({ path: files.path(key), container })) {
      yield entry.refusal
        ? { index: entry.index, name: entry.name, refusal: entry.refusal }
        : { index: entry.index, name: entry.name, bytes: entry.bytes, kind: entry.kind };
    }
  },
  refusalOf(error) {
    return error instanceof FlowArchiveError
      ? { code: error.code, message: error.localized }
      : undefined;
  },
};
