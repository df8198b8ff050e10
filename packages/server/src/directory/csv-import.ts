import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';

export type Encoding = 'auto' | 'utf8' | 'latin1';

export interface Rejection {
  /** 1-based line of the file where the rejected record ends. */
  line: number;
  reason: string;
}

export interface CsvImportProgress {
  bytes: number;
  rows: number;
}

export interface CsvImportResult {
  encoding: 'utf8' | 'latin1';
  /** Data rows read (header excluded). */
  read: number;
  accepted: number;
  rejected: number;
}

/** Converts one record (column name → raw value) to a row, or says why it can't. */
export type RowConverter<T> = (
  record: Record<string, string>,
  line: number,
) => T | { reason: string };

const SNIFF_BYTES = 64 * 1024;

/** UTF-8 when the first bytes decode strictly as UTF-8, ISO-8859-1 (Windows-1252) otherwise. */
function sniff(sample: Buffer): 'utf8' | 'latin1' {
  // Drop a possibly cut multi-byte sequence at the end of the sample.
  let end = sample.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf8';
  } catch {
    return 'latin1';
  }
}

async function* decode(
  input: AsyncIterable<Buffer | string>,
  encoding: Encoding,
  chosen: (e: 'utf8' | 'latin1') => void,
  onBytes: (n: number) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  const start = (e: 'utf8' | 'latin1') => {
    chosen(e);
    // WHATWG "latin1" is Windows-1252, a superset of ISO-8859-1 for printable text.
    decoder = new TextDecoder(e === 'utf8' ? 'utf-8' : 'latin1');
  };
  if (encoding !== 'auto') start(encoding);
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    onBytes(chunk.length);
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SNIFF_BYTES) continue;
      const sample = Buffer.concat(pending);
      start(sniff(sample));
      yield decoder!.decode(sample, { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (!decoder) {
    const sample = Buffer.concat(pending);
    start(sniff(sample));
    yield decoder!.decode(sample);
  } else {
    yield decoder.decode();
  }
}

/**
 * Streams a `;`-separated file with a header line through `convert`, handing accepted rows to
 * `flush` in batches and every refused record to `onRejection` with its line number. Memory
 * stays bounded by the batch size: the next batch is not read before `flush` resolves. A
 * malformed record (bad quoting, wrong column count, refused value) never stops the import.
 */
export async function importCsv<T>(options: {
  input: AsyncIterable<Buffer | string>;
  encoding?: Encoding;
  requiredColumns: readonly string[];
  convert: RowConverter<T>;
  flush: (rows: T[]) => Promise<void>;
  onRejection: (rejection: Rejection) => void;
  onProgress?: (progress: CsvImportProgress) => void;
  batchSize?: number;
}): Promise<CsvImportResult> {
  const batchSize = options.batchSize ?? 1000;
  let encoding: 'utf8' | 'latin1' = 'utf8';
  let bytes = 0;
  let read = 0;
  let accepted = 0;
  let rejected = 0;
  const reject = (line: number, reason: string) => {
    rejected++;
    options.onRejection({ line, reason });
  };

  const parser = parse({
    delimiter: ';',
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) reject(Number(error.lines ?? 0), `unreadable record: ${error.message}`);
    },
  });
  const source = Readable.from(
    decode(
      options.input,
      options.encoding ?? 'auto',
      (e) => (encoding = e),
      (n) => (bytes += n),
    ),
  );
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let header: string[] | undefined;
  let batch: T[] = [];
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    if (!header) {
      header = record.map((h) => h.trim());
      const lower = new Set(header.map((h) => h.toLowerCase()));
      const missing = options.requiredColumns.filter((c) => !lower.has(c.toLowerCase()));
      if (missing.length > 0) {
        source.destroy();
        throw new Error(`line 1: the header lacks the column(s) ${missing.join(', ')}`);
      }
      continue;
    }
    read++;
    if (record.length !== header.length) {
      reject(info.lines, `expected ${header.length} columns, found ${record.length}`);
    } else {
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++)
        row[header[i]!.toLowerCase()] = (record[i] ?? '').trim();
      const converted = options.convert(row, info.lines);
      if (converted && typeof converted === 'object' && 'reason' in converted) {
        reject(info.lines, converted.reason);
      } else {
        batch.push(converted as T);
        accepted++;
      }
    }
    if (batch.length >= batchSize) {
      await options.flush(batch);
      batch = [];
      options.onProgress?.({ bytes, rows: read });
    }
  }
  if (!header) throw new Error('the file is empty: a header line is expected');
  if (batch.length > 0) await options.flush(batch);
  options.onProgress?.({ bytes, rows: read });
  return { encoding, read, accepted, rejected };
}

const TRUE = new Set(['true', '1', 'oui', 'o', 'vrai', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'non', 'n', 'faux', 'no', '']);

/** A yes/no column; undefined when the value is neither. */
export function parseFlag(value: string | undefined): boolean | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

/** A date as YYYY-MM-DD or DD/MM/YYYY, returned as YYYY-MM-DD; null when empty. */
export function parseDate(value: string | undefined): string | null | undefined {
  const v = (value ?? '').trim();
  if (v === '') return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}
