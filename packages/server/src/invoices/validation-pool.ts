/**
 * Where a deposit's XML is validated: in this thread (a single deposit), or in a small pool of
 * worker threads (flow integration), so that parsing and validating — most of an invoice's
 * CPU — run beside the event loop that drives PostgreSQL instead of between its round trips.
 * Both give the deposit the same report from the same `validate()`; the checks that judge it
 * (deposit-read.ts) are the same code either way.
 *
 * The pool is one per process, created on first use, sized to the machine's cores (at most
 * 4); its threads are unref'd and end after 30 s without work, so tests and short commands
 * exit. A thread that dies fails its pending validations (the caller's run is retried) and is
 * replaced on the next call. If threads cannot start at all, validation stays in this thread.
 *
 * Memory: each thread's heap is capped (128 MiB of old generation, room for a 10 MiB invoice);
 * invoices over 256 KiB all go to the first thread, so one heap grows for them, not every one;
 * one that overflows its thread's heap is validated in this thread instead.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { validate, type Invoice, type ValidationReport } from '@chorale/einvoice';
import {
  normalisedJson,
  type ValidationAnswer,
  type ValidationRequest,
} from './validation-worker.js';

export { normalisedJson };

/**
 * A validated XML invoice, and its model as stored when the validator already wrote it.
 * Invariant: when `modelJson` is given, `report.invoice` is the model WITHOUT its lines
 * (`lines: []`) — all the deposit's checks read (parties, references, dates, totals); the
 * whole model, lines included, is `modelJson`. Parsing the lines back only to store them
 * again cost the event loop most of a model's parse (3 ms and 10 MiB of garbage for an
 * 800-line invoice).
 */
export interface ValidatedXml {
  report: ValidationReport;
  modelJson?: string | undefined;
}

export type XmlValidator = (xml: Uint8Array | string) => Promise<ValidatedXml>;

export const validateInThread: XmlValidator = (xml) => Promise.resolve({ report: validate(xml) });

const IDLE_MS = 30_000;
/** An invoice above this size is large (see `validate`): typical ones are 15–30 KB. */
const LARGE_BYTES = 256 * 1024;
const THREAD_OLD_GENERATION_MB = 128;

interface PoolThread {
  worker: Worker;
  pending: Map<number, { resolve: (v: ValidatedXml) => void; reject: (e: unknown) => void }>;
  idle?: NodeJS.Timeout | undefined;
}

export class ValidationPool {
  private readonly threads: (PoolThread | undefined)[];
  private next = 0;
  private ids = 0;

  /** `oldGenerationMb`: each thread's heap cap (tests lower it). */
  constructor(
    readonly size: number,
    private readonly oldGenerationMb = THREAD_OLD_GENERATION_MB,
  ) {
    this.threads = new Array<PoolThread | undefined>(size);
  }

  validate: XmlValidator = (xml) => {
    // Large invoices all go to the first thread: validating one holds many times its size,
    // and one heap grown for them costs less memory than every thread's.
    const size = typeof xml === 'string' ? xml.length : xml.byteLength;
    const slot = size > LARGE_BYTES ? 0 : this.next++ % this.size;
    const thread = (this.threads[slot] ??= this.start(slot));
    const id = ++this.ids;
    clearTimeout(thread.idle);
    thread.idle = undefined;
    thread.worker.ref();
    // The bytes go as a copy of their own, moved to the thread rather than cloned: the
    // caller keeps its bytes (it stores them), and a view into a larger buffer (a read block,
    // Buffer's pool) would otherwise clone that whole buffer.
    const own = typeof xml === 'string' ? xml : new Uint8Array(xml);
    const answer = new Promise<ValidatedXml>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(
        { id, xml: own } satisfies ValidationRequest,
        typeof own === 'string' ? [] : [own.buffer],
      );
    });
    // A thread that ran out of its heap fails what it held: validated here instead (the
    // caller's bytes are still its own), the pool starts a new thread for the next ones.
    return answer.catch((error: unknown) => {
      if ((error as { code?: unknown })?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return validateInThread(xml);
      }
      throw error;
    });
  };

  private start(slot: number): PoolThread {
    // The worker module beside this one, with this module's own extension (.ts under tsx and
    // in tests, .js once built).
    const self = fileURLToPath(import.meta.url);
    const worker = new Worker(new URL(`./validation-worker${extname(self)}`, import.meta.url), {
      // V8 lets a heap grow towards its limit before collecting in earnest: without one, each
      // thread's heap floated to hundreds of MiB on a flow of 1 MB invoices. 128 MiB validates
      // a 10 MiB invoice (the largest accepted) with room; an invoice that still does not fit
      // is validated in this thread instead (validate, below).
      resourceLimits: { maxOldGenerationSizeMb: this.oldGenerationMb },
    });
    const thread: PoolThread = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (answer: ValidationAnswer) => {
      const waiting = thread.pending.get(answer.id);
      if (!waiting) return;
      thread.pending.delete(answer.id);
      if ('failure' in answer) waiting.reject(new Error(`validation thread: ${answer.failure}`));
      else {
        const invoice =
          answer.headJson === undefined ? undefined : (JSON.parse(answer.headJson) as Invoice);
        waiting.resolve({ report: { ...answer.report, invoice }, modelJson: answer.modelJson });
      }
      if (thread.pending.size === 0) {
        // Nothing pending: the thread no longer keeps the process alive, and ends when idle.
        worker.unref();
        thread.idle = setTimeout(() => void worker.terminate(), IDLE_MS).unref();
      }
    });
    const fail = (error: unknown) => {
      if (this.threads[slot] === thread) this.threads[slot] = undefined;
      for (const w of thread.pending.values()) w.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`validation thread exited (${code})`)));
    return thread;
  }
}

let shared: ValidationPool | undefined;
let unavailable = false;

/**
 * The process's validation pool, or in-thread validation when worker threads cannot run here
 * (checked once, with a probe validation).
 */
export async function sharedValidator(): Promise<XmlValidator> {
  if (unavailable) return validateInThread;
  if (!shared) {
    const pool = new ValidationPool(Math.max(1, Math.min(4, availableParallelism())));
    try {
      await pool.validate('<probe/>');
    } catch {
      unavailable = true;
      return validateInThread;
    }
    shared = pool;
  }
  return shared.validate;
}
