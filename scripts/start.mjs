// `npm start`: build what is stale — the library and the server (tsc -b is incremental), the
// portal only when a source is newer than its build — then serve with the embedded database
// (or DATABASE_URL), seeding demo data on an empty database. On a built tree it is ready in
// seconds.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildPortal, portalIsStale } from './portal-build.mjs';

// Checked before anything runs: on an older Node, the build or a dependency would fail later
// with an error that does not say the cause.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `Chorale needs Node.js 22.12 or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(1);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(
  process.execPath,
  ['node_modules/typescript/bin/tsc', '-b', 'packages/einvoice', 'packages/server'],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
if (portalIsStale(root)) {
  process.stdout.write('building the portal (first start, or its sources changed)…\n');
  try {
    buildPortal(root);
  } catch {
    process.exit(1);
  }
}

const child = spawn(
  process.execPath,
  ['packages/server/dist/cli/main.js', 'serve', '--seed-demo', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
