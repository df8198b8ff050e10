import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { AppError } from '../lib/errors.js';

/** A file part of a multipart form, read whole. */
export interface MultipartFile {
  /** The form field it came in. */
  field: string;
  filename: string;
  /** As the client declared it; may be empty. */
  mediaType: string;
  /**
   * A view of the part's buffer, not a copy: read it, never write to it. Over the file size
   * limit registered with @fastify/multipart it is cut at limit + 1 byte and `truncated` is set.
   */
  bytes: Uint8Array;
  truncated: boolean;
}

/** Errors of the multipart parser itself (a body cut short, a malformed part header…). */
const readErrors = new WeakSet<object>();

const unreadable = (cause: unknown) =>
  new AppError(
    'BAD_REQUEST',
    'The multipart body could not be read: it is cut short or malformed',
    { cause, fr: 'Le corps multipart est illisible : il est tronqué ou mal formé' },
  );

/** Whether an error has its own 4xx status (the parser's limits: 413, 406…). */
const clientStatus = (error: unknown) => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/**
 * The parser's error as a 400 problem when `error` is one (or was caused by one); undefined
 * for anything else. A file stream handed to a use case fails with the parser's error when the
 * body is cut short: the route maps it here.
 */
export function multipartReadError(error: unknown): AppError | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (readErrors.has(e)) return unreadable(e);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The parts of a multipart request, in the order sent; a body the parser cannot read (cut
 * short, malformed) is a 400, never an internal error, whether it fails between parts or inside
 * a file's stream.
 */
export async function* multipartParts(request: FastifyRequest): AsyncGenerator<Multipart> {
  const iterator = request.parts()[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await iterator.next();
    } catch (error) {
      if (error instanceof AppError || clientStatus(error)) throw error;
      throw unreadable(error);
    }
    if (next.done) return;
    const part = next.value;
    if (part.type === 'file') {
      const mark = (error: unknown) => {
        if (error && typeof error === 'object' && !clientStatus(error)) readErrors.add(error);
      };
      // The whole body may be parsed (and failed) before the part is taken.
      if (part.file.errored) mark(part.file.errored);
      part.file.once('error', mark);
    }
    yield part;
  }
}

/**
 * Reads a multipart form part by part, in the order sent, handing each file and each field to
 * the caller as soon as it is read: a handler that throws stops the reading there, so a form
 * that grows too large (or holds an unexpected part) is refused before the rest is read.
 * Memory holds one file at a time beyond what the handlers keep.
 */
export async function readMultipart(
  request: FastifyRequest,
  handlers: {
    onFile: (file: MultipartFile) => void;
    onField: (field: string, value: unknown, mediaType: string) => void;
  },
): Promise<void> {
  for await (const part of multipartParts(request)) {
    if (part.type === 'file') {
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch (error) {
        throw multipartReadError(error) ?? (clientStatus(error) ? error : unreadable(error));
      }
      handlers.onFile({
        field: part.fieldname,
        filename: part.filename,
        mediaType: part.mimetype,
        bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
        truncated: part.file.truncated,
      });
    } else {
      handlers.onField(part.fieldname, part.value, part.mimetype);
    }
  }
}
