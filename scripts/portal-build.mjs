// The portal's build (packages/web/dist): whether it is older than its inputs, and a build
// that never leaves half a dist/ behind. Shared by `npm start` and the test suite's setup.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** Whether packages/web/dist is missing or older than any of its sources. */
export function portalIsStale(root) {
  const web = path.join(root, 'packages/web');
  const built = path.join(web, 'dist/index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const inputs = [
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'public')),
    newestMtime(path.join(web, 'build')),
    statSync(path.join(web, 'index.html')).mtimeMs,
    statSync(path.join(web, 'vite.config.ts')).mtimeMs,
    // The portal loads the EN 16931 engine from the library's sources.
    newestMtime(path.join(root, 'packages/einvoice/src')),
  ];
  return inputs.some((m) => m > builtAt);
}

/**
 * Builds the portal aside, then swaps it in: a server already serving the portal (a test, a
 * running instance) never sees half a build.
 */
export function buildPortal(root, { quiet = true } = {}) {
  const web = path.join(root, 'packages/web');
  const aside = `dist.build-${process.pid}`;
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      ...(quiet ? ['--logLevel', 'warn'] : []),
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
