import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config.js';
import type { CsvImportProgress, Encoding, Rejection } from '../../directory/csv-import.js';
import { importServices } from '../../directory/import-services.js';
import { importStructures, type ImportReport } from '../../directory/import-structures.js';
import { openMigratedDatabase } from '../../runtime.js';

/** Progress on stderr: a bar on a terminal, a line every 5 seconds otherwise (CI logs). */
function progressReporter(label: string, totalBytes: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {rows} rows | {eta_formatted} left`,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalBytes, 0, { rows: 0 });
    return {
      update: (p: CsvImportProgress) => bar.update(p.bytes, { rows: p.rows }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (p: CsvImportProgress) => {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const pct = totalBytes > 0 ? Math.floor((100 * p.bytes) / totalBytes) : 0;
      process.stderr.write(`${label}: ${pct}% (${p.rows} rows)\n`);
    },
    stop: () => undefined,
  };
}

function printSummary(label: string, r: ImportReport): void {
  process.stdout.write(
    `${label}: ${r.read} rows read (${r.encoding}), ${r.inserted} inserted, ${r.updated} updated, ${r.rejected} rejected, ${r.seconds.toFixed(1)} s\n`,
  );
}

export function registerDirectoryCommand(program: Command): void {
  const directory = program
    .command('directory')
    .description('Manage the directory of structures and services.');
  directory
    .command('import')
    .description(
      'Import the official directory export (;-separated, UTF-8 or ISO-8859-1) and optionally a services file. Idempotent: re-importing updates, never duplicates.',
    )
    .argument('<file>', 'structures file (TypeIdentifiant;Identifiant;RaisonSociale;…)')
    .option(
      '--services <file>',
      'services file (TypeIdentifiant;Identifiant;CodeService;LibelleService;…)',
    )
    .option('--encoding <encoding>', 'auto, utf8 or latin1', 'auto')
    .option('--report <file>', 'write every rejected row (file;line;reason) to this file')
    .action(
      async (file: string, opts: { services?: string; encoding: string; report?: string }) => {
        if (!['auto', 'utf8', 'latin1'].includes(opts.encoding)) {
          throw new Error(`--encoding must be auto, utf8 or latin1, not "${opts.encoding}"`);
        }
        for (const f of [file, opts.services].filter((f): f is string => !!f)) {
          if (!fs.existsSync(f)) throw new Error(`no such file: ${f}`);
        }
        const encoding = opts.encoding as Encoding;
        const report = opts.report ? fs.createWriteStream(opts.report) : undefined;
        report?.write('file;line;reason\n');
        let shown = 0;
        const rejectionsOf = (name: string) => (r: Rejection) => {
          report?.write(`${name};${r.line};${r.reason.replaceAll(';', ',')}\n`);
          if (shown++ < 20) process.stderr.write(`${name}:${r.line}: ${r.reason}\n`);
          else if (shown === 21)
            process.stderr.write('… more rejected rows (use --report <file> to keep them all)\n');
        };
        const config = loadConfig();
        const database = await openMigratedDatabase(config);
        let rejected = 0;
        try {
          const progress = progressReporter('structures', fs.statSync(file).size);
          const structures = await importStructures({
            db: database.db,
            input: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
            encoding,
            onRejection: rejectionsOf(file),
            onProgress: progress.update,
          });
          progress.stop();
          printSummary('structures', structures);
          rejected += structures.rejected;
          if (opts.services) {
            const progress2 = progressReporter('services', fs.statSync(opts.services).size);
            const services = await importServices({
              db: database.db,
              input: fs.createReadStream(opts.services, { highWaterMark: 256 * 1024 }),
              encoding,
              onRejection: rejectionsOf(opts.services),
              onProgress: progress2.update,
            });
            progress2.stop();
            printSummary('services', services);
            rejected += services.rejected;
          }
        } finally {
          await database.close();
          await new Promise<void>((resolve) => (report ? report.end(resolve) : resolve()));
        }
        if (rejected > 0) process.exitCode = 1;
      },
    );
}
