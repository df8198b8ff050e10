import type { EntryRefusal } from './refusals.js';
import type { FlowArchiveLimits } from './limits.js';

/** How the flow was declared by whoever deposited it. */
export type FlowContainer = 'zip' | 'tar.gz' | 'single';

/** An invoice file, by its content: an XML syntax (UBL, CII) or a PDF (Factur-X or not). */
export type InvoiceFileKind = 'xml' | 'pdf';

interface EntryBase {
  /** Position among the flow's entries, from 0, in archive order; directories are not counted. */
  readonly index: number;
  /** The entry's path inside the archive (a leading "./" removed), for reports. */
  readonly name: string;
}

/** An entry whose bytes may be an invoice: the caller parses and validates them. */
export interface AcceptedFlowEntry extends EntryBase {
  readonly kind: InvoiceFileKind;
  readonly bytes: Uint8Array;
  readonly refusal?: undefined;
}

/** An entry refused on its own; the other entries are still read. */
export interface RefusedFlowEntry extends EntryBase {
  readonly refusal: EntryRefusal;
  readonly kind?: undefined;
  readonly bytes?: undefined;
}

export type FlowEntry = AcceptedFlowEntry | RefusedFlowEntry;

export interface ReadFlowOptions {
  /** The flow file, already stored on disk. */
  readonly path: string;
  readonly container: FlowContainer;
  /** Name reported for a single-invoice flow (the deposited file name); default: the path's base name. */
  readonly name?: string;
  /** Defaults to FLOW_ARCHIVE_LIMITS; tests lower them. */
  readonly limits?: Partial<FlowArchiveLimits>;
  /** Stops the reading between two reads; the generator then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * A scan for the whole-flow verdict only (the integration's first pass, archive-source.ts):
   * it throws every FlowArchiveError the full reading would throw, but a zip's small entries
   * are not inflated — their declared size, plus one, is counted against the archive limit,
   * an upper bound of what the full reading counts (it refuses an entry at its declared size
   * plus one byte) — and they are not yielded. Entries it had to read are yielded as usual.
   */
  readonly scan?: boolean;
}
