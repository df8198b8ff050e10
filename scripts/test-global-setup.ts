// Vitest global setup: tests import the library from its sources, but the CLI and server
// processes that some tests spawn resolve `@chorale/einvoice` like any user would, through
// its package exports (dist/). Build it first (incremental: nothing to do when up to date).
// The portal's browser tests need its bundle: build it when a source is newer than the build.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildPortal, portalIsStale } from './portal-build.mjs';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/einvoice'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (portalIsStale(root)) {
    process.stdout.write('building the portal (vite build)…\n');
    buildPortal(root);
  }
}
