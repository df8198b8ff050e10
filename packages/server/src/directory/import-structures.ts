import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  importCsv,
  parseFlag,
  type CsvImportProgress,
  type CsvImportResult,
  type Encoding,
  type Rejection,
} from './csv-import.js';
import { identifierProblem } from './identifiers.js';
import {
  identifierTypes,
  publicCategories,
  type IdentifierType,
  type PublicCategory,
} from './model.js';
import { upsertStructures, type StructureInput } from './upsert-structures.js';

/** Columns of the official directory export, in its order. */
export const structureColumns = [
  'TypeIdentifiant',
  'Identifiant',
  'RaisonSociale',
  'EmetteurEdi',
  'RecepteurEdi',
  'GestionStatutMiseEnPaiement',
  'GestionEngagement',
  'GestionService',
  'GestionServiceEngagement',
  'EstMOA',
  'EstMOAUniquement',
  'StructureActive',
  'Adresse',
  'ComplementAdresse1',
  'ComplementAdresse2',
  'CodePostal',
  'Ville',
  'NumTelephone',
  'Courriel',
  'CodePays',
  'LibellePays',
] as const;

const required = ['TypeIdentifiant', 'Identifiant', 'RaisonSociale'] as const;
const flagColumns = [
  'EmetteurEdi',
  'RecepteurEdi',
  'GestionStatutMiseEnPaiement',
  'GestionEngagement',
  'GestionService',
  'GestionServiceEngagement',
  'EstMOA',
  'EstMOAUniquement',
  'StructureActive',
] as const;

export interface ImportReport extends CsvImportResult {
  inserted: number;
  updated: number;
  seconds: number;
}

/** What both directory imports (structures, services) take: the file and how to report on it. */
export interface DirectoryImportOptions {
  db: Kysely<DB>;
  input: AsyncIterable<Buffer | string>;
  encoding?: Encoding;
  onRejection?: (rejection: Rejection) => void;
  onProgress?: (progress: CsvImportProgress) => void;
  batchSize?: number;
}

const optional = (v: string | undefined, max: number): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t.slice(0, max);
};

/**
 * One record of the official export → a structure, or the reason it is refused. The export
 * lists public structures; two optional columns of ours (`StructurePublique`, `Categorie`)
 * let a file describe private structures and public bodies' categories too.
 */
export function structureFromRecord(
  r: Record<string, string>,
): StructureInput | { reason: string } {
  const type = (r.typeidentifiant ?? '').toUpperCase() as IdentifierType;
  if (!identifierTypes.includes(type)) {
    return {
      reason: `TypeIdentifiant "${r.typeidentifiant ?? ''}" is not one of ${identifierTypes.join(', ')}`,
    };
  }
  const identifier = (r.identifiant ?? '').replace(/\s+/g, '');
  const problem = identifierProblem(type, identifier);
  if (problem) return { reason: `Identifiant "${r.identifiant ?? ''}": ${problem}` };
  const name = (r.raisonsociale ?? '').trim();
  if (name === '') return { reason: 'RaisonSociale is empty' };
  if (name.length > 255) return { reason: 'RaisonSociale is longer than 255 characters' };
  const flags: Partial<Record<(typeof flagColumns)[number], boolean>> = {};
  for (const column of flagColumns) {
    const raw = r[column.toLowerCase()];
    // StructureActive defaults to true when the column is absent; every other flag to false.
    const value = raw === undefined && column === 'StructureActive' ? true : parseFlag(raw);
    if (value === undefined)
      return {
        reason: `${column} "${raw ?? ''}" is not a yes/no value (true/false, 1/0, oui/non)`,
      };
    flags[column] = value;
  }
  let isPublic = true;
  if (r.structurepublique !== undefined) {
    const v = parseFlag(r.structurepublique);
    if (v === undefined)
      return { reason: `StructurePublique "${r.structurepublique}" is not a yes/no value` };
    isPublic = v;
  }
  let category: PublicCategory | null = null;
  if (r.categorie) {
    const c = r.categorie.toUpperCase() as PublicCategory;
    if (!publicCategories.includes(c))
      return { reason: `Categorie "${r.categorie}" is not a known category of public body` };
    category = c;
  }
  const email = optional(r.courriel, 254);
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email))
    return { reason: `Courriel "${email}" is not an e-mail address` };
  const countryCode = optional(r.codepays, 2)?.toUpperCase() ?? null;
  if (countryCode && !/^[A-Z]{2}$/.test(countryCode))
    return { reason: `CodePays "${r.codepays}" is not a two-letter country code` };
  return {
    identifierType: type,
    identifier,
    name,
    isPublic,
    category,
    active: flags.StructureActive!,
    serviceCodeRequired: flags.GestionService!,
    commitmentRequired: flags.GestionEngagement!,
    serviceOrCommitmentRequired: flags.GestionServiceEngagement!,
    isMoa: flags.EstMOA!,
    isMoaOnly: flags.EstMOAUniquement!,
    paymentStatusNotReported: !flags.GestionStatutMiseEnPaiement!,
    ediReception: flags.RecepteurEdi!,
    ediEmission: flags.EmetteurEdi!,
    addressLine1: optional(r.adresse, 255),
    addressLine2: optional(r.complementadresse1, 255),
    addressLine3: optional(r.complementadresse2, 255),
    postalCode: optional(r.codepostal, 16),
    town: optional(r.ville, 128),
    countryCode,
    countryName: optional(r.libellepays, 128),
    phone: optional(r.numtelephone, 32),
    email,
  };
}

/**
 * Imports the official directory export (structures). Streaming, batched upserts, idempotent;
 * refused rows go to onRejection with their line and never stop the rest.
 */
export async function importStructures(options: DirectoryImportOptions): Promise<ImportReport> {
  const started = performance.now();
  let inserted = 0;
  let updated = 0;
  const result = await importCsv<StructureInput>({
    input: options.input,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    requiredColumns: required,
    convert: structureFromRecord,
    flush: async (rows) => {
      const counts = await upsertStructures({ db: options.db, rows });
      inserted += counts.inserted;
      updated += counts.updated;
    },
    onRejection: options.onRejection ?? (() => undefined),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  return { ...result, inserted, updated, seconds: (performance.now() - started) / 1000 };
}
