/**
 * The one rule set for files sent with an invoice — at deposit (HTTP form, flows) and in a
 * completion — and the one type they arrive as. A refusal is PIECE_JOINTE_REFUSEE naming the
 * first file at fault, in French and English.
 */
import { refuse } from './deposit-checks.js';
import {
  ATTACHMENT_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_NAME,
  MAX_TOTAL_ATTACHMENT_BYTES,
} from './model.js';

/** A file as it arrives (form part, flow entry, base64 in JSON), read whole. */
export interface IncomingFile {
  bytes: Uint8Array;
  filename: string;
  mediaType: string;
}

const extensions = new Set<string>(ATTACHMENT_EXTENSIONS);
const MB = 1024 * 1024;

/**
 * Refuses the first attachment breaking a rule: a name of 1 to 50 characters (code points, not
 * UTF-16 units) without control characters or path separators, an accepted extension, 1 byte to
 * 10 MB; and 120 MB for all the invoice's attachments, `alreadyStored` bytes included (the
 * files of earlier completions).
 */
export function checkAttachments(files: readonly IncomingFile[], alreadyStored = 0): void {
  let total = alreadyStored;
  for (const f of files) {
    const name = f.filename;
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
    // Control characters and path separators have no place in a stored name (it is sent back in
    // a Content-Disposition header).
    // eslint-disable-next-line no-control-regex
    if (name.length === 0 || /[\u0000-\u001f\u007f-\u009f/\\]/.test(name)) {
      throw refuse(
        'PIECE_JOINTE_REFUSEE',
        `Le nom de pièce jointe « ${name} » est vide ou contient des caractères interdits.`,
        `Attachment name "${name}" is empty or contains forbidden characters.`,
      );
    }
    if ([...name].length > MAX_ATTACHMENT_NAME) {
      throw refuse(
        'PIECE_JOINTE_REFUSEE',
        `Le nom de pièce jointe « ${name} » dépasse ${MAX_ATTACHMENT_NAME} caractères.`,
        `Attachment name "${name}" is longer than ${MAX_ATTACHMENT_NAME} characters.`,
      );
    }
    if (!extensions.has(ext)) {
      throw refuse(
        'PIECE_JOINTE_REFUSEE',
        `La pièce jointe « ${name} » n’a pas une extension acceptée (${ATTACHMENT_EXTENSIONS.join(', ')}).`,
        `Attachment "${name}" does not have an accepted extension (${ATTACHMENT_EXTENSIONS.join(', ')}).`,
      );
    }
    if (f.bytes.byteLength === 0) {
      throw refuse(
        'PIECE_JOINTE_REFUSEE',
        `La pièce jointe « ${name} » est vide.`,
        `Attachment "${name}" is empty.`,
      );
    }
    if (f.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      throw refuse(
        'PIECE_JOINTE_REFUSEE',
        `La pièce jointe « ${name} » dépasse ${MAX_ATTACHMENT_BYTES / MB} Mo.`,
        `Attachment "${name}" is larger than ${MAX_ATTACHMENT_BYTES / MB} MB.`,
      );
    }
    total += f.bytes.byteLength;
  }
  if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
    throw refuse(
      'PIECE_JOINTE_REFUSEE',
      `Les pièces jointes dépassent ${MAX_TOTAL_ATTACHMENT_BYTES / MB} Mo au total.`,
      `The attachments exceed ${MAX_TOTAL_ATTACHMENT_BYTES / MB} MB in all.`,
    );
  }
}
