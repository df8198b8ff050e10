import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import { link, lstat, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import ssh2, { type Attributes, type SFTPWrapper } from 'ssh2';
import {
  isStagingName,
  resolveJailPath,
  normalise,
  TEMP_PREFIX,
  type AccountDirs,
  type Area,
  type JailPath,
} from './jail.js';
import type { OutFileEvent, SftpAccount, SftpLogger, UploadComplete } from './types.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;

/** Open handles per session: clients keep a few; more is a leak or an attack. */
const MAX_HANDLES = 64;
/** Largest READ answered at once (OpenSSH asks for 32 KiB, at most 255 KiB). */
const MAX_READ = 256 * 1024 - 1024;
/** Entries sent per READDIR answer, and listed per folder at most. */
const READDIR_BATCH = 100;
const MAX_LISTED = 10_000;

/** A refusal that becomes an SFTP status answer. */
class SftpRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
const refuse = (code: number, message: string) => new SftpRefusal(code, message);
const noSuchFile = () => refuse(STATUS_CODE.NO_SUCH_FILE, 'No such file');
const denied = (why = 'Permission denied') => refuse(STATUS_CODE.PERMISSION_DENIED, why);

type Handle =
  | { kind: 'dir'; entries: Entry[]; next: number }
  /** `end`: the furthest byte sent, to tell a read to the end from a partial one. */
  | { kind: 'read'; file: FileHandle; name: string; size: number; end: number }
  | {
      kind: 'write';
      file: FileHandle;
      temp: string;
      name: string;
      size: number;
      failed: string | undefined;
      pending: Set<Promise<unknown>>;
    };

interface Entry {
  filename: string;
  longname: string;
  attrs: Attributes;
}

const DIR_MODES: Record<'root' | Area, number> = {
  root: fsc.S_IFDIR | 0o555,
  // The drop box: one may add and list one's uploads, never read them back.
  in: fsc.S_IFDIR | 0o755,
  out: fsc.S_IFDIR | 0o755,
};
const FILE_MODES: Record<Area, number> = {
  in: fsc.S_IFREG | 0o200,
  out: fsc.S_IFREG | 0o600,
};

function attrs(mode: number, size: number, mtime: Date | number): Attributes {
  const seconds = Math.floor((typeof mtime === 'number' ? mtime : mtime.getTime()) / 1000);
  return { mode, uid: 0, gid: 0, size, atime: seconds, mtime: seconds };
}

/** `ls -l` style line: OpenSSH's `ls -l` prints the server's longname as it is. */
function longname(name: string, a: Attributes): string {
  const type = a.mode & fsc.S_IFDIR ? 'd' : '-';
  const bits = [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 0o4, 0o2, 0o1]
    .map((bit, i) => (a.mode & bit ? 'rwx'[i % 3] : '-'))
    .join('');
  const date = new Date(a.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `${type}${bits}    1 chorale  chorale  ${String(a.size).padStart(12)} ${date} ${name}`;
}

/**
 * Serves one SFTP subsystem for a signed-in account, inside its jail (jail.ts). Returns the
 * cleanup to run when the connection ends: open files are closed and any upload that did not
 * reach CLOSE is deleted, so an interrupted transfer never becomes a deposit.
 */
export function serveJail(options: {
  sftp: SFTPWrapper;
  account: SftpAccount;
  dirs: AccountDirs;
  maxFileSize: number;
  onUploadComplete: (upload: UploadComplete) => Promise<void> | void;
  /** A file of out/ read to its end, or removed (see OutFileEvent). */
  onDownloadComplete?: ((event: OutFileEvent) => Promise<void> | void) | undefined;
  onRemove?: ((event: OutFileEvent) => Promise<void> | void) | undefined;
  logger: SftpLogger;
}): () => Promise<void> {
  const { sftp, account, dirs, maxFileSize, logger } = options;
  const handles = new Map<number, Handle>();
  let nextHandle = 1;
  let closed = false;

  const realOf = (p: { area: Area; name: string }) =>
    path.join(p.area === 'in' ? dirs.in : dirs.out, p.name);

  function addHandle(h: Handle): Buffer {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    return buf;
  }
  function handleOf(buf: Buffer): [number, Handle] {
    const id = buf.length === 4 ? buf.readUInt32BE(0) : -1;
    const h = handles.get(id);
    if (!h) throw refuse(STATUS_CODE.FAILURE, 'Invalid handle');
    return [id, h];
  }
  function resolve(clientPath: string): JailPath {
    const p = resolveJailPath(clientPath);
    if (!p) throw noSuchFile();
    return p;
  }

  /** Plain files of a folder, never symbolic links or anything else. */
  async function fileStat(p: { area: Area; name: string }) {
    const s = await lstat(realOf(p)).catch(() => undefined);
    if (!s?.isFile()) throw noSuchFile();
    return attrs(FILE_MODES[p.area], s.size, s.mtime);
  }

  async function statOf(p: JailPath): Promise<Attributes> {
    if (p.kind === 'root') return attrs(DIR_MODES.root, 0, Date.now());
    if (p.kind === 'dir') return attrs(DIR_MODES[p.area], 0, Date.now());
    return fileStat(p);
  }

  async function listing(p: JailPath): Promise<Entry[]> {
    if (p.kind === 'file') throw refuse(STATUS_CODE.FAILURE, 'Not a folder');
    if (p.kind === 'root') {
      return (['in', 'out'] as const).map((area) => {
        const a = attrs(DIR_MODES[area], 0, Date.now());
        return { filename: area, longname: longname(area, a), attrs: a };
      });
    }
    const dir = p.area === 'in' ? dirs.in : dirs.out;
    const entries = await readdir(dir, { withFileTypes: true });
    const names = entries
      .filter((e) => e.isFile() && resolveJailPath(`/${p.area}/${e.name}`)?.kind === 'file')
      .map((e) => e.name)
      .sort()
      .slice(0, MAX_LISTED);
    const out: Entry[] = [];
    for (const name of names) {
      const a = await fileStat({ area: p.area, name }).catch(() => undefined);
      if (a) out.push({ filename: name, longname: longname(name, a), attrs: a });
    }
    return out;
  }

  async function openFile(clientPath: string, flags: number): Promise<Buffer> {
    const p = resolve(clientPath);
    if (p.kind !== 'file') throw refuse(STATUS_CODE.FAILURE, 'Is a folder');
    if (handles.size >= MAX_HANDLES) throw refuse(STATUS_CODE.FAILURE, 'Too many open files');
    const writing = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
    if (p.area === 'out') {
      if (writing) throw denied('out/ is read-only');
      const { size } = await fileStat(p);
      const file = await open(realOf(p), fsc.O_RDONLY | fsc.O_NOFOLLOW);
      return addHandle({ kind: 'read', file, name: p.name, size: size ?? 0, end: 0 });
    }
    if (!writing || flags & OPEN_MODE.READ) throw denied('in/ is write-only');
    // Resuming (append) would need a partial upload to survive a disconnect, which it never does.
    if (flags & OPEN_MODE.APPEND) throw refuse(STATUS_CODE.OP_UNSUPPORTED, 'Append not supported');
    if (!isStagingName(p.name) && (await lstat(realOf(p)).catch(() => undefined))) {
      throw refuse(STATUS_CODE.FAILURE, `${p.name} is already deposited and not yet processed`);
    }
    const temp = path.join(dirs.in, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
    const file = await open(temp, 'wx', 0o600);
    return addHandle({
      kind: 'write',
      file,
      temp,
      name: p.name,
      size: 0,
      failed: undefined,
      pending: new Set(),
    });
  }

  async function write(buf: Buffer, offset: number, data: Buffer): Promise<void> {
    const [, h] = handleOf(buf);
    if (h.kind !== 'write') throw denied('Not open for writing');
    if (h.failed) throw refuse(STATUS_CODE.FAILURE, h.failed);
    const end = offset + data.length;
    if (end > maxFileSize) {
      h.failed = `File larger than the limit of ${maxFileSize} bytes`;
      throw refuse(STATUS_CODE.FAILURE, h.failed);
    }
    const done = h.file.write(data, 0, data.length, offset);
    h.pending.add(done);
    try {
      await done;
    } catch (error) {
      h.failed = 'Write failed';
      throw error;
    } finally {
      h.pending.delete(done);
    }
    h.size = Math.max(h.size, end);
  }

  async function read(buf: Buffer, offset: number, length: number): Promise<Buffer | undefined> {
    const [, h] = handleOf(buf);
    if (h.kind !== 'read') throw denied('Not open for reading');
    const chunk = Buffer.alloc(Math.min(Math.max(length, 0), MAX_READ));
    const { bytesRead } = await h.file.read(chunk, 0, chunk.length, offset);
    h.end = Math.max(h.end, offset + bytesRead);
    return bytesRead === 0 ? undefined : chunk.subarray(0, bytesRead);
  }

  /** Hands a complete file of in/ to the platform; a refusal removes it so the client retries. */
  async function deliver(name: string, size: number, undo: () => Promise<void>): Promise<void> {
    const upload = { ...account, path: path.join(dirs.in, name), name, size };
    try {
      await options.onUploadComplete(upload);
      logger.info({ sftp: { ...upload } }, 'SFTP upload complete');
    } catch (error) {
      logger.error({ err: error, sftp: { ...upload } }, 'SFTP upload not taken by the platform');
      await undo();
      throw refuse(STATUS_CODE.FAILURE, 'The deposit could not be recorded: try again');
    }
  }

  async function closeHandle(buf: Buffer): Promise<void> {
    const [id, h] = handleOf(buf);
    handles.delete(id);
    if (h.kind === 'dir') return;
    if (h.kind === 'read') {
      await h.file.close();
      if (h.end >= h.size) await tell(options.onDownloadComplete, h.name, 'download');
      return;
    }
    await Promise.allSettled([...h.pending]);
    await h.file.close();
    if (h.failed) {
      await unlink(h.temp).catch(() => undefined);
      throw refuse(STATUS_CODE.FAILURE, h.failed);
    }
    const final = path.join(dirs.in, h.name);
    if (isStagingName(h.name)) {
      // Not a deposit yet: the client renames it once complete.
      await rename(h.temp, final);
      return;
    }
    // link() refuses to replace an existing file, so two uploads of one name never clobber.
    try {
      await link(h.temp, final);
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'EEXIST'
        ? refuse(STATUS_CODE.FAILURE, `${h.name} is already deposited and not yet processed`)
        : error;
    } finally {
      await unlink(h.temp).catch(() => undefined);
    }
    await deliver(h.name, h.size, () => unlink(final).catch(() => undefined));
  }

  /** Only a staged upload in in/ may be renamed: that is how such clients finish a transfer. */
  async function renameInDropBox(from: string, to: string): Promise<void> {
    const a = resolve(from);
    const b = resolve(to);
    if (a.kind !== 'file' || b.kind !== 'file' || a.area !== 'in' || b.area !== 'in') {
      throw denied('Only uploads in in/ may be renamed');
    }
    if (!isStagingName(a.name)) throw denied('A deposited file cannot be renamed');
    const size = (await fileStat(a)).size;
    if (isStagingName(b.name)) return rename(realOf(a), realOf(b));
    try {
      await link(realOf(a), realOf(b));
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'EEXIST'
        ? refuse(STATUS_CODE.FAILURE, `${b.name} already exists`)
        : error;
    }
    await unlink(realOf(a));
    await deliver(b.name, size, () => rename(realOf(b), realOf(a)).catch(() => undefined));
  }

  async function remove(clientPath: string): Promise<void> {
    const p = resolve(clientPath);
    if (p.kind !== 'file') throw denied();
    // out/: deleting acknowledges a report or an invoice; in/: only an unfinished staged upload.
    if (p.area === 'in' && !isStagingName(p.name))
      throw denied('Deposited files cannot be removed');
    await fileStat(p);
    await unlink(realOf(p));
    if (p.area === 'out') await tell(options.onRemove, p.name, 'removal');
  }

  /** Hands an out/ event to the platform; its failure is logged, the client's request stands. */
  async function tell(
    receiver: ((event: OutFileEvent) => Promise<void> | void) | undefined,
    name: string,
    what: string,
  ): Promise<void> {
    if (!receiver) return;
    try {
      await receiver({ ...account, name });
    } catch (error) {
      logger.error({ err: error, sftp: { ...account, name } }, `SFTP ${what} not recorded`);
    }
  }

  /** Runs one request and answers it: a value of the handler, or a status. */
  function on(event: string, run: (reqId: number, ...args: never[]) => Promise<void>): void {
    sftp.on(event, (reqId: number, ...args: never[]) => {
      run(reqId, ...args).catch((error: unknown) => {
        if (closed) return;
        if (error instanceof SftpRefusal) return sftp.status(reqId, error.code, error.message);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
        if (code === 'ELOOP' || code === 'EACCES' || code === 'EPERM') {
          return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
        }
        logger.error({ err: error, clientId: account.clientId }, `SFTP ${event} failed`);
        sftp.status(reqId, STATUS_CODE.FAILURE);
      });
    });
  }

  const ok = (reqId: number) => sftp.status(reqId, STATUS_CODE.OK);

  on('REALPATH', async (reqId, clientPath: string) => {
    const p = normalise(clientPath);
    sftp.name(reqId, [{ filename: p, longname: p, attrs: {} as Attributes }]);
  });
  const stat = async (reqId: number, clientPath: string) => {
    sftp.attrs(reqId, await statOf(resolve(clientPath)));
  };
  on('STAT', stat);
  on('LSTAT', stat);
  on('FSTAT', async (reqId, buf: Buffer) => {
    const [, h] = handleOf(buf);
    if (h.kind === 'dir') return sftp.attrs(reqId, attrs(DIR_MODES.out, 0, Date.now()));
    if (h.kind === 'write') return sftp.attrs(reqId, attrs(FILE_MODES.in, h.size, Date.now()));
    const s = await h.file.stat();
    sftp.attrs(reqId, attrs(FILE_MODES.out, s.size, s.mtime));
  });
  on('OPENDIR', async (reqId, clientPath: string) => {
    if (handles.size >= MAX_HANDLES) throw refuse(STATUS_CODE.FAILURE, 'Too many open handles');
    const entries = await listing(resolve(clientPath));
    sftp.handle(reqId, addHandle({ kind: 'dir', entries, next: 0 }));
  });
  on('READDIR', async (reqId, buf: Buffer) => {
    const [, h] = handleOf(buf);
    if (h.kind !== 'dir') throw refuse(STATUS_CODE.FAILURE, 'Not a folder handle');
    if (h.next >= h.entries.length) return sftp.status(reqId, STATUS_CODE.EOF);
    sftp.name(reqId, h.entries.slice(h.next, h.next + READDIR_BATCH));
    h.next += READDIR_BATCH;
  });
  on('OPEN', async (reqId, clientPath: string, flags: number) => {
    sftp.handle(reqId, await openFile(clientPath, flags));
  });
  on('READ', async (reqId, buf: Buffer, offset: number, length: number) => {
    const data = await read(buf, offset, length);
    if (data) sftp.data(reqId, data);
    else sftp.status(reqId, STATUS_CODE.EOF);
  });
  on('WRITE', async (reqId, buf: Buffer, offset: number, data: Buffer) => {
    await write(buf, offset, data);
    ok(reqId);
  });
  on('CLOSE', async (reqId, buf: Buffer) => {
    await closeHandle(buf);
    ok(reqId);
  });
  on('REMOVE', async (reqId, clientPath: string) => {
    await remove(clientPath);
    ok(reqId);
  });
  on('RENAME', async (reqId, from: string, to: string) => {
    await renameInDropBox(from, to);
    ok(reqId);
  });
  on('MKDIR', async () => {
    throw denied('Folders cannot be created');
  });
  on('RMDIR', async () => {
    throw denied('Folders cannot be removed');
  });
  // Clients set times and modes after an upload (`put -p`, WinSCP): accepted, nothing changes.
  on('SETSTAT', async (reqId, clientPath: string) => {
    await statOf(resolve(clientPath));
    ok(reqId);
  });
  on('FSETSTAT', async (reqId, buf: Buffer) => {
    handleOf(buf);
    ok(reqId);
  });

  return async () => {
    if (closed) return;
    closed = true;
    const open = [...handles.values()];
    handles.clear();
    for (const h of open) {
      if (h.kind === 'dir') continue;
      if (h.kind === 'write') await Promise.allSettled([...h.pending]);
      await h.file.close().catch(() => undefined);
      if (h.kind === 'write') {
        await unlink(h.temp).catch(() => undefined);
        logger.info({ clientId: account.clientId, name: h.name }, 'SFTP upload interrupted');
      }
    }
  };
}
