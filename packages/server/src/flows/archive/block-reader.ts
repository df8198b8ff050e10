/**
 * The zip file as yauzl reads it (a `RandomAccessReader`), through two cached blocks of
 * 256 KiB. yauzl reads a zip in small pieces — each central directory record, each local
 * header, each small entry's data: four reads of a few dozen bytes to a few KiB per entry,
 * each a trip through libuv's thread pool. Those pieces lie in two runs (the central directory
 * at the end of the file, the entries in order from its start), so two blocks — the most
 * recently used ones — serve nearly all of them: a 10,000-entry flow takes a few dozen reads
 * instead of some 40,000.
 *
 * Invariants: memory is two blocks; what a read hands out is copied from a block (nothing
 * keeps a block alive); reads larger than a block, and entries streamed by yauzl
 * (`_readStreamForRange`), go to the file directly.
 */
import { close, read } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

const BLOCK_BYTES = 256 * 1024;
/** Reads of a streamed (large) entry. */
const STREAM_CHUNK_BYTES = 64 * 1024;

interface Block {
  start: number;
  bytes: Buffer;
}

export class BlockReader extends yauzl.RandomAccessReader {
  /** Most recently used first; at most two. */
  private blocks: Block[] = [];

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super();
  }

  private cached(position: number, length: number): Block | undefined {
    for (const [i, block] of this.blocks.entries()) {
      if (position >= block.start && position + length <= block.start + block.bytes.length) {
        if (i > 0) this.blocks = [block, ...this.blocks.filter((b) => b !== block)];
        return block;
      }
    }
    return undefined;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    const hit = this.cached(position, length);
    if (hit) {
      hit.bytes.copy(buffer, offset, position - hit.start, position - hit.start + length);
      process.nextTick(callback, null, length);
      return;
    }
    if (length > BLOCK_BYTES || position >= this.size) {
      read(this.fd, buffer, offset, length, position, (error, n) => callback(error, n));
      return;
    }
    const bytes = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.size - position));
    read(this.fd, bytes, 0, bytes.length, position, (error, n) => {
      if (error) return callback(error);
      const block = { start: position, bytes: bytes.subarray(0, n) };
      this.blocks = [block, ...this.blocks.slice(0, 1)];
      const given = Math.min(n, length);
      block.bytes.copy(buffer, offset, 0, given);
      callback(null, given);
    });
  }

  /** `length` bytes at `position`, in a buffer of their own; fewer at the end of the file. */
  readRange(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    return new Promise((resolve, reject) =>
      this.read(buffer, 0, length, position, (error, n) =>
        error ? reject(error) : resolve(buffer.subarray(0, n ?? 0)),
      ),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    // Not fs.createReadStream: destroying one closes its descriptor, and yauzl destroys the
    // stream of an entry given up (a limit crossed) while the descriptor serves the others.
    let position = start;
    const stream: Readable = new Readable({
      highWaterMark: STREAM_CHUNK_BYTES,
      read: (size) => {
        const length = Math.min(Math.max(size, STREAM_CHUNK_BYTES), end - position);
        if (length <= 0) return void stream.push(null);
        const chunk = Buffer.allocUnsafe(length);
        read(this.fd, chunk, 0, length, position, (error, n) => {
          if (error) return void stream.destroy(error);
          if (n === 0) return void stream.destroy(new Error('unexpected end of file'));
          position += n;
          stream.push(chunk.subarray(0, n));
        });
      },
    });
    return stream;
  }

  override close(callback: (err: Error | null) => void): void {
    this.blocks = [];
    close(this.fd, (error) => callback(error ?? null));
  }
}
