import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { AuditEvent } from './model.js';
import { recordAudit } from './audit.js';
import { verifyPassword } from './crypto.js';

/**
 * A signed-in user proves again that they know their password before a change that weakens or
 * takes over the account (new password, second factor off). A wrong one is audited under
 * `failedEvent` and refused at the form's field `pointer`.
 */
export async function confirmPassword(options: {
  db: Kysely<DB>;
  userId: string;
  /** The user's stored hash, read by the caller with the rest of its row. */
  passwordHash: string;
  password: string;
  pointer: string;
  failedEvent: AuditEvent;
  ip?: string | null;
}): Promise<void> {
  if (await verifyPassword(options.passwordHash, options.password)) return;
  await recordAudit(options.db, {
    event: options.failedEvent,
    subjectUserId: options.userId,
    actorUserId: options.userId,
    ip: options.ip ?? null,
  });
  throw new AppError('VALIDATION_FAILED', 'The password is wrong', {
    details: [{ pointer: options.pointer, message: 'The password is wrong' }],
  });
}
