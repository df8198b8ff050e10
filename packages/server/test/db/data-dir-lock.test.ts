import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { DataDirLockedError, LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import {
  freshLocation,
  runCli,
  startServer,
  tearDown,
  type ServerProcess,
} from '../crash/harness.js';

// The embedded database's folder is one process's (decision 0016): a second opener — another
// process, or the same one twice — is refused at once, naming the holder; a lock left by a
// process that died (SIGKILL) does not keep the folder closed. Embedded database only: the
// PostgreSQL server has its own locking (vitest.config.ts runs this file in the pglite project).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-lock-'));
let server: ServerProcess | undefined;
afterAll(() => tearDown({ server, sink: undefined, location: undefined, dir }));

/** The pid of a process that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((r) => child.once('exit', r));
  return pid;
}

describe('embedded database folder lock', () => {
  it('refuses a second opening in the same process, naming this process; frees on close', async () => {
    const dataDir = path.join(dir, 'same-process');
    const first = await openDatabase({ dataDir });
    const lockFile = path.join(fs.realpathSync(dataDir), LOCK_FILE);
    try {
      expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
      // The first opener is untouched by the refused one.
      await sql`create table t (n int)`.execute(first.db);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);
    const again = await openDatabase({ dataDir });
    try {
      await sql`insert into t values (1)`.execute(again.db);
    } finally {
      await again.close();
    }
  });

  it('takes over a lock left by a dead process, one whose pid was reused, an old one of another host', async () => {
    const dataDir = path.join(dir, 'stale');
    fs.mkdirSync(dataDir);
    const lockFile = path.join(dataDir, LOCK_FILE);
    const leftBy = (holder: object) =>
      fs.writeFileSync(
        lockFile,
        JSON.stringify({
          command: 'chorale serve',
          hostname: os.hostname(),
          since: '2026-01-01T00:00:00.000Z',
          ...holder,
        }),
      );
    // A server killed with SIGKILL: its pid is no process any more.
    leftBy({ pid: await deadPid() });
    let database = await openDatabase({ dataDir });
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await database.close();
    // Its pid now belongs to another process (here: the test runner's parent), started later.
    leftBy({ pid: process.ppid, processStart: '1' });
    database = await openDatabase({ dataDir });
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await database.close();
    // A live holder with a matching start (here: the parent as itself) is respected.
    const parentStart = fs
      .readFileSync(`/proc/${process.ppid}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ')[19];
    leftBy({ pid: process.ppid, processStart: parentStart });
    await expect(openDatabase({ dataDir })).rejects.toThrow(
      `in use by process ${process.ppid} (chorale serve, since 2026-01-01T00:00:00.000Z)`,
    );
    // Another host's lock: held while its holder refreshes it, stale once a minute old.
    leftBy({ pid: 1, hostname: 'other-host' });
    await expect(openDatabase({ dataDir })).rejects.toThrow(
      'in use by process 1 on host other-host (chorale serve',
    );
    const old = new Date(Date.now() - 61_000);
    fs.utimesSync(lockFile, old, old);
    database = await openDatabase({ dataDir });
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await database.close();
  });

  it('a CLI command on the folder of a running server is refused at once; works once it stopped', async () => {
    const location = await freshLocation(path.join(dir, 'served'));
    const seeded = await location.open();
    try {
      await migrateToLatest(seeded.db);
      await seedDemo({ db: seeded.db });
    } finally {
      await seeded.close();
    }
    server = await startServer(location, 'smtp://127.0.0.1:9');
    const pid = server.child.pid!;
    const refused = await runCli(
      location,
      'api-client',
      'create',
      '--structure',
      DEMO_SUPPLIER.identifier,
    );
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${pid} (chorale serve, since `);
    expect(refused.stderr).toContain('stop that process first');
    expect(refused.stdout).toBe('');
    // The server was not disturbed: it still answers, and no client was created behind it.
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const created = await runCli(
      location,
      'api-client',
      'create',
      '--structure',
      DEMO_SUPPLIER.identifier,
      '--json',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ clientId: expect.any(String) });
    const database = await location.open();
    try {
      const clients = await database.db.selectFrom('api_client').select('id').execute();
      expect(clients).toHaveLength(1);
    } finally {
      await database.close();
    }
  }, 180_000);
});
