/**
 * Helpers of the crash test: a fresh database location, the real server as a child process
 * (killed with SIGKILL or stopped with SIGTERM), and reading the mails the SMTP sink received.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { SmtpSink } from '../../src/lib/smtp-sink.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = path.join(root, 'packages/server/src/cli/main.ts');

/** Where the server keeps its data: a PGlite folder, or a fresh PostgreSQL database. */
export interface Location {
  env: NodeJS.ProcessEnv;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export async function freshLocation(dataDir: string): Promise<Location> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      drop: async () => undefined,
    };
  }
  const name = `chorale_crash_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    env: { DATABASE_URL: databaseUrl },
    open: () => openDatabase({ databaseUrl, poolSize: 2 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string | null>;
}

/**
 * Starts `chorale serve` in its own Node process. Node runs the TypeScript through tsx's
 * loader (`--import tsx`) rather than the `tsx` binary: that binary runs the program in a
 * grandchild process, which a SIGKILL of the binary would leave running.
 */
export function startServer(
  location: Location,
  smtpUrl: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  return spawnServer(location, smtpUrl, extraEnv).ready;
}

/**
 * The server process as soon as it is spawned (a test may kill it while it starts), and
 * `ready`: resolves once it listens, rejects if it exits before.
 */
export function spawnServer(
  location: Location,
  smtpUrl: string,
  extraEnv: NodeJS.ProcessEnv = {},
): {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | string | null>;
  ready: Promise<ServerProcess>;
} {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...location.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SMTP_URL: smtpUrl,
    PUBLIC_URL: 'http://chorale.test',
    ...extraEnv,
  };
  if (!location.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const output = () => out;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const ready = new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running on http:\/\/localhost:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${match[1]}`, output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}) before it was ready:\n${out}`));
    });
  });
  return { child, output, exited, ready };
}

/** Runs a `chorale` command in a child process on the location's database, as an admin would. */
export function runCli(
  location: Location,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...location.env, LOG_LEVEL: 'warn' };
  if (!location.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Decodes RFC 2047 encoded-words (B and Q) of a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, enc: string, text) => {
      const bytes =
        enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' '));
      return bytes.toString('utf8');
    });
}

function qpBytes(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(out);
}

/** Subject and decoded text body of a raw single-part message. */
export function readMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? qpBytes(body.replace(/=\r\n/g, '')).toString('utf8')
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { subject: decodeHeader(header('Subject')), text };
}

/** Polls `check` until it returns true, or throws after `timeoutMs`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Ends what a crash test leaves behind, whatever point it failed at: a server still running
 * (SIGKILL: nothing of it matters any more), the SMTP sink, the database, the temporary folder.
 */
export async function tearDown(parts: {
  server: ServerProcess | undefined;
  sink: SmtpSink | undefined;
  location: Location | undefined;
  dir: string;
}): Promise<void> {
  const { server } = parts;
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  await parts.sink?.close();
  await parts.location?.drop();
  fs.rmSync(parts.dir, { recursive: true, force: true });
}
