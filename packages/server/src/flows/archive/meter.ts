import { Transform, type TransformCallback } from 'node:stream';

/**
 * Counts the bytes passing through, unchanged. `check` sees the running total and may throw
 * to stop the whole pipe (a limit crossed): the throw becomes the pipe's error.
 */
export class Meter extends Transform {
  bytes = 0;

  constructor(private readonly check: (bytes: number) => void = () => undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    try {
      this.check(this.bytes);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }
}
