/**
 * Builders of flow files for the archive reader's tests. Well-formed zips come from yazl and
 * tars from tar-stream's pack; malformed zips (names yazl refuses, forged attributes, lying
 * headers, overlapping entries, bombs) are written by hand here, byte by byte.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer as readAll } from 'node:stream/consumers';
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import yazl from 'yazl';
import {
  readFlowEntries,
  type FlowEntry,
  type ReadFlowOptions,
} from '../../src/flows/archive/index.js';

export const MiB = 1024 * 1024;

export const XML = (id: string) =>
  Buffer.from(`\uFEFF<?xml version="1.0"?>\n<Invoice><ID>${id}</ID></Invoice>`);
export const PDF = (id: string) => Buffer.from(`%PDF-1.7\n% ${id}\n%%EOF\n`);

/** A temporary folder for one test file's flows, removed by `done`. */
export async function scratch(): Promise<{
  file: (name: string, bytes: Uint8Array) => Promise<string>;
  done: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chorale-flows-'));
  return {
    file: async (name, bytes) => {
      const full = path.join(dir, name);
      await writeFile(full, bytes);
      return full;
    },
    done: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Reads a whole flow: the entries, or the code of the whole-flow refusal. */
export async function readAllEntries(
  options: ReadFlowOptions,
): Promise<{ entries: FlowEntry[]; error?: { code: string; name: string } }> {
  const entries: FlowEntry[] = [];
  try {
    for await (const entry of readFlowEntries(options)) entries.push(entry);
    return { entries };
  } catch (error) {
    const e = error as { code?: string; name?: string };
    if (e.name !== 'FlowArchiveError') throw error;
    return { entries, error: { code: e.code!, name: e.name } };
  }
}

/** A zip written by yazl (valid by construction): entries deflated, in the given order. */
export async function yazlZip(
  entries: readonly { name: string; bytes: Uint8Array }[],
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { name, bytes } of entries) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return readAll(zip.outputStream as Readable);
}

export interface TarMember {
  name: string;
  bytes?: Uint8Array;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device';
  linkname?: string;
}

export async function tarGz(members: readonly TarMember[]): Promise<Buffer> {
  const tar = pack();
  const out = readAll(tar);
  for (const m of members) {
    await new Promise<void>((resolve, reject) => {
      const bytes = m.bytes ? Buffer.from(m.bytes) : undefined;
      const header = {
        name: m.name,
        type: m.type ?? 'file',
        linkname: m.linkname,
        size: bytes?.length ?? 0,
      };
      tar.entry(header, bytes ?? Buffer.alloc(0), (error) => (error ? reject(error) : resolve()));
    });
  }
  tar.finalize();
  return gzipSync(await out);
}

export interface RawZipEntry {
  name: string | Buffer;
  /** Uncompressed content; deflated unless `method` is 0 or `compressed` is given. */
  data?: Buffer;
  method?: number;
  compressed?: Buffer;
  crc?: number;
  uncompressedSize?: number;
  /** Default: bit 11 (UTF-8 names). */
  flags?: number;
  /** Unix mode in the high 16 bits; default a regular file 0644. */
  externalAttributes?: number;
  /** A different name in the local header (a lying archive). */
  localName?: string;
  /** Point this central directory entry at the local header of an earlier entry. */
  sameDataAs?: number;
}

/** A zip written field by field (APPNOTE 4.3.7, 4.3.12, 4.3.16), no zip64. */
export function handZip(entries: readonly RawZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method ?? 8;
    const compressed = e.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const crc = e.crc ?? crc32(data);
    const size = e.uncompressedSize ?? data.length;
    const flags = e.flags ?? 0x0800;
    let at = offset;
    if (e.sameDataAs !== undefined) {
      at = offsets[e.sameDataAs]!;
    } else {
      const localName = e.localName === undefined ? name : Buffer.from(e.localName, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressed.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(localName.length, 26);
      parts.push(local, localName, compressed);
      offset += 30 + localName.length + compressed.length;
    }
    offsets.push(at);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(0x031e, 4); // made by Unix, spec 3.0
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(compressed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE((e.externalAttributes ?? 0o100644 << 16) >>> 0, 38);
    cd.writeUInt32LE(at, 42);
    central.push(cd, name);
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, eocd]);
}

/**
 * `mib` MiB of zeros as raw deflate, without ever holding them: each MiB is compressed alone
 * and ended by a full flush (byte-aligned, no reference to earlier data), so one compressed
 * MiB repeated is a valid stream. About 1 KiB per MiB: deflate's ~1,000:1 best.
 */
export function deflatedZeros(
  mib: number,
  prefix: Uint8Array = new Uint8Array(0),
): { compressed: Buffer; crc: number } {
  const zeros = Buffer.alloc(MiB);
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_FULL_FLUSH });
  const head = deflateRawSync(prefix, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = crc32(prefix);
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const end = deflateRawSync(Buffer.alloc(0)); // the final, empty block
  return { compressed: Buffer.concat([head, ...Array<Buffer>(mib).fill(block), end]), crc };
}

/** A ustar header for one regular file of `size` bytes (checksum per POSIX). */
export function ustarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** A tar.gz of one file of `mib` MiB of zeros, about 1 KiB per MiB. */
export function tarGzBomb(mib: number): Buffer {
  const header = ustarHeader('bomb.xml', mib * MiB);
  const { compressed, crc } = deflatedZeros(mib, header);
  const gzHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((512 + mib * MiB) % 2 ** 32, 4);
  return Buffer.concat([gzHeader, compressed, trailer]);
}

/** Peak resident memory growth while `run` runs, sampled every 5 ms. */
export async function peakRssGrowth<T>(
  run: () => Promise<T>,
): Promise<{ result: T; growth: number; ms: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - before, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}
