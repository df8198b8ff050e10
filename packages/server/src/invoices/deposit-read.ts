/**
 * The first step of a deposit: what was sent (an XML invoice, a Factur-X PDF, a plain PDF with
 * keyed-in data, keyed-in data alone) read into an EN 16931 model and validated. Whatever cannot
 * go through is refused with a stable code; a refusal here writes nothing.
 */
import type { Kysely } from 'kysely';
import {
  checkKeyedEntry,
  messageFor,
  readPdf,
  validateModel,
  type Invoice,
  type ReportedFinding,
  type ValidationReport,
} from '@chorale/einvoice';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { fatalFindings, refuse } from './deposit-checks.js';
import { keyedToModel, type KeyedInvoice } from './keyed-invoice.js';
import { parisDate } from './payment-terms.js';
import type { DepositFormat } from './model.js';
import type { IncomingFile } from './attachments.js';
import { validateInThread, type XmlValidator } from './validation-pool.js';

/** A non-fatal finding kept with the invoice and shown to both parties. */
export interface StoredWarning {
  id: string;
  path: string;
  line: number;
  message: string;
  messageFr: string;
}

const utf8 = new TextEncoder();

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** XML after an optional UTF-8 BOM and whitespace. */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return bytes[i] === 0x3c; // '<'
}

function fatalDetails(findings: ReportedFinding[]) {
  return findings
    .filter((f) => f.flag === 'fatal')
    .slice(0, 200)
    .map((f) => ({ pointer: f.path, message: `[${f.id}] ${f.message}` }));
}

/** What a message names: the file, or the XML inside a Factur-X PDF. */
type Subject = { fr: string; en: string };

/**
 * Why an XML file could not be read, by the parser's stable code, in both languages: a
 * well-formed file refused for its DOCTYPE is told so, not called malformed.
 */
function unreadableXml(code: string | undefined, what: Subject): Subject {
  switch (code) {
    case 'DOCTYPE_FORBIDDEN':
      return {
        fr: `${what.fr} contient une déclaration de type de document (DOCTYPE), refusée : une facture n’en a pas besoin et elle ouvre la voie à des attaques (entités externes). Retirez-la.`,
        en: `${what.en} contains a document type declaration (DOCTYPE), which is refused: an invoice needs none and it opens the way to attacks (external entities). Remove it.`,
      };
    case 'ENTITY_FORBIDDEN':
      return {
        fr: `${what.fr} déclare une entité (ENTITY), refusée : une facture n’en a pas besoin. Retirez-la.`,
        en: `${what.en} declares an entity (ENTITY), which is refused: an invoice needs none. Remove it.`,
      };
    case 'EMPTY':
      return { fr: `${what.fr} est vide.`, en: `${what.en} is empty.` };
    case 'NOT_XML':
    case 'PDF_NOT_XML':
      return {
        fr: `${what.fr} n’est pas un document XML.`,
        en: `${what.en} is not an XML document.`,
      };
    case 'BAD_ENCODING':
      return {
        fr: `${what.fr} contient des octets invalides pour son encodage (UTF-8 attendu).`,
        en: `${what.en} holds bytes that are invalid in its encoding (UTF-8 expected).`,
      };
    case 'UNSUPPORTED_ENCODING':
      return {
        fr: `${what.fr} déclare un encodage non pris en charge : utilisez UTF-8.`,
        en: `${what.en} declares an encoding that is not supported: use UTF-8.`,
      };
    case 'TOO_LARGE':
      return {
        fr: `${what.fr} dépasse la taille maximale.`,
        en: `${what.en} is over the size limit.`,
      };
    case 'NAMESPACE':
      return {
        fr: `${what.fr} utilise un préfixe d’espace de noms qui n’est pas déclaré, ou un nom qualifié invalide : vérifiez les déclarations xmlns de la racine.`,
        en: `${what.en} uses a namespace prefix that is not declared, or an invalid qualified name: check the root's xmlns declarations.`,
      };
    case 'TOO_DEEP':
      return {
        fr: `${what.fr} imbrique ses éléments trop profondément.`,
        en: `${what.en} nests its elements too deeply.`,
      };
    default:
      return {
        fr: `${what.fr} est illisible (XML mal formé).`,
        en: `${what.en} cannot be read (malformed XML).`,
      };
  }
}

