/**
 * The embedded database is one process's: PGlite keeps its pages in memory and writes them to
 * the folder as it likes, so a second PGlite on the same folder (a CLI command run beside the
 * server) sees stale data, and its writes and the server's overwrite each other's files. The
 * folder is therefore locked by a file, `chorale.lock`, taken before PGlite opens it and removed
 * once it is closed (decision 0016).
 *
 * Taking it is one atomic step: the holder's description is written to a private temporary file,
 * then hard-linked to the lock's name, which fails when the name exists — so the lock file is
 * never seen half-written. A lock whose holder is gone (SIGKILL, power cut) is stale and taken
 * over: the holder is gone when no process has its pid, or when the process with that pid
 * started at another time than the holder did (its pid was reused, as after a container
 * restart where the server is pid 1 again). A lock taken on another host (a folder on a share,
 * a container recreated under a new host name) cannot be checked by pid: its holder refreshes
 * the lock's time every 15 s, and it is stale once a minute old. A takeover is itself guarded by
 * a second file created with O_EXCL, so two processes finding the same stale lock cannot both
 * take it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'chorale.lock';

/** Who holds a data folder, as written in its lock file. */
export interface LockHolder {
  pid: number;
  /** The command, without its options' values: `chorale serve`, `chorale api-client create`. */
  command: string;
  hostname: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
  /** The holder's start time in clock ticks since boot (Linux /proc), to tell a reused pid. */
  processStart?: string | undefined;
}

/** Thrown when another live process holds the folder. */
export class DataDirLockedError extends Error {
  readonly holder: LockHolder;
  readonly dataDir: string;
  constructor(dataDir: string, holder: LockHolder) {
    const host = holder.hostname === os.hostname() ? '' : ` on host ${holder.hostname}`;
    super(
      `the embedded database in ${dataDir} is in use by process ${holder.pid}${host} ` +
        `(${holder.command}, since ${holder.since}). Only one process may open it at a time: ` +
        `stop that process first (or run this command through it), then try again.`,
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
    this.dataDir = dataDir;
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Folders this process holds, so a second opening in the same process is refused too. */
const heldHere = new Map<string, DataDirLock>();

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined. */
function processStartOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

/** The CLI command words of this process, never an option or its value (a password…). */
function commandOfThisProcess(): string {
  const script = process.argv[1] ?? process.argv0;
  const name = /[\\/]cli[\\/]main\.[cm]?[jt]s$/.test(script) ? 'chorale' : path.basename(script);
  const words: string[] = [];
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('-') || words.length === 3) break;
    words.push(arg);
  }
  return [name, ...words].join(' ');
}

function describeThisProcess(): LockHolder {
  return {
    pid: process.pid,
    command: commandOfThisProcess(),
    hostname: os.hostname(),
    since: new Date().toISOString(),
    processStart: processStartOf(process.pid),
  };
}

/** The holder refreshes its lock's time this often (for openers on another host). */
const HEARTBEAT_MS = 15_000;
/** A lock from another host not refreshed for this long is stale. */
const OTHER_HOST_STALE_MS = 60_000;

/** Whether the holder described by a lock file may still be running. */
function holderAlive(holder: LockHolder, lockPath: string): boolean {
  // Another host's process cannot be checked by its pid: its lock is alive while refreshed.
  // (A container recreated with a new host name finds its predecessor's lock stale that way.)
  if (holder.hostname !== os.hostname()) {
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs < OTHER_HOST_STALE_MS;
    } catch {
      return false;
    }
  }
  // This process's own pid in a lock it does not hold: a previous life of a process that had
  // the same pid (a container's pid 1 restarted), since this process's own locks are in heldHere.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.processStart === undefined) return true;
  const start = processStartOf(holder.pid);
  return start === undefined || start === holder.processStart;
}

function readHolder(file: string): { text: string; holder: LockHolder | undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0) {
      return {
        text,
        holder: {
          pid: parsed.pid,
          command: String(parsed.command ?? 'unknown command'),
          hostname: String(parsed.hostname ?? os.hostname()),
          since: String(parsed.since ?? 'unknown time'),
          processStart: parsed.processStart === undefined ? undefined : String(parsed.processStart),
        },
      };
    }
  } catch {
    // Not JSON: not written by us through the link, so not a lock anyone holds.
  }
  return { text, holder: undefined };
}

/** A guard file older than this was left by a process killed during a takeover. */
const GUARD_STALE_MS = 10_000;

/**
 * Removes the stale lock whose content is `staleText`, unless someone replaced it meanwhile.
 * Returns false when another process is taking over at the same time (the caller tries again).
 */
function removeStale(lockPath: string, staleText: string): boolean {
  const guard = `${lockPath}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(guard, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > GUARD_STALE_MS)
        fs.rmSync(guard, { force: true });
    } catch {
      // Gone meanwhile: the other takeover finished.
    }
    return false;
  }
  try {
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    if (readHolder(lockPath)?.text === staleText) fs.rmSync(lockPath, { force: true });
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/**
 * Takes the lock of `dataDir` (which must exist), or throws DataDirLockedError naming the
 * process that holds it. The lock is released by `release()`, and at the latest when this
 * process exits normally.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = fs.realpathSync(dataDir);
  const lockPath = path.join(dir, LOCK_FILE);
  const mine = heldHere.get(lockPath);
  if (mine) {
    const holder = readHolder(lockPath)?.holder ?? describeThisProcess();
    throw new DataDirLockedError(dir, holder);
  }
  const me = describeThisProcess();
  const text = `${JSON.stringify(me)}\n`;
  const temp = path.join(dir, `${LOCK_FILE}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(temp, text, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(temp, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const found = readHolder(lockPath);
      if (found?.holder && holderAlive(found.holder, lockPath))
        throw new DataDirLockedError(dir, found.holder);
      if (attempt >= 50) {
        throw new Error(`could not take the lock ${lockPath}: it keeps changing hands`);
      }
      if (found && !removeStale(lockPath, found.text)) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const onExit = () => release();
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(lockPath, now, now);
    } catch {
      // The folder went away; the database will say so.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const release = () => {
    if (heldHere.get(lockPath) !== lock) return;
    heldHere.delete(lockPath);
    clearInterval(heartbeat);
    process.removeListener('exit', onExit);
    // Remove only our own lock: never one a takeover gave to another process.
    if (readHolder(lockPath)?.text === text) fs.rmSync(lockPath, { force: true });
  };
  const lock: DataDirLock = { path: lockPath, release };
  heldHere.set(lockPath, lock);
  process.on('exit', onExit);
  return lock;
}
