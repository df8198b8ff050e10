/**
 * The layer rules of docs/ARCHITECTURE.md are enforced by `npm run check`. These tests lint
 * deliberate breaches with the project's own configuration, so a rule that silently stops
 * matching (a moved folder, a renamed package) fails here instead of letting breaches through.
 * No database, no browser: unit tier.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The ids of the rules that fire on `code` as if it were the file at `path` (from the root). */
async function rulesFiring(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('layer rules', () => {
  it('a use case may not import Fastify, the HTTP layer or the CLI', async () => {
    const path = 'packages/server/src/invoices/trial-use-case.ts';
    expect(await rulesFiring(path, `import Fastify from 'fastify';\nvoid Fastify;\n`)).toContain(
      'no-restricted-imports',
    );
    expect(
      await rulesFiring(path, `import multipart from '@fastify/multipart';\nvoid multipart;\n`),
    ).toContain('no-restricted-imports');
    expect(
      await rulesFiring(
        path,
        `import { sendProblem } from '../http/problem.js';\nvoid sendProblem;\n`,
      ),
    ).toContain('no-restricted-imports');
    expect(
      await rulesFiring(path, `import { program } from '../cli/program.js';\nvoid program;\n`),
    ).toContain('no-restricted-imports');
    // What a use case is for: the database and the library.
    expect(
      await rulesFiring(
        path,
        `import { sql } from 'kysely';\nimport { validate } from '@chorale/einvoice';\nvoid sql;\nvoid validate;\n`,
      ),
    ).toEqual([]);
  });

  it('a route may not touch the database, but may name its type to pass it on', async () => {
    const path = 'packages/server/src/http/routes/trial-route.ts';
    expect(await rulesFiring(path, `import { sql } from 'kysely';\nvoid sql;\n`)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(
      await rulesFiring(
        path,
        `import { openDatabase } from '../../db/database.js';\nvoid openDatabase;\n`,
      ),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await rulesFiring(
        path,
        `import type { Kysely } from 'kysely';\nexport type Handle = Kysely<object>;\n`,
      ),
    ).toEqual([]);
  });

  it('the EN 16931 library reaches neither Node, a database, HTTP nor the platform', async () => {
    const path = 'packages/einvoice/src/rules/trial.ts';
    for (const source of [
      'node:fs',
      'kysely',
      'fastify',
      '@chorale/server',
      '../../../server/src/config.js',
    ]) {
      expect(
        await rulesFiring(path, `import * as m from '${source}';\nvoid m;\n`),
        source,
      ).toContain('no-restricted-imports');
    }
    // Its Node-only corner may use Node, still not the platform.
    const nodeCorner = 'packages/einvoice/src/node/trial.ts';
    expect(await rulesFiring(nodeCorner, `import * as fs from 'node:fs';\nvoid fs;\n`)).toEqual([]);
    expect(await rulesFiring(nodeCorner, `import * as k from 'kysely';\nvoid k;\n`)).toContain(
      'no-restricted-imports',
    );
  });

  it('the portal reaches the server only through the API client', async () => {
    const path = 'packages/web/src/pages/trial/Trial.tsx';
    for (const source of [
      '@chorale/server',
      '../../../../server/src/config.js',
      'kysely',
      'node:fs',
    ]) {
      expect(
        await rulesFiring(path, `import * as m from '${source}';\nvoid m;\n`),
        source,
      ).toContain('no-restricted-imports');
    }
    expect(
      await rulesFiring(path, `import { validate } from '@chorale/einvoice';\nvoid validate;\n`),
    ).toEqual([]);
  });

  it('a file over 600 lines fails, generated tables excepted', async () => {
    const long = Array.from({ length: 601 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    expect(await rulesFiring('packages/server/src/lib/trial-long.ts', `${long}\n`)).toContain(
      'max-lines',
    );
    expect(
      await rulesFiring('packages/einvoice/src/rules/catalogue-data.ts', `${long}\n`),
    ).not.toContain('max-lines');
  });
});

describe('import cycles', () => {
  const run = promisify(execFile);
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chorale-cycles-'));
    // A cycle made of a type-only import, which ESLint's cycle rules would not see.
    await writeFile(
      join(dir, 'a.ts'),
      `import type { B } from './b.js';\nexport interface A { b?: B }\n`,
    );
    await writeFile(
      join(dir, 'b.ts'),
      `import { make } from './a-free.js';\nimport type { A } from './a.js';\nexport interface B { a?: A }\nexport const b = make();\n`,
    );
    await writeFile(join(dir, 'a-free.ts'), `export function make(): number {\n  return 1;\n}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails on a cycle, type-only imports included, and names its files', async () => {
    const failure = await run(process.execPath, ['scripts/check-cycles.mjs', `${dir}/*.ts`], {
      cwd: root,
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/1 import cycle/);
    expect(failure?.stderr).toMatch(/(a\.ts -> .*b\.ts|b\.ts -> .*a\.ts)/);
  });

  it('passes on files without a cycle', async () => {
    const { stdout } = await run(
      process.execPath,
      ['scripts/check-cycles.mjs', `${dir}/a-free.ts`],
      { cwd: root },
    );
    expect(stdout).toMatch(/No import cycle among 1 files/);
  });
});
