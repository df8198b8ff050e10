import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSshPublicKey } from '../../src/accounts/ssh-public-key.js';
import { loadOrCreateHostKey } from '../../src/sftp/server.js';
import type { SftpAccount, SftpAuthRequest } from '../../src/sftp/types.js';
import {
  makeClientKey,
  sftp,
  ssh2Connect,
  startSftp,
  startTestServer,
  waitFor,
} from './support.js';

// The SFTP endpoint driven by Debian's OpenSSH `sftp` in batch mode, as an ERP's script runs it.
// Accounts come from a stub here; sign-in against API clients is in accounts.test.ts.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-sftp-'));
const root = path.join(dir, 'root');
const work = path.join(dir, 'work');
fs.mkdirSync(work);
const account: SftpAccount = { clientId: 'cli_a', structureId: 'str_1' };
const home = path.join(root, 'str_1', 'cli_a');
const good = makeClientKey(dir, 'good');
const other = makeClientKey(dir, 'other');
const goodBlob = parseSshPublicKey(good.pub).blob;

async function authenticate(r: SftpAuthRequest): Promise<SftpAccount | undefined> {
  if (r.username !== 'cli_a') return undefined;
  if (r.method === 'publickey') return r.keyBlob.equals(goodBlob) ? account : undefined;
  return r.password === 'the-secret' ? account : undefined;
}

let t: Awaited<ReturnType<typeof startTestServer>>;
const run = (lines: string[], key = good.key, extraArgs?: string[]) =>
  sftp({ port: t.server.port, user: 'cli_a', key, lines, cwd: work, extraArgs });

