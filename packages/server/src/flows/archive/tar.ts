/**
 * tar.gz flows: the file is streamed through gunzip into tar-stream's parser, one entry at a
 * time. gzip compresses the tar as one stream, so the bomb limits (inflated bytes, ratio) are
 * measured on the whole inflated stream, headers and padding included, and stop it as soon as
 * one is crossed. Entries cannot be skipped without inflating them: a refused entry's data is
 * drained, still under those limits.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract, type ExtractEvents } from 'tar-stream';
import { ArchiveTally, checkEntryName, classify, collectEntry } from './entries.js';
import { Meter } from './meter.js';
import { entryRefusal, flowRefusal, FlowArchiveError } from './refusals.js';
import type { FlowEntry } from './types.js';

/** One member as tar-stream gives it: a readable stream with its header. */
type TarEntry = ExtractEvents['entry'][1];

/**
 * An entry's chunks, read without ever destroying the entry: tar-stream destroys the whole
 * parser with an entry, so an entry given up is drained instead (resume).
 */
function chunksOf(entry: TarEntry): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const inner = entry[Symbol.asyncIterator]();
      return {
        // tar-stream's stream typings (streamx) carry no chunk type: chunks are Buffers.
        next: () => inner.next() as Promise<IteratorResult<Uint8Array>>,
        return: () => {
          entry.resume();
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
}

/**
 * Reads the entries of a tar.gz flow in archive order. Throws FlowArchiveError for what makes
 * the whole archive unusable, possibly after entries were yielded (a stream has no index).
 */
export async function* readTarGzEntries(
  path: string,
  tally: ArchiveTally,
  signal?: AbortSignal,
): AsyncGenerator<FlowEntry> {
  const { limits } = tally;
  /** The first whole-flow refusal raised by the pipe; wins over the parser's own error. */
  let failure: unknown;
  // Compressed bytes the inflater has consumed so far (see zip.ts on why not the file reads).
  const gunzip = createGunzip();
  const inflated = new Meter((bytes) => {
    if (bytes > limits.maxArchiveBytes)
      throw flowRefusal.uncompressedTooLarge(limits.maxArchiveBytes);
    if (bytes > limits.ratioThresholdBytes && bytes > limits.maxRatio * gunzip.bytesWritten) {
      throw flowRefusal.compressionRatio(limits.maxRatio);
    }
  });
  const extract = tarExtract();
  const file = createReadStream(path);
  const source = pipeline(file, gunzip, inflated, (error) => {
    if (error) {
      failure ??= error;
      extract.destroy(error);
    }
  });
  source.pipe(extract);

  const wholeFlowError = (error: unknown): unknown => {
    if (signal?.aborted) return signal.reason;
    if (failure instanceof FlowArchiveError) return failure;
    if (error instanceof FlowArchiveError) return error;
    return flowRefusal.corrupt(failure ?? error);
  };

  const entries = extract[Symbol.asyncIterator]();
  try {
    for (;;) {
      signal?.throwIfAborted();
      let step: IteratorResult<TarEntry>;
      try {
        step = await entries.next();
      } catch (error) {
        throw wholeFlowError(error);
      }
      if (step.done) break;
      const entry = step.value;
      tally.countMember();
      const result = await readOne(entry, tally, signal);
      // A damaged entry may be the symptom of a whole-flow failure (the pipe stopped midway).
      if (result?.refusal?.code === 'ENTRY_CORRUPT' && failure !== undefined) {
        throw wholeFlowError(failure);
      }
      if (result !== undefined) yield result;
    }
  } finally {
    source.unpipe(extract);
    file.destroy();
    source.destroy();
    extract.destroy();
  }
  if (tally.entryCount === 0) throw flowRefusal.empty();
}

async function readOne(
  entry: TarEntry,
  tally: ArchiveTally,
  signal?: AbortSignal,
): Promise<FlowEntry | undefined> {
  const { header } = entry;
  const { limits } = tally;
  const refuse = (index: number, name: string, refusal: FlowEntry['refusal'] & object) => {
    entry.resume();
    return { index, name, refusal };
  };
  if (header.type === 'directory') {
    entry.resume();
    return undefined;
  }
  const index = tally.nextIndex();
  const { name, refusal } = checkEntryName(header.name, limits.maxNameLength);
  if (refusal) return refuse(index, name, refusal);
  const duplicate = tally.claimName(name);
  if (duplicate) return refuse(index, name, duplicate);
  if (header.type === 'symlink' || header.type === 'link') {
    return refuse(index, name, entryRefusal.link());
  }
  if (header.type !== 'file' && header.type !== 'contiguous-file') {
    return refuse(index, name, entryRefusal.specialFile());
  }
  // The header's size is what the parser reads, so it is the truth here, not a claim.
  if ((header.size ?? 0) > limits.maxEntryBytes) {
    return refuse(index, name, entryRefusal.tooLarge(limits.maxEntryBytes));
  }
  const read = await collectEntry(chunksOf(entry), {
    tally,
    archiveMetered: true,
    stop: () => entry.resume(),
    signal,
  });
  if ('refusal' in read) return { index, name, refusal: read.refusal };
  return classify(index, name, read.bytes);
}
