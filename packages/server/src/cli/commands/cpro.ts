import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../accounts/model.js';
import { findStructure } from '../../accounts/structure-access.js';
import { loadConfig } from '../../config.js';
import { createTechnicalAccount } from '../../cpro/create-technical-account.js';
import { remindExpiringTechnicalAccounts } from '../../cpro/remind-expiring-technical-accounts.js';
import { createMailer } from '../../lib/mailer.js';
import { openMigratedDatabase } from '../../runtime.js';

export function registerCproCommand(program: Command): void {
  const cpro = program
    .command('cpro')
    .description('The Chorus Pro–compatible API (/cpro): technical accounts.');
  cpro
    .command('technical-account')
    .description(
      'Create a technical account (the cpro-account header’s login and password) for a structure; the password is shown only this once.',
    )
    .requiredOption('--structure <identifier>', 'SIRET of the structure in the directory')
    .option('--json', 'print {"id","login","password","expiresAt"} as JSON')
    .action(async (opts: { structure: string; json?: boolean }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const structure = await findStructure(database.db, opts.structure);
        if (!structure) throw new Error(`no structure ${opts.structure} in the directory`);
        const created = await createTechnicalAccount({
          db: database.db,
          actor: SYSTEM_ACTOR,
          identifier: structure.identifier,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(created)}\n`);
        else
          process.stdout.write(
            `Technical account created for ${structure.name} (${structure.identifier})\n  login:    ${created.login}\n  password: ${created.password}\n  expires:  ${created.expiresAt}\nStore the password now: it is not shown again.\n`,
          );
      } finally {
        await database.close();
      }
    });
  cpro
    .command('remind-expiring')
    .description(
      'Mail the managers of each structure whose technical password expires within 30 days (once per password). Run it daily.',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        const mailer = createMailer({
          smtpUrl: config.smtpUrl,
          from: config.mailFrom,
          footer: { publicUrl: config.publicUrl, support: config.support },
          log: (mail) =>
            process.stdout.write(`(no SMTP_URL) mail to ${mail.to}: ${mail.subject}\n`),
        });
        const result = await remindExpiringTechnicalAccounts({
          db: database.db,
          mailer,
          publicUrl: config.publicUrl,
        });
        process.stdout.write(
          `${result.accounts} account(s) reminded, ${result.mails} mail(s) sent\n`,
        );
      } finally {
        await database.close();
      }
    });
}
