import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// One run covers every package. The einvoice library is resolved from its sources so tests
// never depend on a previous build.
const alias = [
  {
    find: /^@chorale\/einvoice$/,
    replacement: fileURLToPath(new URL('./packages/einvoice/src/index.ts', import.meta.url)),
  },
  {
    find: /^@chorale\/einvoice\/node$/,
    replacement: fileURLToPath(new URL('./packages/einvoice/src/node/index.ts', import.meta.url)),
  },
  {
    find: /^@chorale\/einvoice\/statuses$/,
    replacement: fileURLToPath(
      new URL('./packages/einvoice/src/statuses/index.ts', import.meta.url),
    ),
  },
];

// Tiers (README "Development"). Unit: no database, no browser, no external program — the
// einvoice tests but those driving Chromium or checking PDFs with poppler/qpdf, the tests kept
// beside their sources, and any `*.unit.test.ts`. The server and portal tests use a database
// (through the app, or the server process): they run once per database.
const unit = [
  'packages/einvoice/test/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.unit.test.ts',
];
const einvoiceTools = [
  'packages/einvoice/test/render/a11y.test.ts',
  'packages/einvoice/test/pdf/**/*.test.ts',
  // The official EN 16931 reference (Java, Saxon-HE): conformance:diff and its verdicts.
  'packages/einvoice/test/conformance/reference/**/*.test.ts',
];
const database = ['packages/server/test/**/*.test.ts', 'packages/web/test/**/*.test.ts'];

const DEFAULT_POSTGRES = 'postgres://chorale:chorale@127.0.0.1:5432/postgres';

/** Whether a PostgreSQL server answers at `url`, within two seconds. */
async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const project = (
  name: string,
  include: string[],
  exclude: string[] = [],
  env: Record<string, string> = {},
): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name,
    include,
    exclude: ['**/node_modules/**', ...exclude],
    env,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

export default defineConfig(async () => {
  const postgresUrl = process.env.CHORALE_TEST_DATABASE_URL ?? DEFAULT_POSTGRES;
  const failure = await reachable(postgresUrl);
  const where = new URL(postgresUrl);
  where.password = '';
  if (failure && process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required under CI and unreachable at ${where}: ${failure}`);
  }
  process.stdout.write(
    failure
      ? `database tests: embedded PGlite only (no PostgreSQL at ${where}: ${failure})\n`
      : `database tests: embedded PGlite and PostgreSQL at ${where}\n`,
  );
  // DATABASE_URL chooses the database of the tests (test/support/db.ts): unset for PGlite,
  // even when the developer's shell has it set.
  // PostgreSQL's own faults (a server restarted under load): the embedded database has none.
  // Several processes on one database (decision 0020): the embedded one is one process's.
  const postgresOnly = [
    'packages/server/test/crash/postgres-outage.test.ts',
    'packages/server/test/scale/several-processes.test.ts',
    // pg_dump and pg_restore (the deployment guide's backup): PostgreSQL's own tools.
    'packages/server/test/db/backup-restore.test.ts',
    // The plans of the hot list queries: PostgreSQL's planner is the one production runs.
    'packages/server/test/invoices/list-plans.test.ts',
  ];
  // The portal's browser tests drive the same API on either database, and are most of the
  // suite's time: they run once, on PostgreSQL (the production database, where stop 13's paging
  // defect showed) when it answers, on PGlite otherwise. The server tests below them run on both.
  const browser = failure ? [] : ['packages/web/test/e2e/**/*.test.ts'];
  const projects = [
    project('unit', unit, einvoiceTools),
    project('einvoice-tools', einvoiceTools),
    project('pglite', database, [...unit, ...postgresOnly, ...browser], { DATABASE_URL: '' }),
  ];
  // These files are about the embedded database alone (serving it, locking its folder, its
  // disk filling up): once is enough.
  const pglitePromise = [
    'packages/server/test/server-process.test.ts',
    'packages/server/test/db/data-dir-lock.test.ts',
    'packages/server/test/crash/disk-full.test.ts',
    // The administration commands as a user runs them: child processes on an embedded
    // database in a temporary DATA_DIR, whatever the project's DATABASE_URL (run twice, they
    // did the same thing twice: 130 s of CI).
    'packages/server/test/cli-commands.test.ts',
    'packages/server/test/sollicitations/cli.test.ts',
  ];
  if (!failure) {
    projects.push(
      project('postgres', database, [...unit, ...pglitePromise], { DATABASE_URL: postgresUrl }),
    );
  }
  return {
    test: {
      projects,
      globalSetup: ['./scripts/test-global-setup.ts'],
      reporters: ['default', './scripts/summary-reporter.ts'],
      // Vitest's default is one worker per core minus one: a single worker on a two-core machine,
      // where browser and database tests spend much of their time waiting on other processes
      // (Chromium, PostgreSQL). Two workers keep both cores busy; the projects share them.
      maxWorkers: 2,
    },
  };
});
