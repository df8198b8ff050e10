import { Command } from 'commander';

/** The `chorale` program without its commands (program.ts adds them all). */
export function baseProgram(): Command {
  return new Command()
    .name('chorale')
    .description(
      'Chorale, open e-invoicing for public procurement: server and administration commands.',
    )
    .showHelpAfterError();
}
