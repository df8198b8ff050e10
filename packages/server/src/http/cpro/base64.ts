import { AppError } from '../../lib/errors.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A file sent as base64 in a JSON field: line breaks tolerated (some clients wrap at 76),
 * anything else not base64 refused, and the decoded size checked before decoding.
 */
export function decodeBase64File(text: string, field: string, maxBytes: number): Uint8Array {
  const compact = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, '') : text;
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new AppError('VALIDATION_FAILED', `${field} is not base64`, {
      details: [{ pointer: field, message: 'not base64' }],
    });
  }
  const size =
    (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
  if (size > maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${field} is ${size} bytes: at most ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MB) are accepted (GDP_MSG_11.022)`,
      { details: [{ pointer: field, message: 'file too large' }] },
    );
  }
  if (size === 0)
    throw new AppError('VALIDATION_FAILED', `${field} is empty`, {
      details: [{ pointer: field, message: 'empty file' }],
    });
  return Buffer.from(compact, 'base64');
}
