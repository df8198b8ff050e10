import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-ordered identifiers: `<prefix>_<10 chars of time><16 chars of randomness>` in
 * Crockford base32 (like a ULID). Sorting ids sorts by creation time, which keeps B-tree
 * inserts local; the prefix tells at a glance what an id names (`str_…` a structure).
 */
export const idPrefixes = {
  structure: 'str',
  service: 'svc',
  user: 'usr',
  membership: 'mbr',
  joinRequest: 'jrq',
  apiClient: 'cli',
  session: 'ses',
  audit: 'aud',
  passwordReset: 'pwr',
  request: 'req',
  invoice: 'inv',
  invoiceFile: 'fil',
  invoiceEvent: 'evt',
} as const;

export type IdKind = keyof typeof idPrefixes;

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(kind: IdKind, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += alphabet[b & 31];
  return `${idPrefixes[kind]}_${time}${rand}`;
}