function checkReport(report: ValidationReport, what: Subject): Invoice {
  if (report.valid === null || !report.invoice) {
    const notInvoice = report.error?.code === 'NOT_AN_INVOICE';
    const reason = notInvoice
      ? {
          fr: `${what.fr} n’est pas une facture UBL 2.1 ni CII D16B.`,
          en: `${what.en} is neither a UBL 2.1 nor a CII D16B invoice.`,
        }
      : unreadableXml(report.error?.code, what);
    throw refuse(
      notInvoice ? 'FORMAT_NON_SUPPORTE' : 'FORMAT_ILLISIBLE',
      reason.fr,
      reason.en,
      report.error ? [{ pointer: `line ${report.error.line}`, message: report.error.message }] : [],
    );
  }
  if (!report.valid) {
    throw refuse(
      'REGLES_EN16931',
      `La facture enfreint ${report.fatal.length} règle(s) de la norme EN 16931 : ${report.fatal.join(', ')}.`,
      `The invoice breaks ${report.fatal.length} EN 16931 rule(s): ${report.fatal.join(', ')}.`,
      fatalDetails(report.findings),
      fatalFindings(report.findings),
    );
  }
  return report.invoice;
}

export interface ReadInvoice {
  format: DepositFormat;
  /** The model; without its lines when `modelJson` holds it whole (ValidatedXml's invariant). */
  model: Invoice;
  report: ValidationReport;
  /** Non-fatal problems of a Factur-X PDF (PDF/A-3 clauses…), kept with the EN 16931 ones. */
  pdfWarnings?: StoredWarning[];
  /** The entry checks' warnings of keyed data (a VAT rate France does not use…), kept too. */
  entryWarnings?: StoredWarning[];
  /** The original kept byte for byte. */
  original: IncomingFile;
  /** The model as stored (normalisedJson), when the validator already wrote it. */
  modelJson?: string | undefined;
}

/** Reads the deposit's form into a validated model (refusing on fatal EN 16931 rules). */
export async function readDeposit(options: {
  db: Kysely<DB>;
  invoice: IncomingFile | undefined;
  keyed: KeyedInvoice | undefined;
  /** Where XML is validated (validation-pool.ts); in this thread by default. */
  validator?: XmlValidator | undefined;
}): Promise<ReadInvoice> {
  const { invoice, keyed } = options;
  const validateXml = options.validator ?? validateInThread;
  if (!invoice && !keyed) {
    throw refuse(
      'DONNEES_INCOMPLETES',
      'Joignez la facture (XML ou PDF) ou saisissez ses données.',
      'Send the invoice (XML or PDF) or its keyed-in data.',
    );
  }
  if (invoice && startsWith(invoice.bytes, '%PDF-')) {
    const pdf = await readPdf(invoice.bytes);
    if (keyed) {
      // A plain PDF is only the picture of the invoice: its data are the keyed ones. A PDF the
      // reader cannot open is refused.
      if (pdf.kind === 'unreadable') {
        throw refuse(
          'FORMAT_ILLISIBLE',
          'Le PDF est illisible.',
          'The PDF cannot be read.',
          pdf.problems.map((p) => ({ pointer: p.code, message: p.message.en })),
        );
      }
      const entryWarnings = checkEntry(keyed);
      const model = await modelOfKeyed(options.db, keyed);
      return {
        format: 'PDF',
        model,
        report: validateKeyed(model),
        original: invoice,
        entryWarnings,
      };
    }
    if (pdf.kind === 'hybrid') {
      const fatal = pdf.problems.filter((p) => p.flag === 'fatal');
      if (fatal.length > 0) {
        throw refuse(
          'FORMAT_ILLISIBLE',
          'Le PDF Factur-X n’est pas conforme : ' + fatal.map((p) => p.message.fr).join(' '),
          'The Factur-X PDF does not conform: ' + fatal.map((p) => p.message.en).join(' '),
          fatal.map((p) => ({ pointer: p.code, message: p.message.en })),
        );
      }
      const { report, modelJson } = await validateXml(pdf.xml);
      return {
        format: 'FACTURX',
        model: checkReport(report, { fr: 'Le XML du Factur-X', en: 'The Factur-X XML' }),
        report,
        original: invoice,
        modelJson,
        pdfWarnings: pdf.problems.map((p) => ({
          id: p.code,
          path: pdf.filename,
          line: 0,
          message: p.message.en,
          messageFr: p.message.fr,
        })),
      };
    }
    if (pdf.kind === 'plain') {
      throw refuse(
        'DONNEES_INCOMPLETES',
        'Ce PDF ne contient pas de facture structurée (Factur-X) : saisissez les données de la facture avec le PDF.',
        'This PDF holds no structured invoice (Factur-X): send the keyed-in invoice data with it.',
      );
    }
    throw refuse(
      'FORMAT_ILLISIBLE',
      'Le PDF est illisible.',
      'The PDF cannot be read.',
      pdf.problems.map((p) => ({ pointer: p.code, message: p.message.en })),
    );
  }
  if (invoice) {
    if (!looksLikeXml(invoice.bytes)) {
      throw refuse(
        'FORMAT_NON_SUPPORTE',
        'Formats acceptés : XML UBL 2.1 ou CII D16B, PDF Factur-X, ou PDF accompagné des données saisies.',
        'Accepted forms: UBL 2.1 or CII D16B XML, Factur-X PDF, or a PDF with keyed-in data.',
      );
    }
    if (keyed) {
      throw new AppError(
        'BAD_REQUEST',
        'Keyed-in data go with a plain PDF or alone, never with an XML invoice',
        {
          fr: 'Les données saisies accompagnent un PDF simple ou viennent seules, jamais avec une facture XML',
        },
      );
    }
    const { report, modelJson } = await validateXml(invoice.bytes);
    const model = checkReport(report, { fr: 'Le fichier', en: 'The file' });
    const format = report.syntax === 'CII' ? 'CII' : 'UBL';
    return { format, model, report, original: invoice, modelJson };
  }
  const entryWarnings = checkEntry(keyed!);
  const model = await modelOfKeyed(options.db, keyed!);
  // Keyed data without a file: the canonical JSON of what was keyed is the original.
  const bytes = utf8.encode(JSON.stringify(keyed));
  return {
    format: 'SAISIE',
    model,
    report: validateKeyed(model),
    entryWarnings,
    original: {
      bytes,
      filename: `saisie-${keyed!.number.replace(/[^A-Za-z0-9._-]/g, '_')}.json`,
      mediaType: 'application/json',
    },
  };
}

