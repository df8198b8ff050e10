/**
 * Zip flows, read with yauzl from the file (random access): the central directory is the
 * list of entries, each local header is cross-checked against it, and one entry is inflated
 * at a time under the limits. The file is never loaded whole.
 */
import { open as openFile, fstat } from 'node:fs';
import { promisify } from 'node:util';
import { pipeline, type Readable } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { BlockReader } from './block-reader.js';
import { ArchiveTally, checkEntryName, classify, collectEntry } from './entries.js';
import { entryRefusal, flowRefusal } from './refusals.js';
import type { FlowEntry } from './types.js';

const ENCRYPTED = 0x0001; // general purpose bit 0: traditional or strong encryption
const UTF8_NAMES = 0x0800; // general purpose bit 11: name and comment are UTF-8
const STORED = 0;
const DEFLATED = 8;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;

/**
 * Entries whose declared sizes (compressed and inflated) are both at most this are read whole
 * in one file read and inflated in one synchronous call bounded by their declared size plus
 * one byte (`maxOutputLength`): a typical invoice is 3–8 KiB compressed, and a stream, a
 * pipeline and an async iteration per entry cost more than inflating it. Under this size the
 * entry and ratio limits cannot be reached (both start above 1 MiB), so the checks left are
 * the declared size, the CRC and the archive total, as on the streamed path. Larger entries
 * are streamed, the limits applied as the bytes come.
 */
const WHOLE_ENTRY_BYTES = 1024 * 1024;

/**
 * Byte ranges taken by entries (local header to end of data), kept sorted. Two entries
 * sharing bytes is how non-recursive zip bombs reach huge ratios with every entry under the
 * per-entry limits; no writer produces it, so it refuses the whole flow.
 */
class Spans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Adds [start, end); false when it overlaps a span already added. */
  add(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[lo - 1]! > start) return false;
    if (lo < this.starts.length && this.starts[lo]! < end) return false;
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    return true;
  }
}

/**
 * One step of yauzl's lazy listing. yauzl reports errors as events; a permanent listener in
 * readZipEntries keeps an error raised between two steps from going unhandled.
 */
function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const done = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (done(), resolve(entry));
    const onEnd = () => (done(), resolve(undefined));
    const onError = (error: unknown) => (done(), reject(flowRefusal.corrupt(error)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** The entry's compressed bytes, exactly `compressedSize` of them from the file. */
function openRaw(zip: yauzl.ZipFile, entry: yauzl.Entry, fileDataStart: number): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStreamLowLevel(
      fileDataStart,
      entry.compressedSize,
      0,
      entry.compressedSize,
      false,
      null,
      (error, stream) => (error ? reject(error) : resolve(stream)),
    );
  });
}

/**
 * The entry's inflated bytes and the compressed bytes the inflater has consumed so far. We
 * inflate ourselves (not yauzl) so that the ratio is measured as inflation goes: zlib consumes
 * its input step by step as it produces output, and `bytesWritten` counts what it consumed,
 * whereas a count at the file read would jump by a whole read buffer (64 KiB of a zero bomb is
 * 64 MiB inflated). Stored entries have no ratio.
 */
function inflated(
  raw: Readable,
  method: number,
): { data: Readable; compressedSoFar?: () => number } {
  if (method === STORED) return { data: raw };
  const inflater = createInflateRaw();
  // Errors reach the caller through the last stream, which pipeline destroys with them.
  const data = pipeline(raw, inflater, () => undefined);
  return { data, compressedSoFar: () => inflater.bytesWritten };
}

/** With decodeStrings off, yauzl leaves names as bytes (its typings say string). */
function rawNameOf(entry: yauzl.Entry): Buffer {
  return entry.fileName as unknown as Buffer;
}

/**
 * The name as the archiver meant it: the Info-ZIP Unicode path field when present and
 * matching, else UTF-8 when bit 11 says so, else CP437 (old Windows archivers). Backslashes
 * are kept (strict), so that checkEntryName sees and refuses them.
 */
