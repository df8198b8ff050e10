import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { readPdf, renderHtml, renderPdf, validate } from '@chorale/einvoice';

type Lang = 'fr' | 'en';

/** '%PDF-': a Factur-X / ZUGFeRD deposit rather than an XML invoice. */
function isPdf(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x25 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x44 &&
    bytes[3] === 0x46 &&
    bytes[4] === 0x2d
  );
}

/** The invoice XML of an input file: the file itself, or the XML embedded in a Factur-X PDF. */
async function invoiceXml(input: string, bytes: Uint8Array, lang: Lang): Promise<Uint8Array> {
  if (!isPdf(bytes)) return bytes;
  const pdf = await readPdf(bytes);
  if (pdf.kind === 'hybrid') return pdf.xml;
  const why = pdf.problems.map((p) => p.message[lang]).join(' ');
  throw new Error(
    pdf.kind === 'plain'
      ? `${input}: this PDF holds no embedded invoice (not a Factur-X); nothing to render.`
      : `${input}: unreadable PDF. ${why}`,
  );
}

/**
 * `chorale render <invoice> -o out.html|out.pdf [--lang fr|en] [--no-findings]`: a readable
 * rendering of a UBL or CII invoice (or of the XML inside a Factur-X PDF). The HTML shows every
 * EN 16931 term present and, unless --no-findings, the validation results first.
 * Exit status: 0 written, 2 usage error or unreadable input (message on stderr).
 */
export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'Render an invoice (UBL 2.1, CII D16B, or the XML inside a Factur-X PDF) for people: a standalone, printable, accessible HTML page or a PDF, in French or English.',
    )
    .argument('<invoice>', 'UBL 2.1 or CII D16B invoice file, or a Factur-X PDF')
    .requiredOption('-o, --out <file>', 'the file to write: .html (or .htm) or .pdf')
    .addOption(
      new Option('--lang <lang>', 'language of the labels').choices(['fr', 'en']).default('fr'),
    )
    .option('--no-findings', 'leave out the validation results (HTML only)')
    .action(async (input: string, opts: { out: string; lang: Lang; findings: boolean }) => {
      try {
        const ext = extname(opts.out).toLowerCase();
        if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') {
          throw new Error(`${opts.out}: the output must end in .html, .htm or .pdf`);
        }
        const xml = await invoiceXml(input, new Uint8Array(await readFile(input)), opts.lang);
        const report = validate(xml, { lang: opts.lang });
        if (!report.invoice) {
          throw new Error(
            `${input}: not a UBL or CII invoice. ${report.error?.message ?? ''}`.trim(),
          );
        }
        if (ext === '.pdf') {
          const bytes = await renderPdf(report.invoice, { lang: opts.lang });
          await writeFile(opts.out, bytes);
          process.stdout.write(`${opts.out}: PDF, ${bytes.length} bytes\n`);
        } else {
          const html = renderHtml(report.invoice, {
            lang: opts.lang,
            ...(opts.findings ? { findings: report.findings } : {}),
          });
          await writeFile(opts.out, html, 'utf8');
          process.stdout.write(`${opts.out}: HTML, ${Buffer.byteLength(html)} bytes\n`);
        }
        if (report.valid === false) {
          process.stderr.write(
            `render: ${input} is not a valid EN 16931 invoice (${report.fatal.join(', ')}); rendered anyway.\n`,
          );
        }
      } catch (error) {
        process.stderr.write(`render: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 2;
      }
    });
}
