/**
 * The real server for the HTTP benchmarks, in a child process of its own (server-child.ts), so
 * the clients and the server do not share one event loop.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/**
 * The server resolves @chorale/einvoice to the library's build: bring that build up to date
 * (incremental, a no-op when fresh) before anything imports it — hence the benchmarks' dynamic
 * imports of server modules after this call.
 */
export function buildEinvoice(): void {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/einvoice'],
    { cwd: root, stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('could not build packages/einvoice');
}

/** Brings the library's and the server's builds up to date (the `chorale` command runs the latter). */
export function buildServer(): void {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/einvoice', 'packages/server'],
    { cwd: root, stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('could not build packages/einvoice and packages/server');
}

/**
 * Starts the server on 127.0.0.1 (any free port) with `env` over this process's environment;
 * resolves with its base URL once it listens. `echoStderr`: what the server writes to stderr
 * after it has started is passed on to ours.
 */
export function startServer(
  env: Record<string, string>,
  options: { echoStderr?: boolean } = {},
): Promise<{ url: string; child: ChildProcess }> {
  return spawnListening(
    [
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
        : []),
      '--import',
      'tsx',
      join(root, 'bench/support/server-child.ts'),
    ],
    env,
    options,
  );
}

/**
 * Starts `chorale serve` as an operator would (packages/server/bin/chorale.mjs, the built
 * command: call buildServer() first), job worker included, on 127.0.0.1 (any free port).
 */
export function startChoraleServe(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  return spawnListening([join(root, 'packages/server/bin/chorale.mjs'), 'serve'], env, {});
}

function spawnListening(
  args: string[],
  env: Record<string, string>,
  options: { echoStderr?: boolean },
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      COOKIE_SECRET: 'bench-cookie-secret-bench-cookie-secret',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let url: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m && !url) {
        url = `http://127.0.0.1:${m[1]}`;
        resolve({ url, child });
      }
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
      if (url && options.echoStderr) process.stderr.write(c);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

/** Stops the server child (SIGTERM: it closes its worker and pool) and waits for it. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
