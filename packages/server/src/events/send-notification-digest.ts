/**
 * The daily digest: one mail per user who chose DIGEST for some event types, listing those
 * events of the window since their last digest (at most a day back). Run daily by the operator
 * (`chorale notifications digest`, e.g. from cron). Each user's window is claimed (digest_until)
 * before the mail is sent: a crash loses that digest rather than sending it twice.
 */
import { statusLabel } from '@chorale/einvoice/statuses';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../lib/mailer.js';
import { eventsVisibleTo } from './audience.js';
import type { EventType } from './model.js';

const DAY_MS = 24 * 3600 * 1000;
/** Lines listed in one digest; the rest is counted. */
const DIGEST_LINES = 50;

const labels: Record<EventType, string> = {
  'invoice.made_available': 'Facture mise à disposition / invoice made available',
  'invoice.status_changed': 'Statut de facture modifié / invoice status changed',
  'sollicitation.opened': 'Sollicitation ouverte / request opened',
  'sollicitation.answered': 'Sollicitation répondue / request answered',
  'flow.report_ready': 'Compte rendu de flux prêt / flow report ready',
  'credential.expiring': 'Identifiant bientôt expiré / credential about to expire',
};

function line(type: EventType, data: Record<string, unknown>): string {
  const invoice = data.invoice as { number?: string } | undefined;
  const flow = data.flow as { id?: string } | undefined;
  // Statuses in the portal's words, French / English (the digest is one list for both).
  const status = data.newStatus
    ? ` → ${statusLabel(String(data.newStatus), 'fr')} / ${statusLabel(String(data.newStatus), 'en')}`
    : '';
  const detail = invoice?.number
    ? ` ${invoice.number}${status}`
    : flow?.id
      ? ` ${flow.id} (${String(data.state)})`
      : '';
  return `- ${labels[type]}${detail}`;
}

export async function sendNotificationDigest(options: {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  now?: Date;
}): Promise<{ users: number; mails: number }> {
  const { db } = options;
  const now = options.now ?? new Date();
  const users = await db
    .selectFrom('notification_preference as p')
    .innerJoin('app_user as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.email'])
    .select((eb) => eb.fn.agg<string[]>('array_agg', ['p.type']).as('types'))
    .where('p.mode', '=', 'DIGEST')
    .groupBy(['u.id', 'u.email'])
    .orderBy('u.id')
    .execute();
  let mails = 0;
  for (const user of users) {
    const claimed = await db.transaction().execute(async (trx) => {
      const state = await trx
        .selectFrom('notification_state')
        .select('digest_until')
        .where('user_id', '=', user.id)
        .forUpdate()
        .executeTakeFirst();
      const dayAgo = new Date(now.getTime() - DAY_MS);
      const since =
        state?.digest_until && state.digest_until > dayAgo ? state.digest_until : dayAgo;
      if (since >= now) return undefined;
      await trx
        .insertInto('notification_state')
        .values({ user_id: user.id, digest_until: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ digest_until: now }))
        .execute();
      return since;
    });
    if (!claimed) continue;
    const events = await eventsVisibleTo(db, user.id, claimed)
      .select(['e.type', 'e.payload', 'e.created_at'])
      .where('e.created_at', '<=', now)
      .where('e.type', 'in', user.types)
      .orderBy('e.created_at')
      .limit(DIGEST_LINES + 1000)
      .execute();
    if (events.length === 0) continue;
    const shown = events.slice(0, DIGEST_LINES);
    await options.mailer.send({
      to: user.email,
      subject: `Chorale : ${events.length} notification(s) des dernières 24 h / in the last 24 hours`,
      text: [
        ...shown.map((e) => line(e.type as EventType, e.payload)),
        ...(events.length > shown.length
          ? [`… et ${events.length - shown.length} autre(s) / and more`]
          : []),
        '',
        `${options.publicUrl.replace(/\/$/, '')}/notifications`,
      ].join('\n'),
    });
    mails++;
  }
  return { users: users.length, mails };
}
