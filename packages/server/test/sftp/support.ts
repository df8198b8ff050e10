import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import {
  startSftpServer,
  type SftpServerOptions,
  type UploadComplete,
} from '../../src/sftp/server.js';

// Helpers to drive the SFTP endpoint with the real OpenSSH client, as an ERP would.

/** A fresh ed25519 key pair made by ssh-keygen: { key: private key file, pub: its .pub text }. */
export function makeClientKey(dir: string, name = 'id_ed25519'): { key: string; pub: string } {
  const key = path.join(dir, name);
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr.toString()}`);
  return { key, pub: fs.readFileSync(`${key}.pub`, 'utf8') };
}

export interface SftpRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sftpArgs(options: { port: number; user: string; key: string; batch: string }): string[] {
  return [
    '-b',
    options.batch,
    '-i',
    options.key,
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'BatchMode=yes',
    // Only the key given: not the agent's nor ~/.ssh's, which would count as failed attempts.
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'LogLevel=ERROR',
    '-P',
    String(options.port),
    `${options.user}@127.0.0.1`,
  ];
}

/**
 * Runs `sftp -b` with the given batch lines. Asynchronous on purpose: the server runs in this
 * process, so a synchronous child would block the very event loop that must answer it.
 */
export function startSftp(options: {
  port: number;
  user: string;
  key: string;
  lines: string[];
  cwd: string;
  extraArgs?: string[];
}): { child: ChildProcess; done: Promise<SftpRun> } {
  const batch = path.join(options.cwd, `batch-${Math.random().toString(36).slice(2)}.txt`);
  fs.writeFileSync(batch, `${options.lines.join('\n')}\n`);
  const child = spawn('sftp', [...(options.extraArgs ?? []), ...sftpArgs({ ...options, batch })], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<SftpRun>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

export function sftp(options: Parameters<typeof startSftp>[0]): Promise<SftpRun> {
  return startSftp(options).done;
}

/** A server on a free port of 127.0.0.1 that records every completed upload. */
export async function startTestServer(
  options: Omit<SftpServerOptions, 'host' | 'port' | 'logger' | 'onUploadComplete'> & {
    onUploadComplete?: SftpServerOptions['onUploadComplete'];
  },
) {
  const uploads: (UploadComplete & { content: Buffer })[] = [];
  const server = await startSftpServer({
    host: '127.0.0.1',
    port: 0,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    onUploadComplete: async (u) => {
      uploads.push({ ...u, content: fs.readFileSync(u.path) });
      await options.onUploadComplete?.(u);
    },
    ...options,
  });
  return { server, uploads };
}

/** Signs in with ssh2's own client (password sign-in: OpenSSH's sftp cannot take one in batch). */
export function ssh2Connect(options: {
  port: number;
  username: string;
  password?: string;
  privateKey?: string | Buffer;
  hostVerifier?: (key: Buffer) => boolean;
}): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    // A server that hangs up without an error message still means "refused".
    client.once('close', () => reject(new Error('connection closed before sign-in')));
    client.connect({
      host: '127.0.0.1',
      port: options.port,
      username: options.username,
      password: options.password,
      privateKey: options.privateKey,
      hostVerifier: options.hostVerifier ?? (() => true),
      readyTimeout: 10_000,
    });
  });
}

/** Lists folders over one ssh2 SFTP session (the server allows one per connection). */
export function ssh2List(client: ssh2.Client, dirs: string[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    client.sftp((err, s) => {
      if (err) return reject(err);
      const one = (dir: string) =>
        new Promise<string[]>((res, rej) =>
          s.readdir(dir, (e, list) => (e ? rej(e) : res(list.map((l) => l.filename).sort()))),
        );
      Promise.all(dirs.map(one)).then(resolve, reject);
    });
  });
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
