import type { Command } from 'commander';

/** Commands of each area (directory, api-client, validate…). One line per area: add yours. */
export function registerAreaCommands(program: Command): void {
  void program;
}
