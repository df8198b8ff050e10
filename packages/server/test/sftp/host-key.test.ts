import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHostKey, hostKeyFingerprint } from '../../src/sftp/host-key.js';
import { loadOrCreateHostKey } from '../../src/sftp/server.js';
import { ssh2Connect, startTestServer } from './support.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-sftp-hostkey-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The host key fingerprint a client sees when connecting to a server made from `dataDir`. */
async function seenFingerprint(dataDir: string): Promise<{ seen: string; announced: string }> {
  const hostKey = await loadOrCreateHostKey(dataDir);
  const { server } = await startTestServer({
    hostKeys: [hostKey.privateKey],
    root: path.join(dir, 'root'),
    authenticate: async () => ({ clientId: 'cli_a', structureId: 'str_1' }),
  });
  let seen = '';
  try {
    const client = await ssh2Connect({
      port: server.port,
      username: 'cli_a',
      password: 'x',
      hostVerifier: (key) => {
        seen = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        return true;
      },
    });
    client.end();
  } finally {
    await server.close();
  }
  return { seen, announced: hostKey.fingerprint };
}

describe('SFTP host key', () => {
  it('is always one ssh2 reads back (its generator drops a leading zero byte, 1 key in 256)', () => {
    // 3,000 draws meet a bad one with probability 1 - (255/256)^3000, above 99.99 %.
    const fingerprints = new Set<string>();
    for (let i = 0; i < 3000; i++) fingerprints.add(hostKeyFingerprint(generateHostKey()));
    expect(fingerprints.size).toBe(3000);
  });

  it('is generated once (ed25519, mode 0600) and the same after a restart', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await seenFingerprint(dataDir);
    const file = path.join(dataDir, 'sftp', 'host_ed25519');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(first.seen).toBe(first.announced);
    const second = await seenFingerprint(dataDir);
    expect(second.seen).toBe(first.seen);
    // Another data folder is another server: another key.
    const elsewhere = await seenFingerprint(path.join(dir, 'other'));
    expect(elsewhere.seen).not.toBe(first.seen);
  }, 30_000);
});
