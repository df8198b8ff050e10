import type { Command } from 'commander';
import { baseProgram } from './base-program.js';
import { registerServeCommand } from './commands/serve.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerOpenApiCommand } from './commands/openapi.js';
import { registerAreaCommands } from './commands/index.js';

/** The `chorale` command tree (built fresh each time so tests can walk it). */
export function buildProgram(): Command {
  const program = baseProgram();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerSeedCommand(program);
  registerOpenApiCommand(program);
  registerAreaCommands(program);
  return program;
}
