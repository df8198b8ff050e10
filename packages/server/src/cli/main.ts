#!/usr/bin/env node
import { Command } from 'commander';
import { registerServeCommand } from './commands/serve.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerAreaCommands } from './commands/index.js';

const program = new Command()
  .name('chorale')
  .description(
    'Chorale, open e-invoicing for public procurement: server and administration commands.',
  )
  .showHelpAfterError()
  .exitOverride((error) => {
    // commander throws for --help and --version too: those are not failures.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      process.exit(0);
    process.exit(error.exitCode === 1 ? 2 : error.exitCode);
  });

registerServeCommand(program);
registerMigrateCommand(program);
registerSeedCommand(program);
registerAreaCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`chorale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
