/**
 * Refusals of the archive reader: stable codes (clients and tests match on them) and plain
 * French and English reasons. An entry refusal concerns one entry and reading goes on; a
 * FlowArchiveError makes the whole flow unusable and ends the reading.
 */

export interface LocalizedMessage {
  readonly fr: string;
  readonly en: string;
}

/** Codes of a refused entry (reading goes on with the next one). */
export const entryRefusalCodes = [
  'ENTRY_UNSAFE_NAME',
  'ENTRY_PATH_TRAVERSAL',
  'ENTRY_ABSOLUTE_PATH',
  'ENTRY_DUPLICATE_NAME',
  'ENTRY_LINK',
  'ENTRY_SPECIAL_FILE',
  'ENTRY_ENCRYPTED',
  'ENTRY_UNSUPPORTED_COMPRESSION',
  'ENTRY_TOO_LARGE',
  'ENTRY_COMPRESSION_RATIO',
  'ENTRY_CORRUPT',
  'ENTRY_NESTED_ARCHIVE',
  'ENTRY_NOT_AN_INVOICE',
] as const;
export type EntryRefusalCode = (typeof entryRefusalCodes)[number];

export interface EntryRefusal {
  readonly code: EntryRefusalCode;
  readonly message: LocalizedMessage;
}

/** Codes of a refused flow (the whole archive is unusable). */
export const flowArchiveErrorCodes = [
  'FLOW_TOO_LARGE',
  'FLOW_CONTAINER_MISMATCH',
  'FLOW_TOO_MANY_ENTRIES',
  'FLOW_UNCOMPRESSED_TOO_LARGE',
  'FLOW_COMPRESSION_RATIO',
  'FLOW_OVERLAPPING_ENTRIES',
  'FLOW_INCONSISTENT_HEADERS',
  'FLOW_CORRUPT',
  'FLOW_EMPTY',
] as const;
export type FlowArchiveErrorCode = (typeof flowArchiveErrorCodes)[number];

/** The whole flow is refused. `cause` keeps the library's own error, for logs only. */
export class FlowArchiveError extends Error {
  readonly code: FlowArchiveErrorCode;
  readonly localized: LocalizedMessage;

  constructor(
    code: FlowArchiveErrorCode,
    message: LocalizedMessage,
    options?: { cause?: unknown },
  ) {
    super(message.en, options);
    this.name = 'FlowArchiveError';
    this.code = code;
    this.localized = message;
  }
}

const MiB = 1024 * 1024;

/** Sizes as people read them: "10 Mo" / "10 MB", else bytes. */
function size(bytes: number): { fr: string; en: string } {
  if (bytes >= MiB && bytes % MiB === 0)
    return { fr: `${bytes / MiB} Mo`, en: `${bytes / MiB} MB` };
  return { fr: `${bytes} octets`, en: `${bytes} bytes` };
}

function refusal(code: EntryRefusalCode, fr: string, en: string): EntryRefusal {
  return { code, message: { fr, en } };
}

