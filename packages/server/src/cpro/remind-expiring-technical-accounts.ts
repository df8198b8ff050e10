/**
 * The reminder before a technical password expires (the real service's users lose their
 * connection without warning): once per password, TECHNICAL_ACCOUNT_REMINDER_DAYS before its
 * expiry, a mail in French and English to every gestionnaire principal of the structure, who
 * may each generate a new password. Each account is claimed (reminded_at) before its mail is
 * sent, so two runs never mail twice; a rotation re-arms the reminder.
 *
 * Run daily by the operator (`chorale cpro remind-expiring`, e.g. from cron).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { immediateAddressees } from '../events/preferences.js';
import { recordEvents } from '../events/record-event.js';
import type { Mailer } from '../lib/mailer.js';
import { DAY_MS, TECHNICAL_ACCOUNT_REMINDER_DAYS } from './technical-account.js';

const dayFr = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dayEn = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' });

export async function remindExpiringTechnicalAccounts(options: {
  db: Kysely<DB>;
  mailer: Mailer;
  /** Base URL of the portal, for the link to the technical accounts' screen. */
  publicUrl: string;
  now?: Date;
}): Promise<{ accounts: number; mails: number }> {
  const { db } = options;
  const now = options.now ?? new Date();
  const horizon = new Date(now.getTime() + TECHNICAL_ACCOUNT_REMINDER_DAYS * DAY_MS);
  // The claim and its events (bell, webhooks, credential.expiring) commit together.
  const claimed = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('cpro_technical_account')
      .set({ reminded_at: now })
      .where('active', '=', true)
      .where('reminded_at', 'is', null)
      .where('expires_at', '<=', horizon)
      .where('expires_at', '>', now)
      .returning(['id', 'login', 'structure_id', 'expires_at'])
      .execute();
    await recordEvents(
      trx,
      rows.map((account) => ({
        type: 'credential.expiring' as const,
        structureId: account.structure_id,
        audience: 'GESTIONNAIRE' as const,
        data: {
          credential: { kind: 'TECHNICAL_ACCOUNT', id: account.id, login: account.login },
          expiresAt: account.expires_at.toISOString(),
        },
        at: now,
      })),
    );
    return rows;
  });
  let mails = 0;
  for (const account of claimed) {
    const structure = await db
      .selectFrom('structure')
      .select(['identifier', 'name'])
      .where('id', '=', account.structure_id)
      .executeTakeFirstOrThrow();
    const managers = await db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .select('app_user.email')
      .where('membership.structure_id', '=', account.structure_id)
      .where('membership.role', '=', 'GESTIONNAIRE_PRINCIPAL')
      .orderBy('app_user.email')
      .execute();
    const link = `${options.publicUrl.replace(/\/$/, '')}/structure/comptes-techniques`;
    const fr = dayFr.format(account.expires_at);
    const en = dayEn.format(account.expires_at);
    const wanted = await immediateAddressees(
      db,
      managers.map((m) => m.email),
      'credential.expiring',
    );
    for (const m of managers.filter((x) => wanted.includes(x.email))) {
      await options.mailer.send({
        to: m.email,
        subject: `Compte technique ${account.login} : le mot de passe expire le ${fr} / password expires on ${en}`,
        text: [
          `Le mot de passe du compte technique ${account.login} de ${structure.name} (${structure.identifier}) expire le ${fr}.`,
          'Après cette date, les logiciels qui l’utilisent dans l’en-tête « cpro-account » seront refusés.',
          `Tout gestionnaire de la structure peut en générer un nouveau : ${link}`,
          '',
          `The password of technical account ${account.login} of ${structure.name} (${structure.identifier}) expires on ${en}.`,
          'After that date, software sending it in the "cpro-account" header will be refused.',
          `Any manager of the structure can generate a new one: ${link}`,
        ].join('\n'),
      });
      mails++;
    }
  }
  return { accounts: claimed.length, mails };
}
