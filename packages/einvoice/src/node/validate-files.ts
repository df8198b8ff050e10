/**
 * `chorale validate`: validates files and folders, one report per file, as text or as JSON
 * lines, in the order the files are given (folders: by name, recursively). With `jobs` above
 * one, files are judged on this thread and `jobs` − 1 worker threads (validate-pool.ts); the
 * output is the same, in the same order. Node-only (reads the file system); the browser build never imports
 * this module.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../rules/types.js';
import { judgeFile, unreadableLine, type Judged } from './judge-file.js';
import { judgeInPool } from './validate-pool.js';

export interface ValidateFilesOptions {
  paths: string[];
  format: 'text' | 'json';
  lang: Lang;
  /** Where lines go (stdout in the CLI). */
  write: (line: string) => void;
  /** Threads judging files in parallel, this one included (default 1: all in this thread). */
  jobs?: number;
}

/** File extensions picked up when a folder is given. */
const INVOICE_EXTENSIONS = ['.xml', '.pdf'];

async function expand(path: string, out: string[]): Promise<void> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    out.push(path);
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const child = join(path, e.name);
    if (e.isDirectory()) await expand(child, out);
    else if (INVOICE_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext))) out.push(child);
  }
}

/** Validates every file; returns the exit status: 0 all valid, 1 some invalid, 2 unreadable. */
export async function validateFiles(options: ValidateFilesOptions): Promise<number> {
  const judge = { format: options.format, lang: options.lang };
  // Every path expanded first, in order; a path that cannot be read keeps its place.
  const entries: (string | Judged)[] = [];
  for (const given of options.paths) {
    const files: string[] = [];
    try {
      await expand(given, files);
      entries.push(...files);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      entries.push({ line: unreadableLine(given, reason, judge), status: 2 });
    }
  }
  let status = 0;
  const emit = (judged: Judged) => {
    status = Math.max(status, judged.status);
    options.write(judged.line);
  };
  const files = entries.filter((e): e is string => typeof e === 'string');
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  if (jobs === 1 || files.length < 2) {
    for (const e of entries) emit(typeof e === 'string' ? await judgeFile(e, judge) : e);
    return status;
  }
  // Files on the workers; the unreadable paths' lines between them, where they were given.
  let at = 0;
  const flushUnreadable = () => {
    while (at < entries.length && typeof entries[at] !== 'string') emit(entries[at++] as Judged);
  };
  flushUnreadable();
  await judgeInPool(files, jobs, judge, (_index, judged) => {
    at++; // this file's entry
    emit(judged);
    flushUnreadable();
  });
  return status;
}
