import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';

/** A request body over this (or of unknown length) is large: it passes the gate. */
export const LARGE_BODY_BYTES = 1024 * 1024;

export interface GateLimits {
  /** Large deposits and completions read and checked at once. */
  slots: number;
  /** Further ones waiting for a slot; beyond, 503 at once. */
  queue: number;
  /** How long one waits at most before its 503. */
  waitMs: number;
}

/** The bounds of the gate, as the API documentation states them. */
export const LARGE_BODY_LIMITS: Readonly<GateLimits> = {
  slots: 2,
  queue: 8,
  waitMs: 30_000,
};

/**
 * Bounds how many large multipart bodies (deposits, completions: up to 130 MB each, read into
 * memory and parsed) are processed at once, so memory stays bounded by slots × one deposit's
 * peak whatever the number of callers. The others wait in order; when the queue is full or the
 * wait too long, the caller gets a 503 problem with Retry-After and may send again.
 */
export class LargeBodyGate {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: Readonly<GateLimits> = LARGE_BODY_LIMITS) {}

  /** Whether `request` must pass the gate: multipart with no length or over 1 MB. */
  static isLarge(request: FastifyRequest): boolean {
    if (!request.isMultipart()) return false;
    const length = Number(request.headers['content-length']);
    return !Number.isFinite(length) || length > LARGE_BODY_BYTES;
  }

  /** Waits for a slot; call the function it gives back once the body is processed. */
  async enter(): Promise<() => void> {
    if (this.busy < this.limits.slots) {
      this.busy++;
      return this.releaser();
    }
    if (this.waiting.length >= this.limits.queue) throw busy();
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(busy());
      }, this.limits.waitMs);
      this.waiting.push(wake);
    });
    // The slot was handed over by the releaser: busy was not decremented for us.
    return this.releaser();
  }

  /** How many large bodies are being processed now (tests, metrics). */
  get inUse(): number {
    return this.busy;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    };
  }
}

const busy = () =>
  new AppError(
    'UNAVAILABLE',
    `Too many large deposits are being processed (${LARGE_BODY_LIMITS.slots} at once): send again in a few seconds`,
    {
      fr: `Trop de gros dépôts sont en cours de traitement (${LARGE_BODY_LIMITS.slots} à la fois) : renvoyez dans quelques secondes`,
    },
  );
