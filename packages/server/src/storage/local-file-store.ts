/**
 * Files on the local disk, under `<root>/<key>`. A put streams into `<key>.<random>.part` in the
 * same folder while hashing and counting, flushes it to disk, then renames it over the key:
 * rename within one file system is atomic, so a key only ever names a complete file, and a
 * crash leaves at most a `.part` file behind (never a truncated flow). Memory stays at one
 * stream chunk whatever the size.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { constants, type Dirent } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { diskReserve } from '../lib/disk-space.js';
import { pipeline } from 'node:stream/promises';
import {
  checkKey,
  tooLarge,
  type FileStore,
  type PutOptions,
  type StoredObject,
} from './file-store.js';

export function localFileStore(root: string, options: { minFreeBytes?: number } = {}): FileStore {
  const resolved = path.resolve(root);
  // A full disk refuses a put (ENOSPC, answered 507) before it is full (lib/disk-space.ts): the
  // embedded database may share this disk.
  const reserve = diskReserve(resolved, options.minFreeBytes ?? 0);
  const pathOf = (key: string) => path.join(resolved, ...checkKey(key));

  return {
    async put(key, content, options: PutOptions = {}): Promise<StoredObject> {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
      const hash = createHash('sha256');
      let size = 0;
      const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          try {
            reserve.check();
          } catch (error) {
            done(error as Error);
            return;
          }
          size += chunk.length;
          if (size > max) {
            done(tooLarge(max));
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const source =
        content instanceof Uint8Array ? Readable.from([Buffer.from(content)]) : content;
      try {
        await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
        // Flushed before it is published: after a power cut the key names the whole file or
        // nothing, never a file whose tail was still in the page cache.
        const handle = await open(temp, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        // A refused upload stops being read here; drain nothing more from the client.
        if (!(content instanceof Uint8Array)) content.destroy();
        throw error;
      }
      return { size, sha256: hash.digest('hex') };
    },

    open(key) {
      return createReadStream(pathOf(key));
    },

    path(key) {
      return pathOf(key);
    },

    async remove(key) {
      await rm(pathOf(key), { force: true });
    },

    async *list() {
      yield* walk(resolved, '');
    },

    async check() {
      // The folder exists (made if need be) and this process may write into it.
      await mkdir(resolved, { recursive: true });
      await access(resolved, constants.W_OK);
    },
  };
}

/** Files under `dir`, depth first, as keys relative to the root (`/`-separated). */
async function* walk(
  dir: string,
  prefix: string,
): AsyncGenerator<{ key: string; size: number; modifiedAt: Date }> {
  let names: Dirent[];
  try {
    names = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of names) {
    const key = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full, key);
    else if (entry.isFile()) {
      const info = await stat(full);
      yield { key, size: info.size, modifiedAt: info.mtime };
    }
  }
}
