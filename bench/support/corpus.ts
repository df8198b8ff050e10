import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The XML files below `dir`, at any depth: the shared official examples the one-core benchmarks read. */
export function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? xmlFiles(p) : p.toLowerCase().endsWith('.xml') ? [p] : [];
  });
}
