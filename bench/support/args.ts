/** `--name <number>` from the command line, or `dflt` when absent: every benchmark's options. */
export function numberArg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
