/**
 * The archive reader of the concentrator's inbound flows: a flow file already stored on disk
 * (one invoice, or a zip / tar.gz of many) is read one entry at a time, in bounded memory,
 * and every entry comes out either as invoice bytes (XML or PDF, by content) or as a refusal
 * with a stable code and a French and English reason. Pure: no database, no HTTP.
 *
 * Invariants:
 * - Memory: one entry's bytes at a time, at most `maxEntryBytes` (plus one read chunk); the
 *   flow is streamed from disk (zip by random access, tar.gz through gunzip).
 * - Nothing an archive declares is trusted: limits are enforced on inflated bytes as they come.
 * - Every malformed input ends as an entry refusal or a thrown FlowArchiveError; the only other
 *   throws are the abort signal's reason and I/O errors on the flow file itself (missing file).
 * - A FlowArchiveError can come after entries were yielded (a tar.gz is a stream; a zip's bomb
 *   may only show at its last entry): a caller commits nothing until the generator is done.
 *
 * See docs/decisions/0013-flow-archives.md.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ArchiveTally, checkEntryName, classify, collectEntry } from './entries.js';
import { FLOW_ARCHIVE_LIMITS, type FlowArchiveLimits } from './limits.js';
import { entryRefusal, flowRefusal } from './refusals.js';
import { describeContainer, sniffContainer, SNIFF_BYTES, type SniffedContainer } from './sniff.js';
import { readTarGzEntries } from './tar.js';
import type { FlowContainer, FlowEntry, ReadFlowOptions } from './types.js';
import { readZipEntries } from './zip.js';

export { FLOW_ARCHIVE_LIMITS, type FlowArchiveLimits } from './limits.js';
export {
  FlowArchiveError,
  type EntryRefusal,
  type EntryRefusalCode,
  type FlowArchiveErrorCode,
  type LocalizedMessage,
} from './refusals.js';
export { sniffContainer, type SniffedContainer } from './sniff.js';
export type {
  AcceptedFlowEntry,
  FlowContainer,
  FlowEntry,
  InvoiceFileKind,
  ReadFlowOptions,
  RefusedFlowEntry,
} from './types.js';

/** Whether the content's first bytes fit the declared container (a refusal, never a guess). */
export function containerMatches(declared: FlowContainer, sniffed: SniffedContainer): boolean {
  switch (declared) {
    case 'zip':
      return sniffed === 'zip';
    case 'tar.gz':
      return sniffed === 'gzip';
    case 'single':
      // Not an archive; whether it is an invoice at all is the entry's own refusal.
      return sniffed !== 'zip' && sniffed !== 'gzip';
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a flow's entries in archive order. Throws FlowArchiveError when the whole flow is
 * refused: larger than `maxFlowBytes`, content not matching `container`, too many entries, a
 * bomb, a damaged or crafted archive, or no file at all.
 */
export async function* readFlowEntries(options: ReadFlowOptions): AsyncGenerator<FlowEntry> {
  const limits: FlowArchiveLimits = { ...FLOW_ARCHIVE_LIMITS, ...options.limits };
  const { path, container, signal } = options;
  signal?.throwIfAborted();
  const { size } = await stat(path);
  if (size > limits.maxFlowBytes) throw flowRefusal.tooLarge(limits.maxFlowBytes);
  const sniffed = sniffContainer(await readHead(path));
  if (!containerMatches(container, sniffed)) {
    throw flowRefusal.containerMismatch(container, describeContainer(sniffed));
  }
  const tally = new ArchiveTally(limits);
  switch (container) {
    case 'zip':
      yield* readZipEntries(path, tally, { signal, scan: options.scan === true });
      return;
    case 'tar.gz':
      yield* readTarGzEntries(path, tally, signal);
      return;
    case 'single':
      yield await readSingle(path, options.name ?? basename(path), size, tally, signal);
      return;
  }
}

/** A flow of one invoice: the entry is the file itself, under the same per-entry limits. */
async function readSingle(
  path: string,
  rawName: string,
  size: number,
  tally: ArchiveTally,
  signal?: AbortSignal,
): Promise<FlowEntry> {
  const index = tally.nextIndex();
  const { name, refusal } = checkEntryName(rawName, tally.limits.maxNameLength);
  if (refusal) return { index, name, refusal };
  if (size > tally.limits.maxEntryBytes) {
    return { index, name, refusal: entryRefusal.tooLarge(tally.limits.maxEntryBytes) };
  }
  const stream = createReadStream(path);
  const read = await collectEntry(stream, { tally, stop: () => stream.destroy(), signal });
  if ('refusal' in read) return { index, name, refusal: read.refusal };
  return classify(index, name, read.bytes);
}
