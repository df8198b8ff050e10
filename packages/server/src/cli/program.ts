import { Command } from 'commander';
import { registerServeCommand } from './commands/serve.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerOpenApiCommand } from './commands/openapi.js';
import { registerAreaCommands } from './commands/index.js';

/** The `chorale` command tree (built fresh each time so tests can walk it). */
export function buildProgram(): Command {
  const program = new Command()
    .name('chorale')
    .description(
      'Chorale, open e-invoicing for public procurement: server and administration commands.',
    )
    .showHelpAfterError();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerSeedCommand(program);
  registerOpenApiCommand(program);
  registerAreaCommands(program);
  return program;
}
