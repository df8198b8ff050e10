import type { Bilingual } from './statuses.js';

/**
 * The refusals of a flow archive (.zip, .tar.gz) in plain words, for a supplier’s accountant or
 * an ERP integrator: first the codes that refuse the whole flow, then those that refuse one
 * entry (the other invoices of the archive are integrated). The codes and the limits are the
 * server’s (flows/archive/refusals.ts flowArchiveErrorCodes and entryRefusalCodes; the numbers
 * of flows/archive/limits.ts, which its messages quote): keep the numbers below the same.
 * refusals.ts lists them after the deposit and flow codes of /aide/codes-refus.
 */
export const ARCHIVE_REFUSAL_ORDER = [
  'FLOW_TOO_LARGE',
  'FLOW_TOO_MANY_ENTRIES',
  'FLOW_UNCOMPRESSED_TOO_LARGE',
  'FLOW_COMPRESSION_RATIO',
  'FLOW_CONTAINER_MISMATCH',
  'FLOW_CORRUPT',
  'FLOW_EMPTY',
  'FLOW_OVERLAPPING_ENTRIES',
  'FLOW_INCONSISTENT_HEADERS',
  'ENTRY_NOT_AN_INVOICE',
  'ENTRY_NESTED_ARCHIVE',
  'ENTRY_TOO_LARGE',
  'ENTRY_COMPRESSION_RATIO',
  'ENTRY_CORRUPT',
  'ENTRY_ENCRYPTED',
  'ENTRY_UNSUPPORTED_COMPRESSION',
  'ENTRY_UNSAFE_NAME',
  'ENTRY_PATH_TRAVERSAL',
  'ENTRY_ABSOLUTE_PATH',
  'ENTRY_DUPLICATE_NAME',
  'ENTRY_LINK',
  'ENTRY_SPECIAL_FILE',
] as const;
export type ArchiveRefusalCode = (typeof ARCHIVE_REFUSAL_ORDER)[number];

export const ARCHIVE_REFUSALS: Record<
  ArchiveRefusalCode,
  { title: Bilingual; meaning: Bilingual; fix: Bilingual }
