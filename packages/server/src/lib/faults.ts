/**
 * Faults of what the server stands on, told apart from its own bugs (decision 0016): the
 * database unreachable (PostgreSQL restarting, the network to it cut) and the disk full. They are
 * answered 503 (try again later) and 507 (storage full) problem documents, not a 500, and
 * they never lose a write that was answered as done.
 */

export type Fault = 'UNAVAILABLE' | 'STORAGE_FULL';

/** Node's socket errors when a peer is away or went away. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * PostgreSQL's SQLSTATE classes and codes for a server going away or not taking connections:
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
 */
const unavailableStates = /^(08...|57P0[123]|53300)$/;

/** 53100 disk_full, 53200 out_of_memory is not ours to name: only the disk. */
const diskFullStates = new Set(['53100']);

/** node-postgres's own messages for a connection that died or could not be made in time. */
const connectionMessages = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Connection terminated',
];

/** PGlite and PostgreSQL word a full disk like this when they lose the errno on the way. */
const diskFullMessage = /no space left on device|could not extend file|disk full/i;

/** The fault `error` (or one of its causes) is, if it is one. */
export function faultOf(error: unknown): Fault | undefined {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'ENOSPC' || code === 'EDQUOT') return 'STORAGE_FULL';
    if (typeof code === 'string' && diskFullStates.has(code)) return 'STORAGE_FULL';
    if (typeof code === 'string' && (connectionCodes.has(code) || unavailableStates.test(code))) {
      return 'UNAVAILABLE';
    }
    if (typeof message === 'string') {
      if (diskFullMessage.test(message)) return 'STORAGE_FULL';
      if (connectionMessages.some((m) => message.startsWith(m))) return 'UNAVAILABLE';
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