/**
 * The platform's entry checks of keyed-in data (dates, check keys, bounds: the library's
 * checkKeyedEntry, which the portal runs at each field), judged on today's date in France.
 * Refuses on the fatal ones; gives back the warnings, in the words the portal shows at the
 * field, to be kept with the invoice.
 */
function checkEntry(keyed: KeyedInvoice): StoredWarning[] {
  const findings = checkKeyedEntry(keyed, { today: parisDate(new Date()), lang: 'fr' });
  // The entry messages are in the library's catalogue: the English one from the same finding.
  const english = (f: (typeof findings)[number]) => messageFor(f, 'en');
  const fatal = findings.filter((f) => f.flag === 'fatal');
  if (fatal.length === 0) {
    return findings.map((f) => ({
      id: f.id,
      path: f.field,
      line: 0,
      message: english(f),
      messageFr: f.message,
    }));
  }
  throw refuse(
    'SAISIE_INVALIDE',
    fatal.map((f) => f.message).join(' '),
    fatal.map(english).join(' '),
    fatal.map((f) => ({ pointer: f.field, message: `[${f.id}] ${english(f)}` })),
    fatal.map((f) => ({
      ruleId: f.id,
      message: { fr: f.message, en: english(f) },
      terms: f.terms,
      path: f.field,
      line: 0,
    })),
  );
}

/** Buyer name and address come from the directory (the supplier keys only the identifier). */
async function modelOfKeyed(db: Kysely<DB>, keyed: KeyedInvoice): Promise<Invoice> {
  const id = keyed.recipient.identifier;
  const q = db
    .selectFrom('structure')
    .select(['name', 'address_line1', 'address_line2', 'postal_code', 'town', 'country_code'])
    .where('identifier_type', '=', 'SIRET');
  const s = await (
    id.length === 14 ? q.where('identifier', '=', id) : q.where('identifier', 'like', `${id}%`)
  )
    .limit(1)
    .executeTakeFirst();
  const buyer = s
    ? {
        name: s.name,
        address: {
          ...(s.address_line1 ? { line1: s.address_line1 } : {}),
          ...(s.address_line2 ? { line2: s.address_line2 } : {}),
          ...(s.postal_code ? { postCode: s.postal_code } : {}),
          ...(s.town ? { city: s.town } : {}),
          countryCode: s.country_code ?? 'FR',
        },
      }
    : undefined;
  return keyedToModel(keyed, buyer);
}

function validateKeyed(model: Invoice): ValidationReport {
  const report = validateModel(model);
  if (!report.valid) {
    throw refuse(
      'REGLES_EN16931',
      `Les données saisies enfreignent ${report.fatal.length} règle(s) de la norme EN 16931 : ${report.fatal.join(', ')}.`,
      `The keyed-in data break ${report.fatal.length} EN 16931 rule(s): ${report.fatal.join(', ')}.`,
      fatalDetails(report.findings),
      fatalFindings(report.findings),
    );
  }
  return report;
}