> = {
  FLOW_TOO_LARGE: {
    title: { fr: 'Flux trop volumineux', en: 'Flow too large' },
    meaning: {
      fr: 'Le fichier déposé dépasse 1 Go (1 024 Mo), la taille maximale d’un flux. Il n’a pas été ouvert : aucune facture du flux n’est intégrée.',
      en: 'The deposited file is larger than 1 GB (1,024 MB), the largest size of a flow. It was not opened: no invoice of the flow is integrated.',
    },
    fix: {
      fr: 'Découpez l’envoi en plusieurs archives de moins de 1 Go, par exemple une par semaine ou par destinataire, et déposez chacune comme un flux.',
      en: 'Split the batch into several archives under 1 GB, for example one per week or per recipient, and deposit each one as a flow.',
    },
  },
  FLOW_TOO_MANY_ENTRIES: {
    title: { fr: 'Trop d’entrées dans l’archive', en: 'Too many entries in the archive' },
    meaning: {
      fr: 'L’archive contient plus de 10 000 éléments. Tout élément compte, dossiers compris. Le flux entier est refusé.',
      en: 'The archive holds more than 10,000 items. Every item counts, folders included. The whole flow is refused.',
    },
    fix: {
      fr: 'Découpez l’envoi en plusieurs archives d’au plus 10 000 factures chacune, sans dossiers inutiles, et déposez chacune comme un flux.',
      en: 'Split the batch into several archives of at most 10,000 invoices each, without needless folders, and deposit each one as a flow.',
    },
  },
  FLOW_UNCOMPRESSED_TOO_LARGE: {
    title: {
      fr: 'Archive trop volumineuse une fois décompressée',
      en: 'Archive too large uncompressed',
    },
    meaning: {
      fr: 'Une fois décompressée, l’archive dépasse 2 Go (2 048 Mo), entrées refusées comprises. Chorale arrête la lecture dès que la limite est franchie et refuse le flux entier.',
      en: 'Uncompressed, the archive exceeds 2 GB (2,048 MB), refused entries included. Chorale stops reading as soon as the limit is crossed and refuses the whole flow.',
    },
    fix: {
      fr: 'Vérifiez que l’archive ne contient que les factures à envoyer (pas de sauvegardes, d’images ni d’exports complets), puis découpez-la au besoin en plusieurs flux.',
      en: 'Check that the archive holds only the invoices to send (no backups, images or full exports), then split it into several flows if needed.',
    },
  },
  FLOW_COMPRESSION_RATIO: {
    title: { fr: 'Taux de compression suspect', en: 'Suspicious compression ratio' },
    meaning: {
      fr: 'L’archive .tar.gz se décompresse plus de 200 fois sa taille compressée (la règle s’applique au-delà de 1 Mo décompressé). Des factures se compressent bien moins : Chorale y voit une archive piégée (« bombe de décompression ») et refuse le flux entier.',
      en: 'The .tar.gz archive inflates to more than 200 times its compressed size (the rule applies past 1 MB uncompressed). Invoices compress far less: Chorale takes it for a crafted archive (a “decompression bomb”) and refuses the whole flow.',
    },
    fix: {
      fr: 'Vérifiez que l’archive ne contient que des factures, et non des fichiers remplis de vide (zéros, espaces). Si vos factures sont réellement aussi répétitives, déposez-les dans une archive .zip, où chaque facture est mesurée à part.',
      en: 'Check that the archive holds only invoices, not files filled with blanks (zeros, spaces). If your invoices really are that repetitive, deposit them in a .zip archive, where each invoice is measured on its own.',
    },
  },
  FLOW_CONTAINER_MISMATCH: {
    title: {
      fr: 'Contenu différent du format annoncé',
      en: 'Content other than the format announced',
    },
    meaning: {
      fr: 'Le flux est annoncé comme une archive .zip ou .tar.gz, ou comme une facture seule, mais son contenu est d’un autre type. Chorale reconnaît un fichier à son contenu, jamais à son nom ou à son extension, et ne devine pas : le flux entier est refusé.',
      en: 'The flow is announced as a .zip or .tar.gz archive, or as a single invoice, but its content is of another kind. Chorale recognises a file by its content, never by its name or extension, and does not guess: the whole flow is refused.',
    },
    fix: {
      fr: 'Créez l’archive au format .zip, ou .tar.gz (une archive tar compressée par gzip), sans la renommer après coup. Les autres formats (.tar non compressé, .tar.bz2, .7z, .rar) ne sont pas acceptés.',
      en: 'Make the archive as a .zip, or as a .tar.gz (a tar archive compressed with gzip), without renaming it afterwards. Other formats (uncompressed .tar, .tar.bz2, .7z, .rar) are not accepted.',
    },
  },
  FLOW_CORRUPT: {
    title: { fr: 'Archive endommagée', en: 'Damaged archive' },
    meaning: {
      fr: 'L’archive ne peut pas être lue : elle est tronquée (envoi interrompu, copie incomplète), endommagée, ou ce n’est pas une vraie archive (par exemple un fichier compressé par gzip qui ne contient pas d’archive tar). Aucune facture du flux n’est intégrée.',
      en: 'The archive cannot be read: it is truncated (interrupted upload, incomplete copy), damaged, or not a real archive (for example a gzip-compressed file that holds no tar archive). No invoice of the flow is integrated.',
    },
    fix: {
      fr: 'Vérifiez que l’archive s’ouvre sur votre poste et que sa taille est celle du fichier d’origine, recréez-la au besoin, puis déposez-la de nouveau.',
      en: 'Check that the archive opens on your computer and that its size is the original file’s, make it again if needed, then deposit it again.',
    },
  },
  FLOW_EMPTY: {
    title: { fr: 'Archive vide', en: 'Empty archive' },
    meaning: {
      fr: 'L’archive ne contient aucun fichier : elle est vide, ou ne contient que des dossiers.',
      en: 'The archive holds no file: it is empty, or holds only folders.',
    },
    fix: {
      fr: 'Vérifiez que les factures elles-mêmes ont été ajoutées à l’archive (et pas seulement leur dossier), puis déposez-la de nouveau.',
      en: 'Check that the invoices themselves were added to the archive (not only their folder), then deposit it again.',
    },
  },
  FLOW_OVERLAPPING_ENTRIES: {
    title: { fr: 'Entrées qui se chevauchent', en: 'Overlapping entries' },
    meaning: {
      fr: 'Plusieurs entrées de l’archive zip désignent les mêmes données. Aucun outil d’archivage courant ne produit cela : c’est la marque d’une archive piégée, et le flux entier est refusé.',
      en: 'Several entries of the zip archive point to the same data. No common archiving tool produces this: it is the mark of a crafted archive, and the whole flow is refused.',
    },
    fix: {
      fr: 'Recréez l’archive à partir des fichiers des factures avec un outil courant (explorateur de fichiers, 7-Zip, zip, ou la bibliothèque zip de votre langage), puis déposez-la de nouveau.',
      en: 'Make the archive again from the invoice files with a common tool (file explorer, 7-Zip, zip, or your language’s zip library), then deposit it again.',
    },
  },
  FLOW_INCONSISTENT_HEADERS: {
    title: { fr: 'En-têtes d’archive incohérents', en: 'Inconsistent archive headers' },
    meaning: {
      fr: 'Une archive zip décrit chaque entrée deux fois : dans un en-tête placé juste avant ses données, et dans le sommaire de fin de fichier (le répertoire central). Ici les deux se contredisent (nom, compression ou chiffrement) : deux outils pourraient y lire deux archives différentes, et le flux entier est refusé.',
      en: 'A zip archive describes each entry twice: in a header just before its data, and in the table of contents at the end of the file (the central directory). Here the two disagree (name, compression or encryption): two tools could read two different archives in it, and the whole flow is refused.',
    },
    fix: {
      fr: 'Recréez l’archive d’un seul coup avec un outil courant, plutôt que de la modifier après coup (entrées ajoutées, renommées ou retirées par un script), puis déposez-la de nouveau.',
      en: 'Make the archive again in one go with a common tool, rather than editing it afterwards (entries added, renamed or removed by a script), then deposit it again.',
    },
  },
  ENTRY_NOT_AN_INVOICE: {
    title: { fr: 'Fichier qui n’est pas une facture', en: 'File that is not an invoice' },
    meaning: {
      fr: 'Le contenu de l’entrée n’est ni un document XML ni un PDF (Chorale regarde le contenu, pas l’extension) : par exemple une image, un tableur, un fichier texte, un fichier ajouté par le système, ou un XML enregistré en UTF-16. Chaque entrée d’une archive doit être une facture.',
      en: 'The entry’s content is neither an XML document nor a PDF (Chorale looks at the content, not the extension): for example an image, a spreadsheet, a text file, a file added by the system, or an XML saved as UTF-16. Every entry of an archive must be an invoice.',
    },
    fix: {
      fr: 'Ne mettez dans l’archive que les factures, une par fichier : XML UBL ou CII enregistré en UTF-8, ou PDF Factur-X. Retirez les bordereaux et les fichiers cachés ajoutés par le système (.DS_Store, dossier __MACOSX, Thumbs.db).',
      en: 'Put only the invoices in the archive, one per file: UBL or CII XML saved as UTF-8, or a Factur-X PDF. Remove cover sheets and the hidden files the system adds (.DS_Store, the __MACOSX folder, Thumbs.db).',
    },
  },
  ENTRY_NESTED_ARCHIVE: {
    title: { fr: 'Archive dans l’archive', en: 'Archive inside the archive' },
    meaning: {
      fr: 'L’entrée est elle-même une archive ou un fichier compressé (zip, gzip, tar, 7z, rar, bzip2, xz, zstd). Chorale n’ouvre jamais une archive placée dans une autre : une archive ne contient que des factures XML ou PDF.',
      en: 'The entry is itself an archive or a compressed file (zip, gzip, tar, 7z, rar, bzip2, xz, zstd). Chorale never opens an archive placed inside another: an archive only holds XML or PDF invoices.',
    },
    fix: {
      fr: 'Décompressez l’archive intérieure et placez ses factures directement dans l’archive du flux, ou déposez-la comme un flux à part.',
      en: 'Unpack the inner archive and put its invoices directly in the flow’s archive, or deposit it as a flow of its own.',
    },
  },
  ENTRY_TOO_LARGE: {
    title: { fr: 'Facture trop volumineuse', en: 'Invoice too large' },
    meaning: {
      fr: 'Une fois décompressée, l’entrée dépasse 10 Mo, la taille maximale d’une facture (la même que pour une facture déposée seule). Chorale arrête de la lire à la limite.',
      en: 'Uncompressed, the entry exceeds 10 MB, the largest size of one invoice (the same as for an invoice deposited alone). Chorale stops reading it at the limit.',
    },
    fix: {
      fr: 'Allégez la facture : images du PDF en résolution d’écran, polices et pièces jointes intégrées moins nombreuses ou plus légères. Puis déposez-la de nouveau.',
      en: 'Make the invoice lighter: PDF images at screen resolution, fewer or lighter embedded fonts and attachments. Then deposit it again.',
    },
  },
  ENTRY_COMPRESSION_RATIO: {
    title: {
      fr: 'Entrée au taux de compression suspect',
      en: 'Entry with a suspicious compression ratio',
    },
    meaning: {
      fr: 'L’entrée se décompresse plus de 200 fois sa taille compressée (la règle s’applique au-delà de 1 Mo décompressé). Une facture XML se compresse de 10 à 50 fois : Chorale y voit une entrée piégée (« bombe de décompression ») et arrête de la lire.',
      en: 'The entry inflates to more than 200 times its compressed size (the rule applies past 1 MB uncompressed). An XML invoice compresses 10 to 50 times: Chorale takes it for a crafted entry (a “decompression bomb”) and stops reading it.',
    },
    fix: {
      fr: 'Vérifiez que le fichier est bien la facture attendue et non un fichier rempli de vide (zéros, espaces). Si la facture est réellement aussi répétitive, ajoutez-la à l’archive sans compression (méthode « stockée »).',
      en: 'Check that the file is the expected invoice and not a file filled with blanks (zeros, spaces). If the invoice really is that repetitive, add it to the archive without compression (the “stored” method).',
    },
  },
  ENTRY_CORRUPT: {
    title: { fr: 'Entrée endommagée', en: 'Damaged entry' },
    meaning: {
      fr: 'Les données de l’entrée ne se décompressent pas, ou ne correspondent pas à la somme de contrôle ou à la taille que l’archive annonce : le fichier a été abîmé à la création ou à la copie de l’archive.',
      en: 'The entry’s data does not inflate, or does not match the checksum or the size the archive gives: the file was damaged when the archive was made or copied.',
    },
    fix: {
      fr: 'Recréez l’archive à partir des fichiers d’origine, vérifiez qu’elle s’ouvre sans erreur (par exemple avec « unzip -t »), puis déposez de nouveau la facture refusée.',
      en: 'Make the archive again from the original files, check that it opens without error (for example with “unzip -t”), then deposit the refused invoice again.',
    },
  },
  ENTRY_ENCRYPTED: {
    title: { fr: 'Entrée protégée par un mot de passe', en: 'Password-protected entry' },
    meaning: {
      fr: 'L’entrée est chiffrée (archive zip protégée par un mot de passe). Chorale ne lit pas les entrées chiffrées et ne demande aucun mot de passe.',
      en: 'The entry is encrypted (a password-protected zip archive). Chorale does not read encrypted entries and asks for no password.',
    },
    fix: {
      fr: 'Recréez l’archive sans mot de passe ni chiffrement : le dépôt passe déjà par une connexion chiffrée (HTTPS ou SFTP). Puis déposez de nouveau la facture refusée.',
      en: 'Make the archive again without a password or encryption: the deposit already goes over an encrypted connection (HTTPS or SFTP). Then deposit the refused invoice again.',
    },
  },
  ENTRY_UNSUPPORTED_COMPRESSION: {
    title: { fr: 'Méthode de compression non acceptée', en: 'Compression method not accepted' },
    meaning: {
      fr: 'L’entrée est compressée avec une méthode que Chorale ne lit pas ; le message donne son numéro (par exemple 9 pour Deflate64, 12 pour BZip2, 14 pour LZMA, 93 pour Zstandard). Seules les méthodes « stockée » (sans compression) et « deflate », celles de tous les outils zip, sont acceptées.',
      en: 'The entry is compressed with a method Chorale does not read; the message gives its number (for example 9 for Deflate64, 12 for BZip2, 14 for LZMA, 93 for Zstandard). Only the “stored” (no compression) and “deflate” methods, those of every zip tool, are accepted.',
    },
    fix: {
      fr: 'Dans votre outil ou votre bibliothèque zip, choisissez la méthode « Deflate » (souvent celle par défaut) ou « stockée ». Avec 7-Zip, n’utilisez pas Deflate64, BZip2, LZMA ou PPMd pour une archive .zip.',
      en: 'In your zip tool or library, choose the “Deflate” method (often the default) or “stored”. With 7-Zip, do not use Deflate64, BZip2, LZMA or PPMd for a .zip archive.',
    },
  },
  ENTRY_UNSAFE_NAME: {
    title: { fr: 'Nom de fichier refusé', en: 'File name refused' },
    meaning: {
      fr: 'Le nom de l’entrée dans l’archive (son chemin, dossiers compris) est vide, dépasse 1 024 caractères, contient une barre oblique inverse « \\ » (le séparateur de dossiers de Windows) ou un caractère de contrôle, ou n’est pas encodé en UTF-8. Le message précise le motif.',
      en: 'The entry’s name in the archive (its path, folders included) is empty, longer than 1,024 characters, holds a backslash “\\” (the Windows folder separator) or a control character, or is not encoded in UTF-8. The message gives the reason.',
    },
    fix: {
      fr: 'Nommez les fichiers simplement (lettres, chiffres, tirets), par exemple le numéro de la facture suivi de .xml ou .pdf. Séparez les dossiers par « / » et utilisez un outil récent, qui enregistre les noms en UTF-8.',
      en: 'Name the files simply (letters, digits, hyphens), for example the invoice number followed by .xml or .pdf. Separate folders with “/” and use a recent tool, which saves names in UTF-8.',
    },
  },
  ENTRY_PATH_TRAVERSAL: {
    title: { fr: 'Chemin qui sort de l’archive', en: 'Path leaving the archive' },
    meaning: {
      fr: 'Le nom de l’entrée contient un segment « .. » (par exemple factures/../../facture.xml), qui remonte au dossier parent : extrait tel quel, le fichier sortirait de l’archive. Chorale refuse ces noms, qui servent à piéger les outils d’extraction.',
      en: 'The entry’s name holds a “..” segment (for example invoices/../../invoice.xml), which climbs to the parent folder: extracted as it is, the file would land outside the archive. Chorale refuses such names, which are used to trap extraction tools.',
    },
    fix: {
      fr: 'Ajoutez les fichiers à l’archive depuis leur dossier, avec des chemins relatifs simples comme facture-001.xml ou 2026/facture-001.xml, sans « .. ». Les dossiers sont acceptés.',
      en: 'Add the files to the archive from their folder, with plain relative paths such as invoice-001.xml or 2026/invoice-001.xml, without “..”. Folders are accepted.',
    },
  },
  ENTRY_ABSOLUTE_PATH: {
    title: { fr: 'Chemin absolu', en: 'Absolute path' },
    meaning: {
      fr: 'Le nom de l’entrée est un chemin absolu : il commence par « / » ou « \\ », ou par une lettre de lecteur (C:). Une archive ne doit contenir que des chemins relatifs à elle-même.',
      en: 'The entry’s name is an absolute path: it starts with “/” or “\\”, or with a drive letter (C:). An archive must only hold paths relative to itself.',
    },
    fix: {
      fr: 'Créez l’archive depuis le dossier des factures, ou demandez à votre bibliothèque zip ou tar d’enregistrer le nom du fichier seul, sans le chemin de votre disque.',
      en: 'Make the archive from the invoices’ folder, or have your zip or tar library store the file name alone, without your disk’s path.',
    },
  },
  ENTRY_DUPLICATE_NAME: {
    title: { fr: 'Nom en double', en: 'Duplicate name' },
    meaning: {
      fr: 'Une entrée porte le même nom, dossiers compris, qu’une entrée placée plus haut dans l’archive : seule la première est lue. Deux noms qui ne diffèrent que par la façon dont un accent est codé (selon le système qui les a créés) sont le même nom ; les majuscules et minuscules, elles, distinguent deux noms.',
      en: 'An entry has the same name, folders included, as an entry earlier in the archive: only the first one is read. Two names that differ only in how an accent is encoded (depending on the system that made them) are the same name; upper and lower case, on the other hand, tell two names apart.',
    },
    fix: {
      fr: 'Donnez à chaque fichier un nom unique, par exemple le numéro de la facture. Si la facture refusée n’est pas la même que la première, renommez-la et déposez-la de nouveau.',
      en: 'Give each file a unique name, for example the invoice number. If the refused invoice is not the same as the first one, rename it and deposit it again.',
    },
  },
  ENTRY_LINK: {
    title: { fr: 'Lien au lieu d’un fichier', en: 'Link instead of a file' },
    meaning: {
      fr: 'L’entrée est un lien (symbolique ou physique) vers un autre fichier, et non un fichier. Chorale ne suit jamais un lien : il pourrait désigner un fichier hors de l’archive.',
      en: 'The entry is a link (symbolic or hard) to another file, not a file. Chorale never follows a link: it could point to a file outside the archive.',
    },
    fix: {
      fr: 'Placez dans l’archive les factures elles-mêmes, pas des raccourcis vers elles : avec GNU tar, ajoutez les options --dereference et --hard-dereference ; avec zip, n’utilisez pas l’option --symlinks (-y).',
      en: 'Put the invoices themselves in the archive, not shortcuts to them: with GNU tar, add the --dereference and --hard-dereference options; with zip, do not use the --symlinks (-y) option.',
    },
  },
  ENTRY_SPECIAL_FILE: {
    title: { fr: 'Fichier spécial', en: 'Special file' },
    meaning: {
      fr: 'L’entrée n’est pas un fichier ordinaire mais un fichier spécial du système (périphérique, tube nommé), qui ne peut pas être une facture.',
      en: 'The entry is not a regular file but a special file of the system (device, named pipe), which cannot be an invoice.',
    },
    fix: {
      fr: 'Créez l’archive à partir d’un dossier qui ne contient que les factures à envoyer.',
      en: 'Make the archive from a folder that holds only the invoices to send.',
    },
  },
};
