import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { verifyPassword } from '../../src/accounts/crypto.js';

// `chorale support add` as an operator runs it: a child process on an embedded database in a
// temporary DATA_DIR, then the database opened to check what it wrote.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = path.join(root, 'packages/server/src/cli/main.ts');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-support-'));
const dataDir = path.join(dir, 'data');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function chorale(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const r = spawnSync(tsx, [cli, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('chorale support add', () => {
  it('creates a support user with a password printed once; run again, only says so', async () => {
    const first = chorale('support', 'add', '--email', 'Support@Exemple.test', '--name', 'Sam');
    expect(first.code, first.stderr).toBe(0);
    const password = /password: (\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeDefined();
    const again = chorale('support', 'add', '--email', 'support@exemple.test');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('support@exemple.test is platform support.\n');
    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db
        .selectFrom('platform_support')
        .innerJoin('app_user', 'app_user.id', 'platform_support.user_id')
        .select(['app_user.email', 'app_user.name', 'app_user.password_hash'])
        .execute();
      expect(rows.map((r) => [r.email, r.name])).toEqual([['support@exemple.test', 'Sam']]);
      expect(await verifyPassword(rows[0]!.password_hash, password!)).toBe(true);
    } finally {
      await database.close();
    }
  }, 180_000);
});
