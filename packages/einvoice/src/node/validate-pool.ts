/**
 * Files judged on several cores for `chorale validate --jobs N`: this thread and N − 1 worker
 * threads (validate-worker.ts), each reading and validating whole files, the workers fed a
 * few files ahead so none waits; lines are handed back in the order of the files, whatever
 * order they finish in. This thread judges files too: it has the validator loaded and warm,
 * while a worker spends its first few hundred milliseconds loading it (bench:validate measured
 * --jobs 2 at 0.97× --jobs 1 with two workers and an idle main thread). What a second core
 * then gives depends on the machine: on a 2-vCPU VM where a file costs ~35 % more CPU when
 * both run, --jobs 2 matched two separate processes (1.10–1.26×, decision 0012).
 */
import { Worker } from 'node:worker_threads';
import { judgeFile, type Judged, type JudgeOptions } from './judge-file.js';
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
 * Judges `files` on this thread and `jobs` − 1 workers; `done(index, judged)` is called in
 * file order (index 0, 1, 2…). At most `window` files are judged ahead of the last one handed
 * back. Resolves when every file is judged and the workers have stopped.
 */
export async function judgeInPool(
  files: string[],
  jobs: number,
  options: JudgeOptions,
  done: (index: number, judged: Judged) => void,
  window = WINDOW,
): Promise<void> {
  if (files.length === 0) return;
  const workers = Array.from({ length: Math.min(jobs, files.length) - 1 }, startWorker);
  const results = new Map<number, Judged>();
  let next = 0; // next file to take
  let emitted = 0; // next file to hand back
  try {
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      /** Wakes this thread's loop when lines handed back open the window again. */
      let wake: (() => void) | undefined;
      const accept = (id: number, judged: Judged): boolean => {
        results.set(id, judged);
        while (results.has(emitted)) {
          const line = results.get(emitted)!;
          results.delete(emitted);
          done(emitted, line);
          emitted++;
        }
        if (emitted === files.length) {
          resolve();
          return true;
        }
        wake?.();
        // Lines handed back make room: paused workers take files again.
        while (idle.length > 0 && next < files.length && next - emitted < window) send(idle.pop()!);
        return false;
      };
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
          if (!accept(a.id, { line: a.line, status: a.status })) send(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (emitted < files.length)
            reject(new Error(`a validation worker stopped (exit code ${code})`));
        });
        for (let k = 0; k < AHEAD; k++) send(w);
      }
      // This thread's share: the next file whenever it is free, yielding between files so
      // the workers' answers are taken (and they are sent more) without waiting for it.
      const local = async (): Promise<void> => {
        while (next < files.length) {
          if (next - emitted >= window) {
            await new Promise<void>((r) => (wake = r));
            wake = undefined;
            continue;
          }
          const id = next++;
          if (accept(id, await judgeFile(files[id]!, options))) return;
          await new Promise<void>((r) => setImmediate(r));
        }
      };
      local().catch(reject);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