beforeAll(async () => {
  const hostKey = await loadOrCreateHostKey(path.join(dir, 'data'));
  t = await startTestServer({ hostKeys: [hostKey.privateKey], root, authenticate });
});
afterAll(async () => {
  await t.server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tempFiles = () => fs.readdirSync(path.join(home, 'in')).filter((n) => n.startsWith('.'));

describe('SFTP with the OpenSSH client', () => {
  it('put into in/: the callback fires once with the size and content; in/ is write-only', async () => {
    const content = Buffer.from('<Invoice>flow one</Invoice>\n'.repeat(5000));
    fs.writeFileSync(path.join(work, 'flow1.xml'), content);
    const r = await run(['cd in', 'put flow1.xml', 'ls -l', '-get flow1.xml back.xml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('flow1.xml');
    expect(t.uploads).toHaveLength(1);
    expect(t.uploads[0]).toMatchObject({ ...account, name: 'flow1.xml', size: content.length });
    expect(t.uploads[0]!.path).toBe(path.join(home, 'in', 'flow1.xml'));
    expect(t.uploads[0]!.content.equals(content)).toBe(true);
    expect(fs.existsSync(path.join(work, 'back.xml'))).toBe(false);
    expect(r.stderr).toMatch(/Permission denied|write-only/);
    expect(tempFiles()).toEqual([]);
    // The same name again while the first is still waiting would clobber it: refused.
    const again = await run(['put flow1.xml in/flow1.xml']);
    expect(again.code).not.toBe(0);
    expect(t.uploads).toHaveLength(1);
  }, 30_000);

  it('get from out/, then rm acknowledges it; out/ is read-only', async () => {
    fs.writeFileSync(path.join(home, 'out', 'report-1.xml'), '<Report/>');
    const r = await run(['cd /out', 'ls', 'get report-1.xml', 'rm report-1.xml', '-put flow1.xml']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(work, 'report-1.xml'), 'utf8')).toBe('<Report/>');
    expect(fs.existsSync(path.join(home, 'out', 'report-1.xml'))).toBe(false);
    expect(fs.readdirSync(path.join(home, 'out'))).toEqual([]);
    expect(r.stderr).toMatch(/read-only|Permission denied/);
  }, 30_000);

  it('a wrong key is refused', async () => {
    const r = await run(['ls'], other.key);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Permission denied');
  }, 30_000);

  it('cannot leave the jail: .., absolute paths, symbolic links, other accounts', async () => {
    fs.writeFileSync(path.join(dir, 'outside.txt'), 'secret');
    fs.writeFileSync(path.join(root, 'outside.txt'), 'secret');
    fs.mkdirSync(path.join(root, 'str_1', 'cli_b', 'out'), { recursive: true });
    fs.writeFileSync(path.join(root, 'str_1', 'cli_b', 'out', 'theirs.xml'), 'secret');
    fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(home, 'out', 'link.txt'));
    fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(home, 'in', 'link.txt'));
    const r = await run([
      'cd ..',
      'pwd',
      'cd ../../..',
      'pwd',
      '-get ../../outside.txt a1',
      '-get /../outside.txt a2',
      '-get ../../../outside.txt a3',
      `-get ${path.join(dir, 'outside.txt')} a4`,
      '-get /etc/hostname a5',
      '-get ../cli_b/out/theirs.xml a6',
      '-get /out/../../cli_b/out/theirs.xml a7',
      '-get out/link.txt a8',
      '-put flow1.xml ../escape.xml',
      '-put flow1.xml /tmp/escape.xml',
      '-put flow1.xml in/../../escape.xml',
      '-mkdir out/sub',
      '-rename in/link.txt in/x.xml',
      'ls -a out',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Remote working directory: \/\n[\s\S]*Remote working directory: \/\n/);
    for (const n of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']) {
      expect(fs.existsSync(path.join(work, n)), n).toBe(false);
    }
    // The listing (after the echoed commands) hides the link.
    expect(r.stdout.split('sftp> ls -a out')[1]).not.toContain('link.txt');
    expect(fs.existsSync(path.join(home, 'out', 'sub'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'str_1', 'escape.xml'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'escape.xml'))).toBe(false);
    expect(fs.existsSync('/tmp/escape.xml')).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'outside.txt'), 'utf8')).toBe('secret');
    // `put x ../escape.xml` from / is /escape.xml: not in in/, refused rather than stored.
    expect(t.uploads).toHaveLength(1);
    fs.unlinkSync(path.join(home, 'out', 'link.txt'));
    fs.unlinkSync(path.join(home, 'in', 'link.txt'));
  }, 30_000);

  it('an upload staged as .part becomes a deposit only when renamed', async () => {
    fs.writeFileSync(path.join(work, 'flow2.xml'), 'two');
    const r = await run([
      'put flow2.xml in/flow2.xml.part',
      'ls in',
      'rename in/flow2.xml.part in/flow2.xml',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(t.uploads.map((u) => u.name)).toEqual(['flow1.xml', 'flow2.xml']);
    expect(t.uploads[1]!.size).toBe(3);
    expect(fs.existsSync(path.join(home, 'in', 'flow2.xml.part'))).toBe(false);
  }, 30_000);

  it('an upload cut off before its end never fires the callback and leaves no file', async () => {
    const big = path.join(work, 'big.xml');
    fs.writeFileSync(big, Buffer.alloc(16 * 1024 * 1024, 0x41));
    const before = t.uploads.length;
    // -l: 4 Mbit/s, so the transfer is surely under way, not finished, when it is killed.
    const { child, done } = startSftp({
      port: t.server.port,
      user: 'cli_a',
      key: good.key,
      lines: ['put big.xml in/big.xml'],
      cwd: work,
      extraArgs: ['-l', '4000'],
    });
    await waitFor(() =>
      tempFiles().some((n) => fs.statSync(path.join(home, 'in', n)).size > 64 * 1024),
    );
    child.kill('SIGKILL');
    await done;
    await waitFor(() => tempFiles().length === 0);
    expect(t.uploads).toHaveLength(before);
    expect(fs.existsSync(path.join(home, 'in', 'big.xml'))).toBe(false);
  }, 60_000);

  it('refuses a second session beyond the limit and a file over the size limit', async () => {
    const hostKey = await loadOrCreateHostKey(path.join(dir, 'data'));
    const small = await startTestServer({
      hostKeys: [hostKey.privateKey],
      root: path.join(dir, 'root2'),
      authenticate,
      maxFileSize: 1000,
      maxSessionsPerAccount: 1,
    });
    try {
      const first = await ssh2Connect({
        port: small.server.port,
        username: 'cli_a',
        password: 'the-secret',
      });
      await expect(
        ssh2Connect({ port: small.server.port, username: 'cli_a', password: 'the-secret' }),
      ).rejects.toThrow(/authentication methods failed/);
      first.end();
      await new Promise((r) => setTimeout(r, 200));
      fs.writeFileSync(path.join(work, 'large.xml'), Buffer.alloc(5000, 0x42));
      const r = await sftp({
        port: small.server.port,
        user: 'cli_a',
        key: good.key,
        lines: ['put large.xml in/large.xml'],
        cwd: work,
      });
      expect(r.code).not.toBe(0);
      expect(small.uploads).toHaveLength(0);
      expect(fs.readdirSync(path.join(dir, 'root2', 'str_1', 'cli_a', 'in'))).toEqual([]);
    } finally {
      await small.server.close();
    }
  }, 30_000);
});