function decodeName(entry: yauzl.Entry): string {
  const raw = rawNameOf(entry);
  if (entry.generalPurposeBitFlag & UTF8_NAMES) {
    // Decoded here rather than by yauzl to see invalid UTF-8 (as U+FFFD) instead of guessing.
    const hasUnicodeField = entry.extraFields.some((field) => field.id === 0x7075);
    if (!hasUnicodeField) return new TextDecoder('utf-8').decode(raw);
  }
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
}

function isDirectory(entry: yauzl.Entry, name: string): boolean {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  return (
    name.endsWith('/') ||
    mode === S_IFDIR ||
    (mode === 0 && (entry.externalFileAttributes & DOS_DIRECTORY) !== 0)
  );
}

/**
 * Reads the entries of a zip flow, in central directory order (the archive's own order).
 * Throws FlowArchiveError for what makes the whole archive unusable.
 */
export async function* readZipEntries(
  path: string,
  tally: ArchiveTally,
  options: { signal?: AbortSignal | undefined; scan?: boolean } = {},
): AsyncGenerator<FlowEntry> {
  const { limits } = tally;
  const { signal } = options;
  let zip: yauzl.ZipFile;
  // The flow file itself must open: its absence is an I/O error, not the archive's fault.
  const fd = await promisify(openFile)(path, 'r');
  const reader = new BlockReader(fd, (await promisify(fstat)(fd)).size);
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      // Only checks stored entries' two sizes agree; inflated sizes are checked by collectEntry.
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (error) {
    reader.close(() => undefined);
    throw flowRefusal.corrupt(error);
  }
  // Errors are taken by nextEntry while it waits; between two steps they are dropped here
  // and come back as the failure of the next read (the reader is then broken).
  const ignore = () => undefined;
  zip.on('error', ignore);
  try {
    // The declared count refuses early; countMember still counts what is really listed.
    if (zip.entryCount > limits.maxEntries) throw flowRefusal.tooManyEntries(limits.maxEntries);
    const spans = new Spans();
    for (;;) {
      signal?.throwIfAborted();
      const entry = await nextEntry(zip);
      if (entry === undefined) break;
      tally.countMember();
      const result = await readOne(zip, entry, tally, spans, {
        reader,
        signal,
        scan: options.scan === true,
      });
      if (result !== undefined) yield result;
    }
  } finally {
    zip.off('error', ignore);
    // Closes the reader, and with it the file.
    zip.close();
  }
  if (tally.entryCount === 0) throw flowRefusal.empty();
}

