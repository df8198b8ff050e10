import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.js';

/**
 * Page cursors of every keyset list: the last row's key fields, signed with an HMAC of a server
 * secret so a cursor the API did not give (forged, edited, or from another list) is a 400
 * before any of its fields reaches SQL. The payload is base64url JSON `[kind, ...fields]`, the
 * tag the first 16 bytes of HMAC-SHA-256 over it: `<payload>.<tag>`.
 *
 * The secret is the cookie secret (set once by the HTTP app, the same for every process of a
 * deployment); until it is set, a random one of this process.
 */
let secret: Buffer = randomBytes(32);

export function setCursorSecret(value: string): void {
  secret = createHmac('sha256', value).update('chorale page cursor').digest();
}

const tagOf = (payload: string) =>
  createHmac('sha256', secret).update(payload).digest().subarray(0, 16);

export function encodeCursor(kind: string, fields: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify([kind, ...fields])).toString('base64url');
  return `${payload}.${tagOf(payload).toString('base64url')}`;
}

/** The fields of a cursor of `kind` with `count` fields; a 400 for anything else. */
export function decodeCursor(kind: string, text: string, count: number): string[] {
  const invalid = () =>
    new AppError(
      'BAD_REQUEST',
      'This cursor is not valid here: pass the nextCursor of the previous page of the same list, with the same parameters',
    );
  const dot = text.indexOf('.');
  if (dot < 0) throw invalid();
  const payload = text.slice(0, dot);
  const tag = Buffer.from(text.slice(dot + 1), 'base64url');
  const expected = tagOf(payload);
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw invalid();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== count + 1 ||
    parts[0] !== kind ||
    !parts.every((p) => typeof p === 'string')
  )
    throw invalid();
  return (parts as string[]).slice(1);
}
