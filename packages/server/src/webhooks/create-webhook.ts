import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.js';
import type { SystemActor, UserActor } from '../accounts/model.js';
import type { WebhookSettings } from '../config.js';
import type { DB } from '../db/schema.js';
import type { EventType } from '../events/model.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { checkEventTypes, checkWebhookUrl, MAX_WEBHOOKS_PER_STRUCTURE } from './model.js';
import { sealSecret, webhookKeyFor } from './secret-box.js';
import { newSigningSecret } from './signature.js';
import { structureForWebhooks } from './webhook-access.js';

export interface CreatedWebhook {
  id: string;
  url: string;
  events: EventType[];
  createdAt: Date;
  /** Shown once: the platform keeps it encrypted, to sign, and never shows it again. */
  secret: string;
}

/**
 * A gestionnaire principal subscribes a URL of the structure to some event types. The signing
 * secret is made here, returned once and kept sealed (secret-box.ts).
 */
export async function createWebhook(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  identifier: string;
  url: string;
  events: readonly string[];
  settings: WebhookSettings;
  ip?: string | null;
}): Promise<CreatedWebhook> {
  const { db, actor } = options;
  const structure = await structureForWebhooks(options);
  const url = checkWebhookUrl(options.url, options.settings.allowLoopbackHttp);
  const events = checkEventTypes(options.events);
  const secret = newSigningSecret();
  const sealed = sealSecret(await webhookKeyFor(db, options.settings.secretKey), secret);
  const id = newId('webhook');
  const createdBy = actor.kind === 'user' ? actor.userId : null;
  const created = await db.transaction().execute(async (trx) => {
    // The structure row is locked so two creations cannot both pass the limit.
    await trx
      .selectFrom('structure')
      .select('id')
      .where('id', '=', structure.id)
      .forUpdate()
      .execute();
    const { n } = await trx
      .selectFrom('webhook')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('structure_id', '=', structure.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_WEBHOOKS_PER_STRUCTURE) {
      throw new AppError(
        'CONFLICT',
        `A structure has at most ${MAX_WEBHOOKS_PER_STRUCTURE} webhooks: delete one first`,
      );
    }
    const row = await trx
      .insertInto('webhook')
      .values({
        id,
        structure_id: structure.id,
        url,
        events,
        secret_enc: sealed,
        created_by: createdBy,
      })
      .returning('created_at')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      event: 'WEBHOOK_CREATED',
      actorUserId: createdBy,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { webhookId: id, url, events },
    });
    return row;
  });
  return { id, url, events, createdAt: created.created_at, secret };
}
