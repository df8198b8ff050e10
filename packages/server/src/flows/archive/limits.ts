/**
 * The limits of the archive reader, in one place. Every limit is enforced on what is actually
 * read or inflated, never on sizes an archive declares: a declared size is only used to refuse
 * early (a declared size over a limit is refused without inflating anything).
 * docs/decisions/0013-flow-archives.md explains each value.
 */
export interface FlowArchiveLimits {
  /** Bytes of the flow file as stored (compressed). Checked on the file's size before reading. */
  readonly maxFlowBytes: number;
  /**
   * Members of an archive, of any kind: files, directories, links, refused entries. Counting
   * directories too bounds the work on an archive made of nothing but empty directories.
   */
  readonly maxEntries: number;
  /** Uncompressed bytes of one entry: the platform's limit for one invoice file. */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of a whole archive, refused entries included (what was inflated). */
  readonly maxArchiveBytes: number;
  /**
   * Inflated bytes per compressed byte. Zip: per entry (each entry is compressed on its own).
   * tar.gz: over the whole stream (gzip compresses the tar as one stream).
   */
  readonly maxRatio: number;
  /** The ratio is only applied once this many bytes are inflated: small files compress oddly. */
  readonly ratioThresholdBytes: number;
  /** Characters of an entry name (full path inside the archive). */
  readonly maxNameLength: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const FLOW_ARCHIVE_LIMITS: FlowArchiveLimits = {
  // The largest flow the transports accept (HTTP and SFTP store the file before reading).
  maxFlowBytes: 1 * GiB,
  // A month of invoices of a large supplier fits; beyond, the supplier splits its flow.
  maxEntries: 10_000,
  // Same as one invoice deposited alone (MAX_ATTACHMENT_BYTES in invoices/model.ts).
  maxEntryBytes: 10 * MiB,
  // Twice the largest flow: invoices compress about 5–20:1, PDFs barely; 2 GiB is never the
  // limit a real flow meets first (10,000 entries × 10 MiB would be 100 GiB) yet it stops an
  // archive of many entries each under the per-entry limits (an overlapping-entries bomb).
  maxArchiveBytes: 2 * GiB,
  // Deflate's best is about 1,032:1; real XML invoices reach 10–50:1, tar padding more, so
  // 200:1 leaves room for repetitive invoices while catching runs of zeros.
  maxRatio: 200,
  ratioThresholdBytes: 1 * MiB,
  // File systems allow 255 bytes per component; 1,024 characters is room for folders.
  maxNameLength: 1024,
};
