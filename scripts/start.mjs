// `npm start`: build what is stale (tsc -b is incremental), then serve with the embedded
// database (or DATABASE_URL), seeding demo data on an empty database.
import { spawnSync, spawn } from 'node:child_process';

// Checked before anything runs: on an older Node, the build or a dependency would fail later
// with an error that does not say the cause.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `Chorale needs Node.js 22.12 or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(
  process.execPath,
  ['packages/server/dist/cli/main.js', 'serve', '--seed-demo', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
