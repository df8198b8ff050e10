import type { StructureInput } from '../../src/directory/upsert-structures.js';
import { structureColumns } from '../../src/directory/import-structures.js';

const yes = (b: boolean) => (b ? 'true' : 'false');

/** One line of the official export for a structure. */
export function exportLine(s: StructureInput): string {
  const values: Record<(typeof structureColumns)[number], string> = {
    TypeIdentifiant: s.identifierType,
    Identifiant: s.identifier,
    RaisonSociale: s.name,
    EmetteurEdi: yes(s.ediEmission),
    RecepteurEdi: yes(s.ediReception),
    GestionStatutMiseEnPaiement: yes(!s.paymentStatusNotReported),
    GestionEngagement: yes(s.commitmentRequired),
    GestionService: yes(s.serviceCodeRequired),
    GestionServiceEngagement: yes(s.serviceOrCommitmentRequired),
    EstMOA: yes(s.isMoa),
    EstMOAUniquement: yes(s.isMoaOnly),
    StructureActive: yes(s.active),
    Adresse: s.addressLine1 ?? '',
    ComplementAdresse1: s.addressLine2 ?? '',
    ComplementAdresse2: s.addressLine3 ?? '',
    CodePostal: s.postalCode ?? '',
    Ville: s.town ?? '',
    NumTelephone: s.phone ?? '',
    Courriel: s.email ?? '',
    CodePays: s.countryCode ?? '',
    LibellePays: s.countryName ?? '',
  };
  return structureColumns
    .map((c) => (values[c].includes(';') ? `"${values[c]}"` : values[c]))
    .join(';');
}

export const exportHeader = structureColumns.join(';');

export function exportFile(rows: StructureInput[]): string {
  return [exportHeader, ...rows.map(exportLine)].join('\n') + '\n';
}

/** A stream of the text in small chunks, to exercise chunk boundaries. */
export async function* chunks(data: Buffer | string, size = 97): AsyncGenerator<Buffer> {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
