import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../src/invoices/journal.js';
import {
  freshLocation,
  startServer,
  tearDown,
  type Location,
  type ServerProcess,
} from './harness.js';
import {
  deposit,
  expectStoredOnce,
  seedForDeposits,
  tokenFor,
  type DepositOutcome,
} from './load.js';

// Disk full under the embedded database (issue 18, decision 0016). DATA_DIR is a small tmpfs
// (mounted as root, or with passwordless sudo as .ci/run has: the test fails otherwise). The
// real server (child process) takes deposits while a filler file leaves it little room, twice:
// with no reserve (the database itself meets the full disk: SQLSTATE 53100) and with the
// reserve of free space the server keeps by default (DISK_MIN_FREE_MB). Every deposit is
// answered — 201 while there is room, then a 507 problem document, never a 500 nor a dropped
// connection; reads go on; once room is made deposits are taken again; the folder restarts,
// every 201 is stored exactly once and the journal verifies. Embedded database only
// (vitest.config.ts): PostgreSQL's disk is its server's.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-diskfull-'));
const disk = path.join(dir, 'disk');
let mounted = false;
let location: Location | undefined;
let server: ServerProcess | undefined;
afterAll(async () => {
  await tearDown({
    server,
    sink: undefined,
    location,
    dir: mounted ? path.join(disk, 'data') : dir,
  });
  if (mounted) asRoot('umount', disk);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command as root: directly when the tests run as root, else through `sudo -n`. */
function asRoot(command: string, ...args: string[]): void {
  try {
    if (process.getuid?.() === 0) execFileSync(command, args, { stdio: 'pipe' });
    else execFileSync('sudo', ['-n', command, ...args], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `${command} needs root: run the tests as root or with passwordless sudo (as .ci/run has). ` +
        String((error as { stderr?: Buffer }).stderr ?? error),
    );
  }
}

const DISK_MB = 160;
/** Room left to the running server beyond the reserve: a hundred deposits or so. */
const ROOM_BYTES = 1024 * 1024;
const RESERVE_MB = 64;

function freeBytes(where: string): number {
  const s = fs.statfsSync(where);
  return s.bavail * s.bsize;
}

describe('fault: disk full under the embedded database', () => {
  it('refuses deposits with 507 while full, loses nothing, and takes them again once room is made', async () => {
    fs.mkdirSync(disk);
    asRoot('mount', '-t', 'tmpfs', '-o', `size=${DISK_MB}m,mode=0777`, 'tmpfs', disk);
    mounted = true;
    location = await freshLocation(path.join(disk, 'data'));
    const client = await seedForDeposits(location);
    // Phase 1 fills the disk with table pages, not with a new WAL segment (16 MB, made when the
    // current one is used up, and which the embedded database cannot survive lacking: decision
    // 0016): a fresh segment now, while there is room, holds the test's few MB of WAL.
    const seeded = await location.open();
    try {
      await sql`select pg_switch_wal()`.execute(seeded.db);
      await sql`checkpoint`.execute(seeded.db);
    } finally {
      await seeded.close();
    }
    const answered = new Map<string, string>();
    const seen: (DepositOutcome & { number: string; phase: number })[] = [];
    let token = '';
    let phase = 0;
    const depositOne = async (number: string) => {
      const outcome = await deposit(server!.url, token, number, 30_000);
      seen.push({ ...outcome, number, phase });
      if (outcome.kind === 'answered' && outcome.status === 201) {
        answered.set(number, (JSON.parse(outcome.body) as { id: string }).id);
      }
      return outcome;
    };
    const start = async (env: NodeJS.ProcessEnv) => {
      server = await startServer(location!, 'smtp://127.0.0.1:9', env);
      const watched = server;
      void watched.exited.then((code) => {
        if (code !== 0) console.error(`server exited (${code}):\n${watched.output()}`);
      });
      token = await tokenFor(server.url, client);
    };
    const stop = async () => {
      server!.child.kill('SIGTERM');
      expect(await server!.exited).toBe(0);
    };
    /** Deposits until ten in a row are refused; each refusal must be a 507 problem. */
    const fillUp = async () => {
      let refusedInARow = 0;
      for (let k = 1; k <= 3000 && refusedInARow < 10; k++) {
        const outcome = await depositOne(`DF-${phase}-${k}`);
        refusedInARow =
          outcome.kind === 'answered' && outcome.status === 201 ? 0 : refusedInARow + 1;
      }
      expect(refusedInARow, 'the disk filled up').toBe(10);
      const refused = seen.filter(
        (s) => s.phase === phase && !(s.kind === 'answered' && s.status === 201),
      );
      expect(refused.filter((s) => s.kind === 'failed')).toEqual([]);
      for (const s of refused) {
        if (s.kind !== 'answered') continue;
        expect(s.status, s.body).toBe(507);
        expect(s.contentType).toContain('application/problem+json');
        expect(JSON.parse(s.body)).toMatchObject({ status: 507, code: 'INSUFFICIENT_STORAGE' });
      }
      return refused.length;
    };
    const makeRoom = async (filler: string) => {
      fs.rmSync(filler);
      // The reserve trusts a free-space reading for half a second (lib/disk-space.ts).
      await new Promise((r) => setTimeout(r, 1000));
      for (let k = 1; k <= 3; k++) {
        const outcome = await depositOne(`DF-${phase}-room-${k}`);
        expect(outcome.kind === 'answered' && outcome.status, JSON.stringify(outcome)).toBe(201);
      }
    };
    const filler = path.join(disk, 'filler');

    // Phase 1, no reserve: the deposit meets the full disk itself. Whichever write meets it
    // first (the invoice file into the folder store, ENOSPC, or the database extending a
    // table, SQLSTATE 53100, which rolls back), the server answers 507 and keeps nothing.
    phase = 1;
    await start({ DISK_MIN_FREE_MB: '0' });
    for (let k = 1; k <= 5; k++) {
      const outcome = await depositOne(`DF-0-${k}`);
      expect(outcome.kind === 'answered' && outcome.status).toBe(201);
    }
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes(disk) - ROOM_BYTES)));
    const refusedByDatabase = await fillUp();
    expect(server!.output()).toMatch(/no space left on device/i);
    await makeRoom(filler);
    await stop();

    // Phase 2, the reserve (the default): writes are refused while less than it is free, so the
    // database never meets a full disk; reads go on meanwhile.
    phase = 2;
    await start({ DISK_MIN_FREE_MB: String(RESERVE_MB) });
    fs.writeFileSync(
      filler,
      Buffer.alloc(Math.max(0, freeBytes(disk) - RESERVE_MB * 1024 * 1024 - ROOM_BYTES)),
    );
    const refusedByReserve = await fillUp();
    const freeWhenRefused = freeBytes(disk);
    expect(freeWhenRefused).toBeGreaterThan((RESERVE_MB - 8) * 1024 * 1024);
    const [someNumber, someId] = [...answered][0]!;
    const read = await fetch(`${server!.url}/api/v1/invoices/${someId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { number: string }).number).toBe(someNumber);
    await makeRoom(filler);
    await stop();

    // The folder starts again, and holds every 201 once.
    phase = 3;
    await start({});
    const after = await depositOne('DF-3-1');
    expect(after.kind === 'answered' && after.status, JSON.stringify(after)).toBe(201);
    await stop();
    const database = await location.open();
    try {
      await expectStoredOnce(database, answered);
      expect((await verifyJournal({ db: database.db })).problems).toEqual([]);
    } finally {
      await database.close();
    }
    console.info(
      `disk full: ${answered.size} deposits answered 201; ${refusedByDatabase} refused 507 by ` +
        `the full disk (file store or database), ${refusedByReserve} by the ${RESERVE_MB} MB reserve ` +
        `(${(freeWhenRefused / 1024 / 1024).toFixed(1)} MB still free)`,
    );
  }, 300_000);
});
