/**
 * Files judged on several cores for `chorale validate --jobs N`: N worker threads
 * (validate-worker.ts), each reading and validating whole files, fed a few files ahead so
 * none waits; lines are handed back in the order of the files, whatever order they finish in.
 */
import { Worker } from 'node:worker_threads';
import type { Judged, JudgeOptions } from './judge-file.js';
import type { WorkerAnswer, WorkerTask } from './validate-worker.js';

/** Files sent ahead to each worker, so it never waits for the next one. */
const AHEAD = 4;
/**
 * Files judged but not yet handed back, at most: when one file takes long (a large invoice),
 * the others' lines wait for it in memory, so the workers pause beyond this many.
 */
const WINDOW = 1024;

/**
 * The worker's module beside this one: the build's .js, or the source's .ts when running
 * from sources (tests, tsx), loaded through tsx as the sources import each other.
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Worker(
    new URL(fromSource ? './validate-worker.ts' : './validate-worker.js', import.meta.url),
    {
      execArgv: fromSource ? ['--import', 'tsx'] : [],
    },
  );
}

/**
 * Judges `files` on `jobs` workers; `done(index, judged)` is called in file order (index 0,
 * 1, 2…). At most `window` files are judged ahead of the last one handed back. Resolves when
 * every file is judged and the workers have stopped.
 */
export async function judgeInPool(
  files: string[],
  jobs: number,
  options: JudgeOptions,
  done: (index: number, judged: Judged) => void,
  window = WINDOW,
): Promise<void> {
  if (files.length === 0) return;
  const workers = Array.from({ length: Math.min(jobs, files.length) }, startWorker);
  const results = new Map<number, Judged>();
  let next = 0; // next file to send
  let emitted = 0; // next file to hand back
  try {
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      const send = (w: Worker) => {
        if (next >= files.length) return;
        if (next - emitted >= window) {
          idle.push(w);
          return;
        }
        const task: WorkerTask = { id: next, file: files[next]!, ...options };
        next++;
        w.postMessage(task);
      };
      for (const w of workers) {
        w.on('message', (a: WorkerAnswer) => {
          results.set(a.id, { line: a.line, status: a.status });
          while (results.has(emitted)) {
            const judged = results.get(emitted)!;
            results.delete(emitted);
            done(emitted, judged);
            emitted++;
          }
          if (emitted === files.length) {
            resolve();
            return;
          }
          send(w);
          // Lines handed back make room: paused workers take files again.
          while (idle.length > 0 && next < files.length && next - emitted < window)
            send(idle.pop()!);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (emitted < files.length)
            reject(new Error(`a validation worker stopped (exit code ${code})`));
        });
        for (let k = 0; k < AHEAD; k++) send(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
