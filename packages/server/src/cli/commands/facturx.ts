import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { writeFacturX } from '@chorale/einvoice';

/**
 * `chorale facturx <invoice.xml> -o out.pdf [--lang fr|en] [--pdf existing.pdf]`: a Factur-X
 * PDF/A-3b from a UBL or CII invoice, with our readable layout or the supplier's own PDF.
 * Exit status: 0 written, 2 usage error or unreadable input (message on stderr).
 */
export function registerFacturXCommand(program: Command): void {
  program
    .command('facturx')
    .description(
      'Write a Factur-X PDF/A-3b: the invoice drawn in our layout (or the pages of --pdf) with its CII XML embedded as factur-x.xml (a UBL input is converted to CII).',
    )
    .argument('<invoice>', 'UBL 2.1 or CII D16B invoice file')
    .requiredOption('-o, --out <file>', 'the PDF to write')
    .addOption(
      new Option('--lang <lang>', 'language of the drawn invoice')
        .choices(['fr', 'en'])
        .default('fr'),
    )
    .option('--pdf <file>', 'an existing PDF of the invoice to embed the XML into')
    .action(async (input: string, opts: { out: string; lang: 'fr' | 'en'; pdf?: string }) => {
      try {
        const xml = new Uint8Array(await readFile(input));
        const pdf = opts.pdf ? new Uint8Array(await readFile(opts.pdf)) : undefined;
        const bytes = await writeFacturX({ xml, lang: opts.lang, pdf });
        await writeFile(opts.out, bytes);
        process.stdout.write(`${opts.out}: Factur-X PDF/A-3b, ${bytes.length} bytes\n`);
      } catch (error) {
        process.stderr.write(
          `facturx: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 2;
      }
    });
}
