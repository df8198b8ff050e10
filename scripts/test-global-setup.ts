// Vitest global setup: tests import the library from its sources, but the CLI and server
// processes that some tests spawn resolve `@chorale/einvoice` like any user would, through
// its package exports (dist/). Build it first (incremental: nothing to do when up to date).
// The portal's browser tests need its bundle: build it when a source is newer than the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

export function portalIsStale(root: string): boolean {
  const web = path.join(root, 'packages/web');
  const built = path.join(web, 'dist/index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const inputs = [
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'public')),
    statSync(path.join(web, 'index.html')).mtimeMs,
    statSync(path.join(web, 'vite.config.ts')).mtimeMs,
    // The portal loads the EN 16931 engine from the library's sources.
    newestMtime(path.join(root, 'packages/einvoice/src')),
  ];
  return inputs.some((m) => m > builtAt);
}

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/einvoice'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (portalIsStale(root)) {
    process.stdout.write('building the portal (vite build)…\n');
    // Built aside then swapped in, so a test already serving the portal never sees half a build.
    const web = path.join(root, 'packages/web');
    const aside = `dist.build-${process.pid}`;
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--logLevel',
        'warn',
        '--outDir',
        aside,
      ],
      // vitest sets NODE_ENV=test, which would bundle React's development build.
      { cwd: web, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    const old = path.join(web, `dist.old-${process.pid}`);
    if (existsSync(path.join(web, 'dist'))) renameSync(path.join(web, 'dist'), old);
    renameSync(path.join(web, aside), path.join(web, 'dist'));
    rmSync(old, { recursive: true, force: true });
  }
}
