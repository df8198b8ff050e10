import { lstat, mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The tree an SFTP account sees, mapped onto `${root}/<structureId>/<clientId>/`. It is flat
 * on purpose: `/`, `/in`, `/out` and the files directly inside the last two. Every client path
 * is normalised against `/` (so `..` stops at the top and an absolute path is read inside the
 * jail) and must then be one of those shapes, with a file name that cannot name anything but
 * a plain entry of the folder. Nothing the client sends is ever joined to a real path before
 * passing that check; symbolic links are then refused on use (lstat, O_NOFOLLOW).
 */
export type Area = 'in' | 'out';

export type JailPath =
  | { kind: 'root'; path: string }
  | { kind: 'dir'; path: string; area: Area }
  | { kind: 'file'; path: string; area: Area; name: string };

/** Client paths longer than this are refused outright (OpenSSH's PATH_MAX is 4096). */
const MAX_PATH = 4096;
/** File names: at most 255 bytes, as on every common file system. */
const MAX_NAME_BYTES = 255;
/** Prefix of uploads in progress inside `in/`: hidden, and refused as a client name. */
export const TEMP_PREFIX = '.chorale-upload-';
/**
 * Suffixes clients use for an upload they will rename when complete (WinSCP's `.filepart`,
 * FileZilla and scripts' `.part` and `.tmp`): such a file is not a deposit until renamed.
 */
const STAGING_SUFFIXES = ['.filepart', '.part', '.tmp'];

/** The canonical absolute form of a client path; `..` above the top stays at the top. */
export function normalise(clientPath: string): string {
  const joined = path.posix.normalize(`/${clientPath}`);
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** Where a client path points in the jail, or undefined for anything outside its shapes. */
export function resolveJailPath(clientPath: string): JailPath | undefined {
  if (clientPath.length > MAX_PATH || clientPath.includes('\0')) return undefined;
  const canonical = normalise(clientPath);
  if (canonical === '/') return { kind: 'root', path: canonical };
  const parts = canonical.slice(1).split('/');
  const area = parts[0];
  if (area !== 'in' && area !== 'out') return undefined;
  if (parts.length === 1) return { kind: 'dir', path: canonical, area };
  const name = parts[1]!;
  if (parts.length > 2 || !isFileName(name)) return undefined;
  return { kind: 'file', path: canonical, area, name };
}

/**
 * A name a client may use: no separator, no control character, no leading dot (which also
 * rules out `.`, `..` and our temporary names), at most 255 bytes.
 */
export function isFileName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name) <= MAX_NAME_BYTES &&
    !name.startsWith('.') &&
    // eslint-disable-next-line no-control-regex
    !/[/\\\u0000-\u001f\u007f]/.test(name)
  );
}

export function isStagingName(name: string): boolean {
  const lower = name.toLowerCase();
  return STAGING_SUFFIXES.some((s) => lower.endsWith(s));
}

/** Ids become folder names: only the characters our prefixed ids are made of. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface AccountDirs {
  home: string;
  in: string;
  out: string;
}

/**
 * Creates (once) and checks the account's folders. A folder replaced by a symbolic link is an
 * error, not something to follow: the jail must stay under `root`.
 */
export async function prepareAccountDirs(options: {
  root: string;
  structureId: string;
  clientId: string;
}): Promise<AccountDirs> {
  const { structureId, clientId } = options;
  if (!SAFE_ID.test(structureId) || !SAFE_ID.test(clientId)) {
    throw new Error('structure or client id unfit for a folder name');
  }
  const home = path.join(path.resolve(options.root), structureId, clientId);
  const dirs = { home, in: path.join(home, 'in'), out: path.join(home, 'out') };
  for (const dir of [dirs.in, dirs.out]) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const s = await lstat(dir);
    if (!s.isDirectory()) throw new Error(`${dir} is not a plain folder`);
  }
  return dirs;
}

/** Temporary files older than this belong to no live upload (each write refreshes mtime). */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes uploads left behind by a process that died mid-upload (a live session removes its
 * own on disconnect). Run at each sign-in, bounded to the folder of that account.
 */
export async function sweepStaleUploads(inDir: string, now = Date.now()): Promise<void> {
  const names = await readdir(inDir);
  for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX)).slice(0, 1000)) {
    const file = path.join(inDir, name);
    const s = await lstat(file).catch(() => undefined);
    if (s && now - s.mtimeMs > STALE_TEMP_MS) await unlink(file).catch(() => undefined);
  }
}
