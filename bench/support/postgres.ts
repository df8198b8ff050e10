/**
 * The throw-away PostgreSQL databases the benchmarks run on (created on the server of
 * DATABASE_URL, dropped at the end), and the backends serving one of them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** `f` on a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Creates `<prefix><8 hex>` on the server of `serverUrl`; gives its name and URL. */
export async function createThrowawayDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ name: string; url: URL }> {
  const name = `${prefix}${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url };
}

/**
 * Drops it, connections and all. `settleMs` after a server's pool has ended: pg-pool's end()
 * resolves before its sockets have closed, and a forced drop racing with them would make a
 * closing client emit an error nobody listens to.
 */
export async function dropThrowawayDatabase(
  serverUrl: string,
  name: string,
  settleMs = 0,
): Promise<void> {
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
  await withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}

/** PostgreSQL backends serving one database (the server's pool), asked over `adminUrl`. */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  return withClient(adminUrl, async (c) => {
    const r = await c.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return r.rows.map((row) => row.pid);
  });
}
