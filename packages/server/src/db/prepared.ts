import { CompiledQuery } from 'kysely';
import type pg from 'pg';

/**
 * Marks a statement that runs on every request of a hot path (the deposit's write) so that each
 * PostgreSQL connection parses, analyses and plans it once and keeps it (a named prepared
 * statement), instead of once per execution. The deposit's write (five tables, their column
 * defaults and checks) cost the database 0.78 ms per deposit, 0.54 ms once prepared (decision
 * 0009). The text must be the same for every execution of one shape (values go in
 * placeholders), since each distinct text is kept on each connection: mark only statements of a
 * few shapes. PGlite runs the statement as it is (the mark is a comment).
 */
export function preparedQuery(sql: string, values: unknown[]): CompiledQuery {
  return CompiledQuery.raw(`${sql}${PREPARED}`, values);
}
const PREPARED = '\n/* prepared */';

/**
 * Marks a script: several statements without parameters, sent in one round trip, whose result
 * holds the rows of every statement in order. pg-boss runs its maintenance this way (a
 * transaction whose advisory lock, counts and cursors come back as rows of different
 * statements) and requires every row back. Both drivers need the mark, because a plain query
 * is one statement with its own rows: node-postgres then uses the simple protocol, which takes
 * several statements and answers one result per statement, and PGlite uses `exec`
 * (pglite-dialect.ts).
 */
export function scriptQuery(sql: string): CompiledQuery {
  return CompiledQuery.raw(`${sql}${SCRIPT}`, []);
}
export const SCRIPT = '\n/* script */';

/** Statement name of each marked text, the same on every connection of the process. */
const preparedNames = new Map<string, string>();

/**
 * Routes the marked statements of a pooled node-postgres client: prepared ones to named
 * prepared statements (unless `prepared` is false, behind a pooler that does not keep them),
 * scripts to the simple protocol with their results merged into one.
 */
export function routeMarked(client: pg.PoolClient, options: { prepared: boolean }): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Anything not marked (callbacks, cursors, config objects) goes through exactly as given.
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [config, values] = args;
    if (args.length === 2 && typeof config === 'string') {
      if (options.prepared && config.endsWith(PREPARED)) {
        let name = preparedNames.get(config);
        if (name === undefined) {
          name = `chorale_${preparedNames.size + 1}`;
          preparedNames.set(config, name);
        }
        return query({ name, text: config, values });
      }
      if (config.endsWith(SCRIPT) && Array.isArray(values) && values.length === 0) {
        // No values array: node-postgres only takes several statements in the simple protocol.
        return (query(config) as Promise<pg.QueryResult | pg.QueryResult[]>).then(mergeResults);
      }
    }
    return query(...args);
  };
}

/**
 * One result for a script: every statement's rows in order. Its command is none of the
 * statements' own: Kysely reads a COMMIT or ROLLBACK command (a script's last statement) as a
 * transaction's end and would drop the rows.
 */
function mergeResults(result: pg.QueryResult | pg.QueryResult[]): pg.QueryResult {
  const results = Array.isArray(result) ? result : [result];
  return {
    ...results[results.length - 1]!,
    command: 'SCRIPT',
    rows: results.flatMap((r) => r.rows ?? []),
  };
}