/** Entry refusals, one builder per code. */
export const entryRefusal = {
  unsafeName: (why: { fr: string; en: string }) =>
    refusal(
      'ENTRY_UNSAFE_NAME',
      `Nom d'entrée refusé : ${why.fr}.`,
      `Entry name refused: ${why.en}.`,
    ),
  pathTraversal: () =>
    refusal(
      'ENTRY_PATH_TRAVERSAL',
      "Le nom de l'entrée remonte hors de l'archive (segment « .. »).",
      'The entry name climbs out of the archive (a ".." segment).',
    ),
  absolutePath: () =>
    refusal(
      'ENTRY_ABSOLUTE_PATH',
      "Le nom de l'entrée est un chemin absolu (« / » initial ou lettre de lecteur).",
      'The entry name is an absolute path (a leading "/" or a drive letter).',
    ),
  duplicateName: () =>
    refusal(
      'ENTRY_DUPLICATE_NAME',
      "Une entrée de même nom figure déjà plus haut dans l'archive.",
      'An entry of the same name comes earlier in the archive.',
    ),
  link: () =>
    refusal(
      'ENTRY_LINK',
      "L'entrée est un lien (symbolique ou physique), pas un fichier.",
      'The entry is a link (symbolic or hard), not a file.',
    ),
  specialFile: () =>
    refusal(
      'ENTRY_SPECIAL_FILE',
      "L'entrée est un fichier spécial (périphérique, tube), pas un fichier ordinaire.",
      'The entry is a special file (device, pipe), not a regular file.',
    ),
  encrypted: () =>
    refusal(
      'ENTRY_ENCRYPTED',
      "L'entrée est chiffrée : déposez les factures sans mot de passe.",
      'The entry is encrypted: deposit invoices without a password.',
    ),
  unsupportedCompression: (method: number) =>
    refusal(
      'ENTRY_UNSUPPORTED_COMPRESSION',
      `Méthode de compression ${method} non prise en charge (seules « stockée » et « deflate » le sont).`,
      `Compression method ${method} is not supported (only "stored" and "deflate" are).`,
    ),
  tooLarge: (limit: number) =>
    refusal(
      'ENTRY_TOO_LARGE',
      `L'entrée dépasse ${size(limit).fr} une fois décompressée, la taille maximale d'une facture.`,
      `The entry exceeds ${size(limit).en} uncompressed, the largest size of one invoice.`,
    ),
  compressionRatio: (ratio: number) =>
    refusal(
      'ENTRY_COMPRESSION_RATIO',
      `L'entrée se décompresse plus de ${ratio} fois sa taille compressée : archive piégée (« bombe »).`,
      `The entry inflates to more than ${ratio} times its compressed size: a decompression bomb.`,
    ),
  corrupt: () =>
    refusal(
      'ENTRY_CORRUPT',
      "L'entrée est endommagée : ses données ne se décompressent pas ou ne correspondent pas à sa somme de contrôle ou à sa taille.",
      'The entry is damaged: its data does not inflate, or does not match its checksum or size.',
    ),
  nestedArchive: () =>
    refusal(
      'ENTRY_NESTED_ARCHIVE',
      "L'entrée est elle-même une archive : une archive ne peut contenir que des factures XML ou PDF.",
      'The entry is itself an archive: an archive may only hold XML or PDF invoices.',
    ),
  notAnInvoice: () =>
    refusal(
      'ENTRY_NOT_AN_INVOICE',
      "L'entrée n'est ni un document XML ni un PDF : ce n'est pas une facture.",
      'The entry is neither an XML document nor a PDF: it is not an invoice.',
    ),
};

function flowError(code: FlowArchiveErrorCode, fr: string, en: string, cause?: unknown) {
  return new FlowArchiveError(code, { fr, en }, cause === undefined ? undefined : { cause });
}

/** Whole-flow refusals, one builder per code. */
export const flowRefusal = {
  tooLarge: (limit: number) =>
    flowError(
      'FLOW_TOO_LARGE',
      `Le flux dépasse ${size(limit).fr}.`,
      `The flow is larger than ${size(limit).en}.`,
    ),
  containerMismatch: (declared: string, found: LocalizedMessage) =>
    flowError(
      'FLOW_CONTAINER_MISMATCH',
      `Le flux est déclaré « ${declared} » mais son contenu est ${found.fr}.`,
      `The flow is declared "${declared}" but its content is ${found.en}.`,
    ),
  tooManyEntries: (limit: number) =>
    flowError(
      'FLOW_TOO_MANY_ENTRIES',
      `L'archive contient plus de ${limit} entrées : découpez-la en plusieurs flux.`,
      `The archive holds more than ${limit} entries: split it into several flows.`,
    ),
  uncompressedTooLarge: (limit: number) =>
    flowError(
      'FLOW_UNCOMPRESSED_TOO_LARGE',
      `L'archive dépasse ${size(limit).fr} une fois décompressée.`,
      `The archive exceeds ${size(limit).en} uncompressed.`,
    ),
  compressionRatio: (ratio: number) =>
    flowError(
      'FLOW_COMPRESSION_RATIO',
      `L'archive se décompresse plus de ${ratio} fois sa taille compressée : archive piégée (« bombe »).`,
      `The archive inflates to more than ${ratio} times its compressed size: a decompression bomb.`,
    ),
  overlappingEntries: () =>
    flowError(
      'FLOW_OVERLAPPING_ENTRIES',
      "Des entrées de l'archive partagent les mêmes données : archive piégée.",
      'Entries of the archive share the same data: a crafted archive.',
    ),
  inconsistentHeaders: () =>
    flowError(
      'FLOW_INCONSISTENT_HEADERS',
      "L'en-tête local d'une entrée contredit le répertoire central de l'archive zip.",
      "An entry's local header contradicts the zip archive's central directory.",
    ),
  corrupt: (cause?: unknown) =>
    flowError(
      'FLOW_CORRUPT',
      "L'archive est endommagée ou tronquée et ne peut pas être lue.",
      'The archive is damaged or truncated and cannot be read.',
      cause,
    ),
  empty: () =>
    flowError('FLOW_EMPTY', "L'archive ne contient aucun fichier.", 'The archive holds no file.'),
};
