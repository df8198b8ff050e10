import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ssh2 from 'ssh2';

export interface HostKey {
  /** OpenSSH private key, as ssh2's Server takes it. */
  privateKey: string;
  /** `SHA256:…` of the public key, what clients show and pin in known_hosts. */
  fingerprint: string;
}

/**
 * The server's ed25519 host key, generated on first start and kept in
 * `${dataDir}/sftp/host_ed25519` (mode 0600): a key that changed at each restart would make
 * every client refuse the server as a possible impostor. ssh2's generator draws the key from
 * node:crypto and writes it in the OpenSSH format ssh2 reads back (it does not read PKCS#8
 * ed25519 keys). The `wx` flag makes two processes starting together keep one key.
 */
export async function loadOrCreateHostKey(dataDir: string): Promise<HostKey> {
  const dir = path.join(dataDir, 'sftp');
  const file = path.join(dir, 'host_ed25519');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let privateKey = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (privateKey === undefined) {
    const generated = generateHostKey();
    try {
      await writeFile(file, generated, { mode: 0o600, flag: 'wx' });
      privateKey = generated;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      privateKey = await readFile(file, 'utf8');
    }
  }
  return { privateKey, fingerprint: hostKeyFingerprint(privateKey) };
}

/**
 * A new ed25519 private key in the OpenSSH format, one ssh2 reads back. ssh2's generator drops
 * a leading zero byte of the public key (about one key in 256: a 31-byte key), and its own
 * parser then refuses the file as malformed (mscdex/ssh2 issues 1390 and 1513, open): such a
 * draw is thrown away and another made.
 */
export function generateHostKey(): string {
  for (let attempt = 1; ; attempt++) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error)) return key;
    if (attempt === 20) throw new Error('could not generate a readable SFTP host key');
  }
}

export function hostKeyFingerprint(privateKey: string | Buffer): string {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`unreadable SFTP host key: ${parsed.message}`);
  const digest = createHash('sha256').update(parsed.getPublicSSH()).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}
