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
import type { Readable } from 'node:stream';
import { AppError } from '../lib/errors.js';

export interface StoredObject {
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
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
