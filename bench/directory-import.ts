/**
 * Directory import benchmark: generates an official-export file of N rows (default 500,000),
 * then measures, in one run: a parse-only pass (CSV reading and row checks, no database: the
 * baseline), the import into an empty database, and a re-import of the same file (all
 * updates). Prints rows/s, the ratio to the baseline, and the process's peak RSS.
 *
 *   npm run bench:directory [-- --rows 500000]
 * Uses the embedded database in a temporary folder, or DATABASE_URL (a fresh database is
 * created on that server and dropped afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCsv } from '../packages/server/src/directory/csv-import.js';
import {
  importStructures,
  structureColumns,
  structureFromRecord,
} from '../packages/server/src/directory/import-structures.js';
import { luhnValid } from '../packages/server/src/directory/identifiers.js';
import { openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { createThrowawayDatabase, dropThrowawayDatabase } from './support/postgres.js';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 500_000;

const complete = (p: string) => {
  for (let d = 0; d < 10; d++) if (luhnValid(p + d)) return p + d;
  throw new Error('unreachable');
};

async function writeFile(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(structureColumns.join(';') + '\n');
  const towns = ['Beaumont', 'Valfort', 'Rochelieu', 'Saint-Clairval', 'Montbourg-sur-Loire'];
  for (let i = 0; i < ROWS; i++) {
    const siren = complete(`2${String(i).padStart(7, '0')}`);
    const siret = complete(`${siren}0001`);
    const town = towns[i % towns.length]!;
    const line = `SIRET;${siret};Mairie de ${town} ${i};false;${i % 9 === 0};true;${i % 4 === 0};${i % 3 === 0};false;false;false;${i % 50 !== 0};${i} rue de la République;;;99${String(i % 1000).padStart(3, '0')};${town.toUpperCase()};0102030405;mairie${i}@example.org;FR;France\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-bench-'));
  const file = path.join(dir, 'directory.csv');
  await writeFile(file);
  console.log(`file: ${ROWS} rows, ${mib(fs.statSync(file).size)}`);

  let t = performance.now();
  const parsed = await importCsv({
    input: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    requiredColumns: ['TypeIdentifiant', 'Identifiant', 'RaisonSociale'],
    convert: structureFromRecord,
    flush: async () => undefined,
    onRejection: () => undefined,
  });
  const parseSeconds = (performance.now() - t) / 1000;
  console.log(
    `baseline parse-only: ${parsed.accepted} rows in ${parseSeconds.toFixed(1)} s = ${Math.round(parsed.accepted / parseSeconds)} rows/s`,
  );

  let dbName: string | undefined;
  let url = process.env.DATABASE_URL;
  if (url) {
    const created = await createThrowawayDatabase(url, 'chorale_bench_');
    dbName = created.name;
    url = created.url.toString();
  }
  const database = await openDatabase({ databaseUrl: url, dataDir: path.join(dir, 'db') });
  await migrateToLatest(database.db);
  try {
    for (const label of ['import into empty database', 're-import (all updates)']) {
      t = performance.now();
      let lastPct = -10;
      const size = fs.statSync(file).size;
      const report = await importStructures({
        db: database.db,
        input: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
        onProgress: (p) => {
          const pct = Math.floor((100 * p.bytes) / size);
          if (pct >= lastPct + 10) {
            lastPct = pct;
            process.stderr.write(
              `  ${label}: ${pct}% (${p.rows} rows, rss ${mib(process.memoryUsage().rss)})\n`,
            );
          }
        },
      });
      const s = (performance.now() - t) / 1000;
      console.log(
        `${label} (${database.kind}): ${report.inserted} inserted, ${report.updated} updated, ${report.rejected} rejected in ${s.toFixed(1)} s = ${Math.round(report.read / s)} rows/s (${(s / parseSeconds).toFixed(1)}× the parse-only baseline)`,
      );
    }
  } finally {
    await database.close();
    if (dbName && process.env.DATABASE_URL)
      await dropThrowawayDatabase(process.env.DATABASE_URL, dbName);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  clearInterval(sampler);
  console.log(
    `peak RSS of the process: ${mib(Math.max(peak, process.resourceUsage().maxRSS * 1024))}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
