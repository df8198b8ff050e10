/**
 * One file of `chorale validate` judged and formatted: read, validated (XML by validate() or
 * its Factur-X profile, PDF through readPdf), turned into the text or JSON line the CLI
 * prints, with the exit status it implies. Runs in the CLI's thread or in a worker
 * (validate-pool.ts); Node-only.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { ValidationReport } from '../validate.js';
import type { Lang } from '../rules/types.js';
import { readPdf } from '../pdf/read.js';
import type { PdfProblem, PdfReadResult } from '../pdf/read-types.js';
import { validateFacturX } from '../profiles/validate-facturx.js';

/** What one file gives: the line to print and its exit status (0 valid, 1 invalid, 2 unreadable). */
export interface Judged {
  line: string;
  status: 0 | 1 | 2;
}

export interface JudgeOptions {
  format: 'text' | 'json';
  lang: Lang;
}

interface JsonLine {
  file: string;
  syntax: 'UBL' | 'CII' | null;
  valid: boolean | null;
  fatal: string[];
  warning: string[];
  errors: { id: string; flag: string; message: string; path: string; line: number }[];
  error?: string;
  /** PDFs only: the Factur-X profile of the embedded XML (BT-24), null when unknown. */
  profile?: string | null;
  /** PDFs only: the embedded invoice's file name, null for a PDF with no invoice inside. */
  embeddedFile?: string | null;
  /** PDFs only: what is wrong with the PDF itself (PDF/A-3, Factur-X metadata). */
  pdfProblems?: { code: string; flag: string; message: string }[];
}

/** A PDF read: its result, and the report on the embedded XML when there is one. */
interface PdfOutcome {
  pdf: PdfReadResult;
  report?: ValidationReport;
}

function pdfProblemsJson(problems: PdfProblem[], lang: Lang): JsonLine['pdfProblems'] {
  return problems.map((p) => ({ code: p.code, flag: p.flag, message: p.message[lang] }));
}

function firstFatal(problems: PdfProblem[], lang: Lang): string {
  const p = problems.find((q) => q.flag === 'fatal') ?? problems[0];
  return p ? `${p.code}: ${p.message[lang]}` : 'UNREADABLE';
}

function pdfToJson(file: string, outcome: PdfOutcome, lang: Lang): JsonLine {
  const { pdf, report } = outcome;
  if (pdf.kind === 'hybrid' && report) {
    return {
      ...toJson(file, report),
      profile: pdf.profile,
      embeddedFile: pdf.filename,
      pdfProblems: pdfProblemsJson(pdf.problems, lang),
    };
  }
  return {
    file,
    syntax: null,
    valid: null,
    fatal: [],
    warning: [],
    errors: [],
    error:
      // A fixed text for a plain PDF, so that scripts can recognise it in any language.
      pdf.kind === 'plain' ? 'no embedded invoice' : firstFatal(pdf.problems, lang),
    profile: null,
    embeddedFile: null,
    pdfProblems: pdfProblemsJson(pdf.problems, lang),
  };
}

function pdfToText(file: string, outcome: PdfOutcome, lang: Lang): string {
  const fr = lang === 'fr';
  const { pdf, report } = outcome;
  const extra = pdf.problems.map(
    (p) =>
      `  ${p.flag === 'fatal' ? (fr ? 'ERREUR' : 'ERROR') : fr ? 'avert.' : 'warn. '} ${p.code}: ${p.message[lang]}`,
  );
  if (pdf.kind === 'hybrid' && report) {
    const head = toText(`${file} (${pdf.filename}, ${pdf.profile ?? '?'})`, report, lang);
    return [head, ...extra].join('\n');
  }
  const head =
    pdf.kind === 'plain'
      ? `${file}: ${fr ? 'PDF sans facture jointe (dépôt PDF simple)' : 'no embedded invoice (plain PDF)'}`
      : `${file}: ${fr ? 'illisible' : 'unreadable'}`;
  return [head, ...extra].join('\n');
}

function toJson(file: string, report: ValidationReport): JsonLine {
  const line: JsonLine = {
    file,
    syntax: report.syntax,
    valid: report.valid,
    fatal: report.fatal,
    warning: report.warning,
    errors: report.findings.map((f) => ({
      id: f.id,
      flag: f.flag,
      message: f.message,
      path: f.path,
      line: f.line,
    })),
  };
  if (report.error)
    line.error = `${report.error.code}: ${report.error.message} (line ${report.error.line})`;
  return line;
}

