import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
// (mounted as root, or with passwordless sudo as .ci/run has: the test fails otherwise); once the database is seeded, a filler
// file leaves it a little room, and the real server (child process) takes deposits until the
// disk is full. Every deposit is answered — 201 while there is room, then a 507 problem
// document (never a 500, never a dropped connection); once room is made again, deposits are
// accepted again, the folder restarts, every 201 is stored exactly once and the journal
// verifies. Embedded database only (vitest.config.ts): PostgreSQL's disk is its server's.

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

const DISK_MB = 96;
/** Room left to the running server: a few hundred deposits. */
const ROOM_BYTES = 1024 * 1024;

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
    server = await startServer(location, 'smtp://127.0.0.1:9');
    const watched = server;
    void watched.exited.then((code) => {
      if (code !== 0) console.error(`server exited (${code}):\n${watched.output()}`);
    });
    const token = await tokenFor(server.url, client);
    const answered = new Map<string, string>();
    const seen: (DepositOutcome & { number: string })[] = [];
    const depositOne = async (number: string) => {
      const outcome = await deposit(server!.url, token, number, 30_000);
      seen.push({ ...outcome, number });
      if (outcome.kind === 'answered' && outcome.status === 201) {
        answered.set(number, (JSON.parse(outcome.body) as { id: string }).id);
      }
      return outcome;
    };
    // Room at first.
    for (let k = 1; k <= 5; k++) expect((await depositOne(`DF-0-${k}`)).kind).toBe('answered');
    expect(answered.size).toBe(5);

    const filler = path.join(disk, 'filler');
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes(disk) - ROOM_BYTES)));
    const fullAt = Date.now();
    // Deposits until ten in a row are refused (or a bound, should the disk never fill).
    let refusedInARow = 0;
    for (let k = 1; k <= 3000 && refusedInARow < 10; k++) {
      const outcome = await depositOne(`DF-1-${k}`);
      refusedInARow = outcome.kind === 'answered' && outcome.status === 201 ? 0 : refusedInARow + 1;
    }
    const fullMs = Date.now() - fullAt;
    expect(refusedInARow, 'the disk filled up').toBe(10);
    const refused = seen.filter((s) => !(s.kind === 'answered' && s.status === 201));
    expect(refused.filter((s) => s.kind === 'failed')).toEqual([]);
    for (const s of refused) {
      if (s.kind !== 'answered') continue;
      expect(s.status, s.body).toBe(507);
      expect(s.contentType).toContain('application/problem+json');
      expect(JSON.parse(s.body)).toMatchObject({ status: 507, code: 'INSUFFICIENT_STORAGE' });
    }

    // Room again: the same server takes deposits again.
    fs.rmSync(filler);
    for (let k = 1; k <= 5; k++) {
      const outcome = await depositOne(`DF-2-${k}`);
      expect(outcome.kind === 'answered' && outcome.status, JSON.stringify(outcome)).toBe(201);
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    // The folder starts again, and holds every 201 once.
    server = await startServer(location, 'smtp://127.0.0.1:9');
    const after = await depositOne('DF-3-1');
    expect(after.kind === 'answered' && after.status, JSON.stringify(after) + server.output()).toBe(
      201,
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const database = await location.open();
    try {
      await expectStoredOnce(database, answered);
      expect((await verifyJournal({ db: database.db })).problems).toEqual([]);
    } finally {
      await database.close();
    }
    console.info(
      `disk full: ${answered.size} deposits answered 201, ${refused.length} refused 507 ` +
        `(disk filled after ${fullMs} ms)`,
    );
  }, 300_000);
});
