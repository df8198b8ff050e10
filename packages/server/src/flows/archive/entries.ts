/**
 * What the zip and tar readers share: counting members, checking names, reading one entry's
 * bytes under the limits, and classifying them. Invariant: at most one entry's bytes are held
 * at a time, and never more than `maxEntryBytes` of them (plus the chunk that crossed it).
 */
import { entryRefusal, flowRefusal, FlowArchiveError, type EntryRefusal } from './refusals.js';
import { sniffEntry } from './sniff.js';
import type { FlowArchiveLimits } from './limits.js';
import type { FlowEntry } from './types.js';

/** A name with control characters made visible and its length bounded, safe to show. */
function displayName(raw: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = raw.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  return visible.length > maxLength ? `${visible.slice(0, maxLength)}…` : visible;
}

/**
 * Checks a member's path. Never used to write to disk, but the names reach reports, storage
 * keys and people: anything a file system or a person could read as another place is refused.
 */
export function checkEntryName(
  raw: string,
  maxLength: number,
): { name: string; refusal?: EntryRefusal } {
  const stripped = raw.replace(/^(\.\/)+/, '');
  const name = displayName(stripped, maxLength);
  const unsafe = (fr: string, en: string) => ({
    name,
    refusal: entryRefusal.unsafeName({ fr, en }),
  });
  if (stripped.length === 0) return unsafe('nom vide', 'empty name');
  if (raw.length > maxLength)
    return unsafe(`plus de ${maxLength} caractères`, `longer than ${maxLength} characters`);
  // Checked before the separators so that "\\server\share" and "C:\x" read as absolute.
  if (/^[A-Za-z]:/.test(raw) || raw.startsWith('/') || raw.startsWith('\\'))
    return { name, refusal: entryRefusal.absolutePath() };
  if (raw.split(/[/\\]/).includes('..')) return { name, refusal: entryRefusal.pathTraversal() };
  if (raw.includes('\\'))
    return unsafe(
      'barre oblique inverse, séparateur de dossiers sous Windows',
      'a backslash, a folder separator on Windows',
    );
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw))
    return unsafe('caractère de contrôle', 'a control character');
  // U+FFFD is what an undecodable byte becomes: the name was not valid UTF-8.
  if (raw.includes('\uFFFD')) return unsafe('octets non UTF-8', 'bytes that are not UTF-8');
  return { name };
}

/** The state of one reading: members seen, names taken, bytes inflated. */
export class ArchiveTally {
  private members = 0;
  private entries = 0;
  private readonly names = new Set<string>();
  /** Inflated bytes so far, over every entry read (refused ones included). */
  inflated = 0;

  constructor(readonly limits: FlowArchiveLimits) {}

  /** Counts one member of any kind; throws once there are more than the limit. */
  countMember(): void {
    this.members++;
    if (this.members > this.limits.maxEntries)
      throw flowRefusal.tooManyEntries(this.limits.maxEntries);
  }

  /** The index of the next entry (directories get none). */
  nextIndex(): number {
    return this.entries++;
  }

  get entryCount(): number {
    return this.entries;
  }

  /**
   * Registers a safe name; a name already registered is a duplicate. Names compare in Unicode
   * NFC: "é" typed on macOS (decomposed) and on Windows (composed) is the same file to a person.
   */
  claimName(name: string): EntryRefusal | undefined {
    const key = name.normalize('NFC');
    if (this.names.has(key)) return entryRefusal.duplicateName();
    this.names.add(key);
    return undefined;
  }
}

export interface CollectOptions {
  readonly tally: ArchiveTally;
  /**
   * Compressed bytes consumed so far by this entry's inflater, when the format compresses
   * entries one by one (zip): the ratio then applies as the bytes come, not at the end.
   */
  readonly compressedSoFar?: () => number;
  /** The size the archive declares: one byte more is a lie, the entry is damaged. */
  readonly declaredSize?: number;
  /** The archive's inflated total is measured on the stream itself (tar.gz), not here. */
  readonly archiveMetered?: boolean;
  /** Stops the source (its file descriptor, its inflater) when reading ends early. */
  readonly stop: () => void;
  readonly signal?: AbortSignal;
}

/**
 * Reads one entry's bytes, stopping as soon as a limit is crossed: the entry limit and the
 * ratio refuse the entry; the archive limit refuses the whole flow (thrown). Errors of the
 * source (bad deflate data, size or checksum mismatch) refuse the entry, unless they are a
 * FlowArchiveError (a whole-flow refusal raised further up the pipe).
 */
export async function collectEntry(
  source: AsyncIterable<Uint8Array>,
  options: CollectOptions,
): Promise<{ bytes: Uint8Array } | { refusal: EntryRefusal }> {
  const { tally, compressedSoFar, declaredSize, archiveMetered, stop, signal } = options;
  const { maxEntryBytes, maxArchiveBytes, maxRatio, ratioThresholdBytes } = tally.limits;
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for await (const chunk of source) {
      signal?.throwIfAborted();
      length += chunk.length;
      if (!archiveMetered) {
        tally.inflated += chunk.length;
        if (tally.inflated > maxArchiveBytes)
          throw flowRefusal.uncompressedTooLarge(maxArchiveBytes);
      }
      if (length > maxEntryBytes) {
        stop();
        return { refusal: entryRefusal.tooLarge(maxEntryBytes) };
      }
      if (
        compressedSoFar !== undefined &&
        length > ratioThresholdBytes &&
        length > maxRatio * compressedSoFar()
      ) {
        stop();
        return { refusal: entryRefusal.compressionRatio(maxRatio) };
      }
      if (declaredSize !== undefined && length > declaredSize) {
        stop();
        return { refusal: entryRefusal.corrupt() };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    stop();
    if (error instanceof FlowArchiveError) throw error;
    if (signal?.aborted) throw signal.reason;
    return { refusal: entryRefusal.corrupt() };
  }
  if (declaredSize !== undefined && length !== declaredSize)
    return { refusal: entryRefusal.corrupt() };
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length) };
}

/** The entry as the caller sees it: accepted as XML or PDF, or refused by its content. */
export function classify(index: number, name: string, bytes: Uint8Array): FlowEntry {
  switch (sniffEntry(bytes)) {
    case 'xml':
      return { index, name, kind: 'xml', bytes };
    case 'pdf':
      return { index, name, kind: 'pdf', bytes };
    case 'archive':
      return { index, name, refusal: entryRefusal.nestedArchive() };
    case 'other':
      return { index, name, refusal: entryRefusal.notAnInvoice() };
  }
}
