#!/usr/bin/env node
// The `chorale` command (`npx chorale …` from the repository, once `npm ci` has run). It runs
// the built CLI; a fresh checkout has not built it yet, so the first call builds it (the
// library and the server; forced, since a build record may outlive a removed dist/). After pulling changes, `npm run build` or `npm start`
// brings it up to date.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(server, 'dist/cli/main.js');
if (!existsSync(main)) {
  process.stderr.write('chorale: first run, building the command (tsc -b)…\n');
  const root = path.resolve(server, '../..');
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const built = spawnSync(
    process.execPath,
    [tsc, '-b', '--force', 'packages/einvoice', 'packages/server'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(main).href);
