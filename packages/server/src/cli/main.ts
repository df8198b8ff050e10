#!/usr/bin/env node
import { CommanderError } from 'commander';

// `chorale validate` starts without loading the server (validate-program.ts).
const program =
  process.argv[2] === 'validate'
    ? (await import('./validate-program.js')).buildValidateProgram()
    : (await import('./program.js')).buildProgram();
const override = (command: typeof program): void => {
  command.exitOverride();
  command.commands.forEach(override);
};
override(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // --help and --version are not failures; usage errors exit with 2.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.help' ||
      error.code === 'commander.version'
    ) {
      process.exit(0);
    }
    process.exit(2);
  }
  process.stderr.write(`chorale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
