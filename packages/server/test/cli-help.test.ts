import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/program.js';

/** Every command path of the CLI, e.g. ['directory', 'import']. */
function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => [
    [...prefix, c.name()],
    ...commandPaths(c, [...prefix, c.name()]),
  ]);
}

function helpOf(path: string[]): string {
  const program = buildProgram();
  let out = '';
  const capture = (c: Command) => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
    c.commands.forEach(capture);
  };
  capture(program);
  try {
    program.parse(['node', 'chorale', ...path, '--help']);
  } catch (error) {
    expect((error as { code?: string }).code).toBe('commander.helpDisplayed');
  }
  return out;
}

describe('CLI', () => {
  const paths = commandPaths(buildProgram());

  it('has the base commands', () => {
    const names = paths.map((p) => p.join(' '));
    for (const expected of ['serve', 'migrate', 'seed', 'openapi'])
      expect(names).toContain(expected);
  });

  it.each(paths.map((p) => [p.join(' '), p] as const))(
    '`chorale %s --help` prints a described usage',
    (_name, path) => {
      const help = helpOf(path);
      expect(help).toContain(`Usage: chorale ${path.join(' ')}`);
      const cmd = path.reduce<Command>(
        (c, name) => c.commands.find((x) => x.name() === name)!,
        buildProgram(),
      );
      expect(cmd.description().length).toBeGreaterThan(10);
    },
  );
});