function toText(file: string, report: ValidationReport, lang: Lang): string {
  const fr = lang === 'fr';
  if (report.valid === null) {
    const e = report.error;
    return `${file}: ${fr ? 'illisible' : 'unreadable'} — ${e ? `${e.message} (${fr ? 'ligne' : 'line'} ${e.line}, ${fr ? 'colonne' : 'column'} ${e.column})` : ''}`;
  }
  const head = `${file} [${report.syntax}]: ${
    report.valid
      ? fr
        ? 'valide'
        : 'valid'
      : fr
        ? `non valide (${report.fatal.length} règle(s) bloquante(s))`
        : `invalid (${report.fatal.length} fatal rule(s))`
  }${report.warning.length ? (fr ? `, ${report.warning.length} avertissement(s)` : `, ${report.warning.length} warning(s)`) : ''}`;
  const lines = report.findings
    .slice()
    .sort((a, b) => (a.flag === b.flag ? a.line - b.line : a.flag === 'fatal' ? -1 : 1))
    .map(
      (f) =>
        `  ${f.flag === 'fatal' ? (fr ? 'ERREUR' : 'ERROR') : fr ? 'avert.' : 'warn. '} ${f.id} ${fr ? 'ligne' : 'line'} ${f.line}: ${f.message}\n           ${f.path}`,
    );
  return [head, ...lines].join('\n');
}

/** The line printed for a path that cannot be read (missing file or folder, no access). */
export function unreadableLine(path: string, reason: string, options: JudgeOptions): string {
  return options.format === 'json'
    ? JSON.stringify({
        file: path,
        syntax: null,
        valid: null,
        fatal: [],
        warning: [],
        errors: [],
        error: `UNREADABLE: ${reason}`,
      })
    : `${path}: ${options.lang === 'fr' ? 'illisible' : 'unreadable'} (${reason})`;
}

const reasonOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

async function judgePdf(file: string, options: JudgeOptions): Promise<Judged> {
  let outcome: PdfOutcome;
  try {
    const pdf = await readPdf(readFileSync(file));
    outcome = {
      pdf,
      // By profile: MINIMUM and BASIC WL get their own rules, the others validate()'s.
      // A Factur-X PDF whose XMP declares EN 16931 is judged by that Factur-X profile too
      // (BT-24's bare EN 16931 id alone does not say Factur-X).
      report:
        pdf.kind === 'hybrid'
          ? validateFacturX(pdf.xml, {
              lang: options.lang,
              ...(pdf.xmpProfile === 'EN 16931' ? { profile: 'EN 16931' as const } : {}),
            })
          : undefined,
    };
  } catch (error) {
    const reason = reasonOf(error);
    outcome = {
      pdf: {
        kind: 'unreadable',
        problems: [{ code: 'UNREADABLE', flag: 'fatal', message: { fr: reason, en: reason } }],
      },
    };
  }
  const report = outcome.report;
  let status: Judged['status'] = 0;
  // A plain PDF cannot be judged (valid null) like unreadable input: status 2.
  if (!report || report.valid === null) status = 2;
  else if (!report.valid || outcome.pdf.problems.some((p) => p.flag === 'fatal')) status = 1;
  return {
    line:
      options.format === 'json'
        ? JSON.stringify(pdfToJson(file, outcome, options.lang))
        : pdfToText(file, outcome, options.lang),
    status,
  };
}

/**
 * The bytes of an XML file, read into one buffer this thread reuses (files up to 1 MiB; a
 * larger one is read whole on its own). Valid until the next call: judgeFile validates and
 * formats synchronously before reading another file. Measured on the typical invoices of
 * bench:validate: reading was 9 % of `chorale validate`'s CPU time with readFileSync (open,
 * fstat, a new buffer, read, close), the stat and the allocation a fifth of it.
 */
let scratch: Uint8Array | undefined;
function readXml(file: string): Uint8Array {
  scratch ??= new Uint8Array(1 << 20);
  const fd = openSync(file, 'r');
  let n = 0;
  try {
    // A regular file reads in full unless at its end; a pipe or FIFO may give less per read.
    for (let k; n < scratch.length && (k = readSync(fd, scratch, n, scratch.length - n, null)) > 0;)
      n += k;
  } finally {
    closeSync(fd);
  }
  return n < scratch.length ? scratch.subarray(0, n) : new Uint8Array(readFileSync(file));
}

/** Reads, validates and formats one file. Never throws: unreadable files give status 2. */
export async function judgeFile(file: string, options: JudgeOptions): Promise<Judged> {
  if (file.toLowerCase().endsWith('.pdf')) return judgePdf(file, options);
  let report: ValidationReport;
  let profile: string | null = null; // set only when a below-EN 16931 profile judged it
  try {
    const fx = validateFacturX(readXml(file), { lang: options.lang });
    if (fx.rules !== 'EN 16931') profile = fx.profile;
    report = fx;
  } catch (error) {
    return { line: unreadableLine(file, reasonOf(error), options), status: 2 };
  }
  return {
    line:
      options.format === 'json'
        ? JSON.stringify(profile ? { ...toJson(file, report), profile } : toJson(file, report))
        : toText(profile ? `${file} (${profile})` : file, report, options.lang),
    status: report.valid === null ? 2 : report.valid ? 0 : 1,
  };
}
