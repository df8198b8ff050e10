import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('portal API types', () => {
  it('src/api/schema.d.ts is what docs/openapi.json generates (run `npm run openapi`)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chorale-api-types-'));
    try {
      const out = path.join(dir, 'schema.d.ts');
      execFileSync(
        process.execPath,
        [
          path.join(root, 'node_modules/openapi-typescript/bin/cli.js'),
          path.join(root, 'docs/openapi.json'),
          '-o',
          out,
        ],
        { stdio: 'pipe' },
      );
      const committed = readFileSync(path.join(root, 'packages/web/src/api/schema.d.ts'), 'utf8');
      expect(committed === readFileSync(out, 'utf8'), 'schema.d.ts is stale').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
