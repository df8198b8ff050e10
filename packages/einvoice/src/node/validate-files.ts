/**
 * `chorale validate`: validates files and folders, one report per file, as text or as JSON
 * lines. Node-only (reads the file system); the browser build never imports this module.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidationReport } from '../validate.js';
import type { Lang } from '../rules/types.js';
import { readPdf } from '../pdf/read.js';
import type { PdfProblem, PdfReadResult } from '../pdf/read-types.js';
import { validateFacturX } from '../profiles/validate-facturx.js';

export interface ValidateFilesOptions {
  paths: string[];
  format: 'text' | 'json';
  lang: Lang;
  /** Where lines go (stdout in the CLI). */
  write: (line: string) => void;
}

/** File extensions picked up when a folder is given. */
const INVOICE_EXTENSIONS = ['.xml', '.pdf'];

async function expand(path: string, out: string[]): Promise<void> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    out.push(path);
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const child = join(path, e.name);
    if (e.isDirectory()) await expand(child, out);
    else if (INVOICE_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext))) out.push(child);
  }
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

/** Validates every file; returns the exit status: 0 all valid, 1 some invalid, 2 unreadable. */
export async function validateFiles(options: ValidateFilesOptions): Promise<number> {
  let status = 0;
  for (const given of options.paths) {
    const files: string[] = [];
    try {
      await expand(given, files);
    } catch (error) {
      status = 2;
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      options.write(
        options.format === 'json'
          ? JSON.stringify({
              file: given,
              syntax: null,
              valid: null,
              fatal: [],
              warning: [],
              errors: [],
              error: `UNREADABLE: ${reason}`,
            })
          : `${given}: ${options.lang === 'fr' ? 'illisible' : 'unreadable'} (${reason})`,
      );
      continue;
    }
    for (const file of files) {
      if (file.toLowerCase().endsWith('.pdf')) {
        let outcome: PdfOutcome;
        try {
          const pdf = await readPdf(await readFile(file));
          outcome = {
            pdf,
            // By profile: MINIMUM and BASIC WL get their own rules, the others validate()'s.
            report:
              pdf.kind === 'hybrid' ? validateFacturX(pdf.xml, { lang: options.lang }) : undefined,
          };
        } catch (error) {
          outcome = {
            pdf: {
              kind: 'unreadable',
              problems: [
                {
                  code: 'UNREADABLE',
                  flag: 'fatal',
                  message: {
                    fr: String((error as NodeJS.ErrnoException).code ?? error),
                    en: String((error as NodeJS.ErrnoException).code ?? error),
                  },
                },
              ],
            },
          };
        }
        const report = outcome.report;
        // A plain PDF cannot be judged (valid null) like unreadable input: status 2.
        if (!report || report.valid === null) status = 2;
        else if (
          (!report.valid || outcome.pdf.problems.some((p) => p.flag === 'fatal')) &&
          status === 0
        )
          status = 1;
        options.write(
          options.format === 'json'
            ? JSON.stringify(pdfToJson(file, outcome, options.lang))
            : pdfToText(file, outcome, options.lang),
        );
        continue;
      }
      let bytes: Uint8Array;
      let report: ValidationReport;
      let profile: string | null = null; // set only when a below-EN 16931 profile judged it
      try {
        bytes = await readFile(file);
        const fx = validateFacturX(bytes, { lang: options.lang });
        if (fx.rules !== 'EN 16931') profile = fx.profile;
        report = fx;
      } catch (error) {
        status = 2;
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        options.write(
          options.format === 'json'
            ? JSON.stringify({
                file,
                syntax: null,
                valid: null,
                fatal: [],
                warning: [],
                errors: [],
                error: `UNREADABLE: ${reason}`,
              })
            : `${file}: ${options.lang === 'fr' ? 'illisible' : 'unreadable'} (${reason})`,
        );
        continue;
      }
      if (report.valid === null) status = 2;
      else if (!report.valid && status === 0) status = 1;
      options.write(
        options.format === 'json'
          ? JSON.stringify(profile ? { ...toJson(file, report), profile } : toJson(file, report))
          : toText(profile ? `${file} (${profile})` : file, report, options.lang),
      );
    }
  }
  return status;
}
