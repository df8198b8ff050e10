import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../accounts/model.js';
import { loadConfig } from '../../config.js';
import { listEcbRates } from '../../invoices/list-ecb-rates.js';
import { setEcbRate } from '../../invoices/set-ecb-rate.js';
import { openMigratedDatabase } from '../../runtime.js';

export function registerRatesCommand(program: Command): void {
  const rates = program
    .command('rates')
    .description('ECB main refinancing rates used for late-payment interest (rate + 8 points).');
  rates
    .command('set <date> <rate>')
    .description('Record the rate (percent, e.g. 2.15) in force from <date> (YYYY-MM-DD).')
    .action(async (date: string, rate: string) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const set = await setEcbRate({
          db: database.db,
          actor: SYSTEM_ACTOR,
          validFrom: date,
          rate,
        });
        process.stdout.write(`ECB rate ${set.rate} % in force from ${set.validFrom}\n`);
      } finally {
        await database.close();
      }
    });
  rates
    .command('list')
    .description('Print the recorded rates, oldest first.')
    .option('--json', 'print [{"validFrom","rate"}] as JSON')
    .action(async (opts: { json?: boolean }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const list = await listEcbRates({ db: database.db, actor: SYSTEM_ACTOR });
        if (opts.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else for (const r of list) process.stdout.write(`${r.validFrom}  ${r.rate} %\n`);
      } finally {
        await database.close();
      }
    });
}
