/** The account an SFTP connection signed in as: an API client of a structure. */
export interface SftpAccount {
  clientId: string;
  structureId: string;
}

/** One sign-in attempt, as the transport hands it to the platform. */
export type SftpAuthRequest =
  | { method: 'password'; username: string; password: string; ip: string }
  /** `keyBlob`: the public key offered, SSH wire format; the transport checks the signature. */
  | { method: 'publickey'; username: string; keyBlob: Buffer; ip: string };

/**
 * A file fully received in `in/` (written to a temporary name, then moved here on CLOSE).
 * The receiver owns the file from then on: it may move or delete it. If it throws, the file is
 * removed and the client's CLOSE (or RENAME) fails, so the client knows to send it again.
 */
export interface UploadComplete extends SftpAccount {
  /** Absolute path of the file on this server: `${root}/<structureId>/<clientId>/in/<name>`. */
  path: string;
  name: string;
  size: number;
}

/**
 * A file of `out/` the client read to its end (closed after reading every byte) or removed:
 * how the platform learns that an outbound file was picked up. Errors of the receiver are
 * logged, never turned into a failure of the client's request (its read or removal happened).
 */
export interface OutFileEvent extends SftpAccount {
  name: string;
}

/** The part of pino's interface the transport uses (Fastify's `app.log` fits). */
export interface SftpLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
