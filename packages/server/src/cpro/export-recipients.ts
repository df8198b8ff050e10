/**
 * transverses/v1/telecharger/annuaire/destinataire: the public recipients of the directory
 * (active public structures and their active services) as a CSV in a ZIP, read page by page.
 * Columns: idStructureCPP;siret;nomDestinataire;codePostal;ville;codeServiceDoitEtreRenseigne;
 * numeroEJDoitEtreRenseigne;idService;codeService;nomService (one row per service, or one row
 * with empty service columns for a structure without any).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { writeZip } from './zip-writer.js';

const PAGE = 5000;

function field(value: string | number | boolean | null): string {
  const text =
    value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function exportRecipients(options: { db: Kysely<DB> }): Promise<Uint8Array> {
  const { db } = options;
  const lines: string[] = [
    'idStructureCPP;siret;nomDestinataire;codePostal;ville;codeServiceDoitEtreRenseigne;numeroEJDoitEtreRenseigne;idService;codeService;nomService',
  ];
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('structure as s')
      .leftJoin('service as v', (j) =>
        j.onRef('v.structure_id', '=', 's.id').on('v.active', '=', true),
      )
      .select([
        's.id',
        's.cpro_id',
        's.identifier',
        's.name',
        's.postal_code',
        's.town',
        's.service_code_required',
        's.commitment_required',
        'v.cpro_id as service_cpro_id',
        'v.code as service_code',
        'v.name as service_name',
      ])
      .where('s.is_public', '=', true)
      .where('s.active', '=', true)
      .where('s.id', 'in', (eb) =>
        eb
          .selectFrom('structure')
          .select('id')
          .where('is_public', '=', true)
          .where('active', '=', true)
          .where('id', '>', after)
          .orderBy('id')
          .limit(PAGE),
      )
      .orderBy('s.id')
      .orderBy('v.code')
      .execute();
    for (const r of rows) {
      lines.push(
        [
          r.cpro_id,
          r.identifier,
          r.name,
          r.postal_code,
          r.town,
          r.service_code_required,
          r.commitment_required,
          r.service_cpro_id,
          r.service_code,
          r.service_name,
        ]
          .map((v) => field(v as string | number | boolean | null))
          .join(';'),
      );
    }
    const last = rows.at(-1);
    if (!last) break;
    after = last.id;
    const structures = new Set(rows.map((r) => r.id)).size;
    if (structures < PAGE) break;
  }
  const csv = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return writeZip([{ name: 'annuaire-destinataires.csv', bytes: csv }]);
}
