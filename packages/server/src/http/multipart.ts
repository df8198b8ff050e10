import type { FastifyRequest } from 'fastify';

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
    onField: (field: string, value: unknown) => void;
  },
): Promise<void> {
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      handlers.onFile({
        field: part.fieldname,
        filename: part.filename,
        mediaType: part.mimetype,
        bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
        truncated: part.file.truncated,
      });
    } else {
      handlers.onField(part.fieldname, part.value);
    }
  }
}
