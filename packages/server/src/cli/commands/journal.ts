import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config.js';
import { verifyJournal } from '../../invoices/journal.js';
import { openMigratedDatabase } from '../../runtime.js';

/** Problems printed before the rest is only counted. */
const SHOWN = 50;

export function registerJournalCommand(program: Command): void {
  const journal = program
    .command('journal')
    .description('Check the invoice journal (hash-chained, append-only).');
  journal
    .command('verify')
    .description(
      "Re-compute every invoice's hash chain and report each edited, deleted or reordered journal row, and each invoice whose last rows are missing. Exits 1 when a problem is found.",
    )
    .option('--json', 'print the result as JSON on stdout')
    .action(async (opts: { json?: boolean }) => {
      const database = await openMigratedDatabase(loadConfig());
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              format:
                'journal [{bar}] {percentage}% | {value}/{total} invoices | {eta_formatted} left',
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      try {
        let started = false;
        const result = await verifyJournal({
          db: database.db,
          onProgress: (done, total) => {
            if (!bar) return;
            if (!started) {
              bar.start(total, done);
              started = true;
            } else bar.update(done);
          },
        });
        bar?.stop();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } else {
          for (const p of result.problems.slice(0, SHOWN)) {
            process.stdout.write(
              `${p.invoiceId}${p.seq === null ? '' : ` seq ${p.seq}`}: ${p.problem} — ${p.detail}\n`,
            );
          }
          if (result.problems.length > SHOWN) {
            process.stdout.write(`… ${result.problems.length - SHOWN} more problems\n`);
          }
          process.stdout.write(
            `${result.invoices} invoices, ${result.events} journal rows checked: ${
              result.problems.length === 0 ? 'intact' : `${result.problems.length} problem(s) found`
            }\n`,
          );
        }
        if (result.problems.length > 0) process.exitCode = 1;
      } finally {
        bar?.stop();
        await database.close();
      }
    });
}
