import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../accounts/model.js';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase } from '../../runtime.js';
import { addPlatformSupport } from '../../sollicitations/add-platform-support.js';

export function registerSupportCommand(program: Command): void {
  const support = program
    .command('support')
    .description(
      'Manage the platform support: the operators of this instance who answer the sollicitations addressed to the platform and reassign them to structures.',
    );
  support
    .command('add')
    .description(
      'Make a user platform support. A new user is created with a random password, printed only this once (they change it after signing in); an existing user (same e-mail) is only given the role.',
    )
    .requiredOption('--email <email>', 'e-mail address of the support user')
    .option('--name <name>', 'display name of a new user')
    .action(async (opts: { email: string; name?: string }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        // 18 random bytes: 24 base64url characters, within the password rules.
        const password = randomBytes(18).toString('base64url');
        const { created } = await addPlatformSupport({
          db: database.db,
          actor: SYSTEM_ACTOR,
          email: opts.email,
          name: opts.name,
          password,
        });
        process.stdout.write(
          created
            ? `Platform support user created: ${opts.email}\n  password: ${password}\nGive it to them now: it is not shown again.\n`
            : `${opts.email} is platform support.\n`,
        );
      } finally {
        await database.close();
      }
    });
}
