/**
 * Problem codes and fr/en messages of the PDF reader (read.ts) and of our PDF/A-3 checker
 * (check-pdfa.ts). Codes are stable: callers (the server, the portal) switch on them. Messages
 * are our own words, written for a small supplier: what is wrong and what to do about it.
 * `{name}` placeholders are filled from the params given to `pdfProblem`.
 */
import type { PdfProblem } from './read-types.js';

interface PdfMessage {
  flag: 'fatal' | 'warning';
  fr: string;
  en: string;
}

/** Every code the PDF reader and checker can report. Fatal: the deposit cannot be accepted. */
export const PDF_MESSAGES = {
  NOT_A_PDF: {
    flag: 'fatal',
    fr: "Le fichier n'est pas un PDF (l'en-tête %PDF- est absent). Envoyez la facture au format PDF, UBL ou CII.",
    en: 'The file is not a PDF (the %PDF- header is missing). Send the invoice as PDF, UBL or CII.',
  },
  PDF_EMPTY: {
    flag: 'fatal',
    fr: 'Le fichier PDF est vide.',
    en: 'The PDF file is empty.',
  },
  PDF_TOO_LARGE: {
    flag: 'fatal',
    fr: 'Le PDF fait {size} octets, au-delà de la limite de {limit} octets. Réduisez sa taille (images) et renvoyez-le.',
    en: 'The PDF is {size} bytes long, over the limit of {limit} bytes. Make it smaller (images) and send it again.',
  },
  PDF_TRUNCATED: {
    flag: 'fatal',
    fr: "Le PDF est incomplet (sa fin, « {missing} », manque) : le transfert a sans doute été interrompu. Renvoyez le fichier d'origine.",
    en: 'The PDF is incomplete (its end, "{missing}", is missing): the transfer was probably cut off. Send the original file again.',
  },
  PDF_ENCRYPTED: {
    flag: 'fatal',
    fr: 'Le PDF est chiffré ou protégé par mot de passe. Une facture doit pouvoir être lue sans mot de passe : enregistrez-la sans protection et renvoyez-la.',
    en: 'The PDF is encrypted or password-protected. An invoice must be readable without a password: save it without protection and send it again.',
  },
  PDF_TOO_MANY_OBJECTS: {
    flag: 'fatal',
    fr: 'Le PDF contient {count} objets, bien au-delà de ce que contient une facture (limite {limit}). Il est refusé.',
    en: 'The PDF contains {count} objects, far more than an invoice holds (limit {limit}). It is refused.',
  },
  PDF_STREAM_TOO_LARGE: {
    flag: 'fatal',
    fr: 'Une structure interne du PDF se décompresse au-delà de {limit} octets (bombe de décompression probable). Le PDF est refusé.',
    en: 'An internal structure of the PDF inflates beyond {limit} bytes (probably a decompression bomb). The PDF is refused.',
  },
  PDF_MALFORMED: {
    flag: 'fatal',
    fr: 'Le PDF est endommagé et ne peut pas être lu ({detail}). Régénérez-le depuis votre logiciel et renvoyez-le.',
    en: 'The PDF is damaged and cannot be read ({detail}). Produce it again from your software and send it again.',
  },
  ATTACHMENT_TOO_LARGE: {
    flag: 'fatal',
    fr: 'La pièce jointe « {file} » se décompresse au-delà de {limit} octets (bombe de décompression probable). Le PDF est refusé.',
    en: 'The attachment "{file}" inflates beyond {limit} bytes (probably a decompression bomb). The PDF is refused.',
  },
  ATTACHMENT_UNREADABLE: {
    flag: 'fatal',
    fr: 'La pièce jointe « {file} » est endommagée et ne peut pas être extraite ({detail}). Régénérez le PDF.',
    en: 'The attachment "{file}" is damaged and cannot be extracted ({detail}). Produce the PDF again.',
  },
  XML_UNREADABLE: {
    flag: 'fatal',
    fr: "Le fichier XML joint « {file} » n'est pas un XML lisible ({detail}).",
    en: 'The attached XML file "{file}" is not readable XML ({detail}).',
  },
  PROFILE_UNKNOWN: {
    flag: 'warning',
    fr: "L'identifiant de spécification (BT-24) du XML joint, « {id} », n'est pas celui d'un profil Factur-X connu.",
    en: 'The specification identifier (BT-24) of the attached XML, "{id}", is not that of a known Factur-X profile.',
  },
  PROFILE_MISSING: {
    flag: 'warning',
    fr: "Le XML joint n'indique pas d'identifiant de spécification (BT-24) : son profil Factur-X est inconnu.",
    en: 'The attached XML gives no specification identifier (BT-24): its Factur-X profile is unknown.',
  },
  XMP_PROFILE_UNKNOWN: {
    flag: 'warning',
    fr: "Le profil Factur-X déclaré dans les métadonnées XMP, « {value} », n'est pas une valeur reconnue (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, XRECHNUNG).",
    en: 'The Factur-X profile declared in the XMP metadata, "{value}", is not a recognised value (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, XRECHNUNG).',
  },
  PROFILE_MISMATCH: {
    flag: 'warning',
    fr: 'Le PDF déclare le profil {xmp} dans ses métadonnées XMP, mais le XML joint est du profil {xml} (BT-24). Le XML fait foi : corrigez fx:ConformanceLevel.',
    en: 'The PDF declares profile {xmp} in its XMP metadata, but the attached XML is of profile {xml} (BT-24). The XML prevails: correct fx:ConformanceLevel.',
  },
  FILENAME_MISMATCH: {
    flag: 'warning',
    fr: "Les métadonnées XMP nomment le XML joint « {xmp} » (fx:DocumentFileName), mais le fichier joint s'appelle « {file} ».",
    en: 'The XMP metadata names the attached XML "{xmp}" (fx:DocumentFileName), but the attached file is called "{file}".',
  },
  FILENAME_UNUSUAL: {
    flag: 'warning',
    fr: "Le XML joint s'appelle « {file} » ; Factur-X attend « factur-x.xml » (ou « xrechnung.xml » pour XRechnung).",
    en: 'The attached XML is called "{file}"; Factur-X expects "factur-x.xml" (or "xrechnung.xml" for XRechnung).',
  },
  AF_RELATIONSHIP_MISSING: {
    flag: 'warning',
    fr: "La pièce jointe « {file} » n'a pas de relation /AFRelationship. Pour une Factur-X, indiquez Data ou Alternative (Source est admis).",
    en: 'The attachment "{file}" has no /AFRelationship. For a Factur-X, give Data or Alternative (Source is allowed).',
  },
  AF_RELATIONSHIP_WRONG: {
    flag: 'warning',
    fr: 'La pièce jointe « {file} » a la relation /AFRelationship /{value} ; pour une Factur-X elle doit être Data ou Alternative (Source est admis).',
    en: 'The attachment "{file}" has /AFRelationship /{value}; for a Factur-X it must be Data or Alternative (Source is allowed).',
  },
  AF_NOT_ASSOCIATED: {
    flag: 'warning',
    fr: "La pièce jointe « {file} » n'est pas déclarée comme fichier associé (/AF du catalogue ou d'une page), comme PDF/A-3 l'exige.",
    en: 'The attachment "{file}" is not declared as an associated file (/AF of the catalog or of a page), as PDF/A-3 requires.',
  },
  MIME_TYPE_MISSING: {
    flag: 'warning',
    fr: "La pièce jointe « {file} » n'indique pas son type MIME (/Subtype du fichier incorporé, par exemple text/xml).",
    en: 'The attachment "{file}" does not give its MIME type (/Subtype of the embedded file, e.g. text/xml).',
  },
  MIME_TYPE_WRONG: {
    flag: 'warning',
    fr: 'Le XML joint « {file} » est déclaré de type MIME {value} ; attendu text/xml ou application/xml.',
    en: 'The attached XML "{file}" is declared of MIME type {value}; expected text/xml or application/xml.',
  },
  EMBEDDED_PARAMS_MISSING: {
    flag: 'warning',
    fr: "La pièce jointe « {file} » n'a pas de /Params avec sa date de modification (/ModDate), comme PDF/A-3 l'exige.",
    en: 'The attachment "{file}" has no /Params with its modification date (/ModDate), as PDF/A-3 requires.',
  },
  FILESPEC_NAME_MISSING: {
    flag: 'warning',
    fr: "Une pièce jointe n'a pas les deux noms /F et /UF exigés par PDF/A-3 (nom trouvé : « {file} »).",
    en: 'An attachment lacks the /F and /UF names PDF/A-3 requires (name found: "{file}").',
  },
  PDF_JAVASCRIPT: {
    flag: 'fatal',
    fr: 'Le PDF contient du JavaScript ({where}). Une facture ne doit contenir aucun code exécutable : régénérez-la sans script.',
    en: 'The PDF contains JavaScript ({where}). An invoice must not contain executable code: produce it again without scripts.',
  },
  PDF_FORBIDDEN_ACTION: {
    flag: 'fatal',
    fr: 'Le PDF contient une action /{action} ({where}), qui lance un programme ou agit hors du document. Elle est interdite dans une facture PDF/A.',
    en: 'The PDF contains a /{action} action ({where}), which launches a program or acts outside the document. It is forbidden in a PDF/A invoice.',
  },
  FONT_NOT_EMBEDDED: {
    flag: 'warning',
    fr: "La police « {font} » n'est pas incorporée dans le PDF. PDF/A exige que toutes les polices le soient, pour que la facture s'affiche partout à l'identique.",
    en: 'The font "{font}" is not embedded in the PDF. PDF/A requires every font to be embedded, so the invoice looks the same everywhere.',
  },
  OUTPUT_INTENT_MISSING: {
    flag: 'warning',
    fr: "Le PDF n'a pas d'output intent PDF/A (/OutputIntents avec /S /GTS_PDFA1), exigé par PDF/A.",
    en: 'The PDF has no PDF/A output intent (/OutputIntents with /S /GTS_PDFA1), which PDF/A requires.',
  },
  OUTPUT_INTENT_NO_ICC: {
    flag: 'warning',
    fr: "L'output intent PDF/A n'a pas de profil ICC (/DestOutputProfile), exigé par PDF/A.",
    en: 'The PDF/A output intent has no ICC profile (/DestOutputProfile), which PDF/A requires.',
  },
  XMP_MISSING: {
    flag: 'warning',
    fr: "Le PDF n'a pas de métadonnées XMP (/Metadata du catalogue) : il ne peut pas être un PDF/A ni une Factur-X déclarée.",
    en: 'The PDF has no XMP metadata (/Metadata of the catalog): it cannot be a PDF/A nor a declared Factur-X.',
  },
  XMP_UNREADABLE: {
    flag: 'warning',
    fr: 'Les métadonnées XMP du PDF sont illisibles ({detail}).',
    en: 'The XMP metadata of the PDF is unreadable ({detail}).',
  },
  PDFA_NOT_DECLARED: {
    flag: 'warning',
    fr: 'Les métadonnées XMP ne déclarent pas de conformité PDF/A (pdfaid:part). Une Factur-X doit être un PDF/A-3.',
    en: 'The XMP metadata declares no PDF/A conformance (pdfaid:part). A Factur-X must be a PDF/A-3.',
  },
  PDFA_PART_NOT_3: {
    flag: 'warning',
    fr: 'Le PDF se déclare PDF/A-{part} ; une Factur-X doit être un PDF/A-3 (seul PDF/A-3 admet un XML joint).',
    en: 'The PDF declares itself PDF/A-{part}; a Factur-X must be a PDF/A-3 (only PDF/A-3 allows an attached XML).',
  },
  PDFA_CONFORMANCE_INVALID: {
    flag: 'warning',
    fr: 'Le niveau de conformité PDF/A (pdfaid:conformance) vaut « {value} » ; attendu A, B ou U.',
    en: 'The PDF/A conformance level (pdfaid:conformance) is "{value}"; expected A, B or U.',
  },
  XMP_INFO_MISMATCH: {
    flag: 'warning',
    fr: "Le dictionnaire d'information du PDF (/{key} : « {info} ») ne concorde pas avec les métadonnées XMP ({xmpKey} : « {xmp} »), comme PDF/A l'exige.",
    en: 'The PDF document information (/{key}: "{info}") does not agree with the XMP metadata ({xmpKey}: "{xmp}"), as PDF/A requires.',
  },
  FX_SCHEMA_MISSING: {
    flag: 'warning',
    fr: "Les métadonnées XMP n'ont pas le schéma d'extension Factur-X (pdfaExtension:schemas décrivant l'espace de noms fx), exigé pour un PDF/A-3 Factur-X.",
    en: 'The XMP metadata lacks the Factur-X extension schema (pdfaExtension:schemas describing the fx namespace), required for a Factur-X PDF/A-3.',
  },
  FX_PROPERTY_MISSING: {
    flag: 'warning',
    fr: "Les métadonnées XMP Factur-X n'ont pas la propriété fx:{property}.",
    en: 'The Factur-X XMP metadata lacks the fx:{property} property.',
  },
  FX_DOCUMENT_TYPE_WRONG: {
    flag: 'warning',
    fr: 'Les métadonnées XMP Factur-X déclarent le type de document « {value} » (fx:DocumentType) ; attendu INVOICE.',
    en: 'The Factur-X XMP metadata declares document type "{value}" (fx:DocumentType); expected INVOICE.',
  },
} as const satisfies Record<string, PdfMessage>;

export type PdfProblemCode = keyof typeof PDF_MESSAGES;

function fill(text: string, params: Record<string, string | number> | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Builds a problem from its code (flag and messages come from the table). */
export function pdfProblem(
  code: PdfProblemCode,
  params?: Record<string, string | number>,
): PdfProblem {
  const m: PdfMessage = PDF_MESSAGES[code];
  return { code, flag: m.flag, message: { fr: fill(m.fr, params), en: fill(m.en, params) } };
}
