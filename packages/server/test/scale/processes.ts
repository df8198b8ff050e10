/**
 * Several Chorale processes on one database, for the scale-out tests (decision 0020): any
 * `chorale` command in its own Node process (tsx's loader, as crash/harness.ts explains), ready
 * once its output matches a pattern, and stopped by SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = path.join(root, 'packages/server/src/cli/main.ts');

export interface ChoraleProcess {
  child: ChildProcess;
  /** The HTTP base URL: a server's, or a worker's /metrics and /health (--http-port). */
  url: string | undefined;
  output(): string;
  exited: Promise<number | string | null>;
  /** SIGTERM, then the exit code (a graceful stop is 0). */
  stop(): Promise<number | string | null>;
}

export function startChorale(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<ChoraleProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chorale ${args.join(' ')} did not start in time:\n${out}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        const port = /(?:running on|health on) http:\/\/localhost:(\d+)/.exec(out)?.[1];
        resolve({
          child,
          url: port ? `http://127.0.0.1:${port}` : undefined,
          output: () => out,
          exited,
          stop,
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`chorale ${args.join(' ')} exited (${String(code)}) before ready:\n${out}`));
    });
  });
}