async function readOne(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  tally: ArchiveTally,
  spans: Spans,
  options: { reader: BlockReader; signal?: AbortSignal | undefined; scan: boolean },
): Promise<FlowEntry | undefined> {
  const { limits } = tally;
  const { signal } = options;
  let local: yauzl.LocalFileHeader;
  try {
    local = await zip.readLocalFileHeaderPromise(entry);
  } catch (error) {
    // Bad signature, or data past the end of the file.
    throw flowRefusal.corrupt(error);
  }
  // What another tool reading local headers would see must be what we see: same name bytes,
  // same method, same encryption. Sizes and CRC are not compared: with a data descriptor
  // (bit 3) they are zero locally, and we check the data against the central directory anyway.
  if (
    !local.fileName.equals(rawNameOf(entry)) ||
    local.compressionMethod !== entry.compressionMethod ||
    (local.generalPurposeBitFlag & ENCRYPTED) !== (entry.generalPurposeBitFlag & ENCRYPTED)
  ) {
    throw flowRefusal.inconsistentHeaders();
  }
  if (!spans.add(entry.relativeOffsetOfLocalHeader, local.fileDataStart + entry.compressedSize)) {
    throw flowRefusal.overlappingEntries();
  }

  const rawName = decodeName(entry);
  // Directories are not entries: skipped silently, never read (whatever data they claim).
  if (isDirectory(entry, rawName)) return undefined;
  const index = tally.nextIndex();
  const { name, refusal } = checkEntryName(rawName, limits.maxNameLength);
  if (refusal) return { index, name, refusal };
  const duplicate = tally.claimName(name);
  if (duplicate) return { index, name, refusal: duplicate };

  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return { index, name, refusal: entryRefusal.link() };
  if (mode !== 0 && mode !== S_IFREG) return { index, name, refusal: entryRefusal.specialFile() };
  if (entry.generalPurposeBitFlag & ENCRYPTED)
    return { index, name, refusal: entryRefusal.encrypted() };
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    return { index, name, refusal: entryRefusal.unsupportedCompression(entry.compressionMethod) };
  }
  // Declared sizes only ever refuse early; reading below enforces the limits on real bytes.
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return { index, name, refusal: entryRefusal.tooLarge(limits.maxEntryBytes) };
  }

  if (entry.compressedSize <= WHOLE_ENTRY_BYTES && entry.uncompressedSize <= WHOLE_ENTRY_BYTES) {
    if (options.scan) {
      tally.inflated += entry.uncompressedSize + 1;
      if (tally.inflated > limits.maxArchiveBytes)
        throw flowRefusal.uncompressedTooLarge(limits.maxArchiveBytes);
      return undefined;
    }
    return readWhole(options.reader, entry, local.fileDataStart, tally, index, name);
  }

  let raw: Readable;
  try {
    raw = await openRaw(zip, entry, local.fileDataStart);
  } catch (error) {
    throw flowRefusal.corrupt(error);
  }
  const { data, compressedSoFar } = inflated(raw, entry.compressionMethod);
  const read = await collectEntry(data, {
    tally,
    compressedSoFar,
    declaredSize: entry.uncompressedSize,
    stop: () => {
      data.destroy();
      raw.destroy();
    },
    signal,
  });
  if ('refusal' in read) return { index, name, refusal: read.refusal };
  if (crc32(read.bytes) !== entry.crc32) return { index, name, refusal: entryRefusal.corrupt() };
  return classify(index, name, read.bytes);
}

/**
 * A small entry (see WHOLE_ENTRY_BYTES): one read, one bounded inflation. Same outcomes as the
 * streamed path: more bytes than declared, fewer, bad deflate data or a CRC mismatch refuse the
 * entry as damaged; crossing the archive total refuses the flow.
 */
async function readWhole(
  reader: BlockReader,
  entry: yauzl.Entry,
  fileDataStart: number,
  tally: ArchiveTally,
  index: number,
  name: string,
): Promise<FlowEntry> {
  const { maxArchiveBytes } = tally.limits;
  const declared = entry.uncompressedSize;
  // yauzl checked that the data lies inside the file (readLocalFileHeader).
  const raw = await reader.readRange(fileDataStart, entry.compressedSize);
  if (raw.length !== entry.compressedSize) throw flowRefusal.corrupt(new Error('short read'));
  let bytes: Buffer;
  if (entry.compressionMethod === STORED) bytes = raw;
  else {
    try {
      bytes = inflateRawSync(raw, { maxOutputLength: declared + 1 });
    } catch {
      // Bad deflate data, or more than declared (ERR_BUFFER_TOO_LARGE): damaged either way.
      tally.inflated += declared + 1;
      if (tally.inflated > maxArchiveBytes) throw flowRefusal.uncompressedTooLarge(maxArchiveBytes);
      return { index, name, refusal: entryRefusal.corrupt() };
    }
  }
  tally.inflated += bytes.length;
  if (tally.inflated > maxArchiveBytes) throw flowRefusal.uncompressedTooLarge(maxArchiveBytes);
  if (bytes.length !== declared || crc32(bytes) !== entry.crc32) {
    return { index, name, refusal: entryRefusal.corrupt() };
  }
  return classify(index, name, bytes);
}
