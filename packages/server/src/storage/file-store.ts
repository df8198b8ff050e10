/**
 * The seam between the platform and where large files live (inbound flows can reach 1 GB, so
 * they are never held in memory nor kept in a bytea column). A store maps a key to bytes:
 * `put` streams them in and says how many there were and their SHA-256, `open` streams them
 * back, `remove` forgets them. The local implementation (local-file-store.ts) keeps them under
 * a folder; an S3 store can sit behind the same interface.
 *
 * Invariants every store keeps:
 * - `put` is all or nothing: a reader never sees a partial file under a key (write elsewhere,
 *   then publish), and a failed or refused `put` leaves nothing under the key.
 * - The digest is computed from the bytes as they are written, in the same pass.
 * - Keys are relative, `/`-separated, made of [A-Za-z0-9._-] segments, never `.` or `..`.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../lib/errors.js';

export interface StoredObject {
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

/** A stored object as a listing gives it (the orphan sweeper, `chorale storage migrate`). */
export interface ListedObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface PutOptions {
  /** More bytes than this: the put fails with PAYLOAD_TOO_LARGE and stores nothing. */
  maxBytes?: number;
}

export interface FileStore {
  put(key: string, content: Readable | Uint8Array, options?: PutOptions): Promise<StoredObject>;
  /** The bytes under `key`; the stream errors (ENOENT) when there are none. */
  open(key: string): Readable;
  /** A local path to the bytes, when the store has one (readers that need to seek, e.g. zip). */
  path?(key: string): string;
  /** Removes the bytes under `key`; nothing there is not an error. */
  remove(key: string): Promise<void>;
  /** Resolves when the store can be written now; rejects saying why (GET /health/ready). */
  check?(): Promise<void>;
  /** Every object of the store (`.part` leftovers of the local store included). */
  list?(): AsyncIterable<ListedObject>;
}

/**
 * The bytes under `key`, checked as they are read against the size and SHA-256 the database
 * recorded when they were stored: a file changed or cut short in the store makes the stream
 * fail at its end (code ECHECKSUM) instead of handing out wrong bytes as the platform's.
 */
export function openVerified(
  files: FileStore,
  key: string,
  expected: { size: number; sha256: string },
): Readable {
  const hash = createHash('sha256');
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > expected.size) {
        done(corrupt(key, `more than the ${expected.size} bytes recorded`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const digest = hash.digest('hex');
      if (size !== expected.size) done(corrupt(key, `${size} bytes, ${expected.size} recorded`));
      else if (digest !== expected.sha256)
        done(corrupt(key, 'its SHA-256 differs from the one recorded'));
      else done();
    },
  });
  const source = files.open(key);
  source.once('error', (error) => check.destroy(error));
  check.once('close', () => source.destroy());
  return source.pipe(check);
}

function corrupt(key: string, why: string): Error {
  return Object.assign(new Error(`stored file "${key}" is not what was stored: ${why}`), {
    code: 'ECHECKSUM',
  });
}

const SEGMENT = /^[A-Za-z0-9._-]{1,128}$/;

/** Refuses a key that could leave the store's root or name something odd. */
export function checkKey(key: string): string[] {
  const segments = key.split('/');
  if (
    segments.length === 0 ||
    segments.length > 8 ||
    segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')
  ) {
    throw new Error(`invalid storage key "${key}"`);
  }
  return segments;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${maxBytes} bytes (${Math.floor(maxBytes / (1024 * 1024))} MB)`,
  );
}
