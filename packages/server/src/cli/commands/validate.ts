import { Command, Option } from 'commander';
import { validateFiles } from '@chorale/einvoice/node';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description(
      'Validate UBL 2.1 / CII D16B invoices against EN 16931 (release 1.3.16 rules). Exit status: 0 all valid, 1 some invalid, 2 usage error or unreadable input.',
    )
    .argument('<paths...>', 'invoice files, or folders (searched recursively for .xml files)')
    .addOption(
      new Option('--format <format>', 'text for people, json for one JSON object per line and file')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(
      new Option('--lang <lang>', 'language of the messages').choices(['fr', 'en']).default('fr'),
    )
    .action(async (paths: string[], opts: { format: 'text' | 'json'; lang: 'fr' | 'en' }) => {
      const status = await validateFiles({
        paths,
        format: opts.format,
        lang: opts.lang,
        write: (line) => process.stdout.write(line + '\n'),
      });
      process.exitCode = status;
    });
}
