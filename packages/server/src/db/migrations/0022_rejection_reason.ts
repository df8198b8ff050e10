import { sql, type Kysely } from 'kysely';

/**
 * The reason code of a rejection (issue 15): one of model.ts `rejectionReasons`, set when the
 * recipient moves the invoice to REJETEE (the free text stays in the journal row). Null for
 * every other invoice, and for those rejected before this migration.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invoice add column rejection_reason text
    check (rejection_reason in ('DOUBLON','DESTINATAIRE_ERRONE','SERVICE_ERRONE',
      'ENGAGEMENT_ABSENT_OU_ERRONE','MONTANT_OU_TVA_ERRONE','PIECE_JOINTE_MANQUANTE','AUTRE'))`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table invoice drop column rejection_reason`.execute(db);
}
