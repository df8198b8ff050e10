import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the real CLI in a child process: `chorale serve` on an ephemeral port with an embedded
// database in a temporary DATA_DIR. Checks readiness, graceful shutdown on SIGTERM, and that
// the data survive a restart. Always on PGlite: it is the embedded-database promise.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli/main.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-serve-'));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function serve(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  // Node with tsx's loader, not the tsx command: that one runs the server in a second process
  // and relays signals, and when the server does not acknowledge a relayed SIGTERM within 30 ms
  // (a loaded CI machine) it SIGKILLs it and exits 143, which is not the shutdown under test.
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--seed-demo'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running on (http:\/\/localhost:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('chorale serve (child process, embedded database)', () => {
  it('serves, shuts down gracefully on SIGTERM, and keeps its data across restarts', async () => {
    const first = await serve();
    const ready = await fetch(`${first.url.replace('localhost', '127.0.0.1')}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      database: 'pglite',
      checks: { database: 'ok', storage: 'ok', queue: 'ok' },
    });
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);

    // The second start finds the marker written by the first seeding: the data were kept.
    const second = await serve();
    const marker = await fetch(`${second.url.replace('localhost', '127.0.0.1')}/health/ready`);
    expect(marker.status).toBe(200);
    const exited2 = exitOf(second.child);
    second.child.kill('SIGTERM');
    expect(await exited2).toBe(0);
    expect(first.output()).toContain('demo data written');
    expect(second.output()).toContain('demo data already present');
    expect(second.output()).not.toMatch(/"level":(50|60)/);
  }, 120_000);
});
