import { importCsv, parseDate, parseFlag } from './csv-import.js';
import type { DirectoryImportOptions, ImportReport } from './import-structures.js';
import { identifierTypes, type IdentifierType } from './model.js';
import { upsertServices, type ServiceInput } from './upsert-structures.js';

/** Columns of the services file (our format, in the style of the official export). */
export const serviceColumns = [
  'TypeIdentifiant',
  'Identifiant',
  'CodeService',
  'LibelleService',
  'GestionEngagement',
  'ServiceActif',
  'DateDebutValidite',
  'DateFinValidite',
] as const;

type Located = ServiceInput & { line: number };

export function serviceFromRecord(r: Record<string, string>): ServiceInput | { reason: string } {
  const type = (r.typeidentifiant ?? '').toUpperCase() as IdentifierType;
  if (!identifierTypes.includes(type))
    return {
      reason: `TypeIdentifiant "${r.typeidentifiant ?? ''}" is not a known identifier type`,
    };
  const identifier = (r.identifiant ?? '').replace(/\s+/g, '');
  if (identifier === '') return { reason: 'Identifiant is empty' };
  const code = (r.codeservice ?? '').trim();
  if (code === '' || code.length > 100)
    return { reason: 'CodeService must have 1 to 100 characters' };
  const name = (r.libelleservice ?? '').trim();
  if (name === '' || name.length > 255)
    return { reason: 'LibelleService must have 1 to 255 characters' };
  const commitment = parseFlag(r.gestionengagement);
  if (commitment === undefined)
    return { reason: `GestionEngagement "${r.gestionengagement}" is not a yes/no value` };
  const active = r.serviceactif === undefined ? true : parseFlag(r.serviceactif);
  if (active === undefined)
    return { reason: `ServiceActif "${r.serviceactif}" is not a yes/no value` };
  const validFrom = parseDate(r.datedebutvalidite);
  if (validFrom === undefined)
    return {
      reason: `DateDebutValidite "${r.datedebutvalidite}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`,
    };
  const validTo = parseDate(r.datefinvalidite);
  if (validTo === undefined)
    return {
      reason: `DateFinValidite "${r.datefinvalidite}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`,
    };
  if (validFrom && validTo && validTo < validFrom)
    return { reason: 'DateFinValidite is before DateDebutValidite' };
  return {
    identifierType: type,
    identifier,
    code,
    name,
    active,
    validFrom,
    validTo,
    commitmentRequired: commitment,
  };
}

/** Imports the services file; a service whose structure is not in the directory is refused. */
export async function importServices(options: DirectoryImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const onRejection = options.onRejection ?? (() => undefined);
  let inserted = 0;
  let updated = 0;
  let unknown = 0;
  const result = await importCsv<Located>({
    input: options.input,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    requiredColumns: [
      'TypeIdentifiant',
      'Identifiant',
      'CodeService',
      'LibelleService',
      'GestionEngagement',
    ],
    convert: (record, line) => {
      const row = serviceFromRecord(record);
      return 'reason' in row ? row : { ...row, line };
    },
    flush: async (rows) => {
      const counts = await upsertServices({ db: options.db, rows });
      inserted += counts.inserted;
      updated += counts.updated;
      for (const row of counts.unknownStructure as Located[]) {
        unknown++;
        onRejection({
          line: row.line,
          reason: `no structure ${row.identifierType} ${row.identifier} in the directory`,
        });
      }
    },
    onRejection,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  return {
    ...result,
    accepted: result.accepted - unknown,
    rejected: result.rejected + unknown,
    inserted,
    updated,
    seconds: (performance.now() - started) / 1000,
  };
}
