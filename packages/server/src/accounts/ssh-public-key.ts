import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { AppError } from '../lib/errors.js';

/** Key types accepted for SFTP sign-in: what current OpenSSH generates and still signs with. */
const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
]);
/** An RSA 16384-bit key is about 2.8 KB of base64: anything longer is not a public key line. */
const MAX_KEY_TEXT = 8192;

export interface SshPublicKey {
  /** `<type> <base64>`, the form stored on the API client (the comment is dropped). */
  text: string;
  /** The key blob of the SSH wire format, what a client offers at sign-in. */
  blob: Buffer;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

/**
 * Reads one OpenSSH public key line (`ssh-ed25519 AAAA… comment`, as in a `.pub` file).
 * ssh2's parser checks the key material itself, so a truncated or corrupted key is refused
 * here rather than never matching at sign-in.
 */
export function parseSshPublicKey(input: string): SshPublicKey {
  const invalid = (why: string) => new AppError('VALIDATION_FAILED', `Invalid public key: ${why}`);
  if (input.length > MAX_KEY_TEXT) throw invalid('too long for a public key line');
  const line = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('#'));
  if (!line) throw invalid('empty');
  const [type, base64] = line.split(/\s+/);
  if (!type || !KEY_TYPES.has(type)) {
    throw invalid(`the type must be one of ${[...KEY_TYPES].join(', ')}`);
  }
  if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid('not base64');
  const parsed = ssh2.utils.parseKey(`${type} ${base64}`);
  if (parsed instanceof Error || Array.isArray(parsed) || parsed.type !== type) {
    throw invalid('the key data does not match its type');
  }
  const blob = parsed.getPublicSSH();
  return {
    text: `${type} ${blob.toString('base64')}`,
    blob,
    fingerprint: fingerprintOf(blob),
  };
}

/** `SHA256:<base64 without padding>` of a key blob, as OpenSSH shows fingerprints. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
