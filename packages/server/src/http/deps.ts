import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DatabaseKind, PoolStats } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../lib/mailer.js';
import type { FileStore } from '../storage/file-store.js';

/** What the HTTP layer hands to use cases: nothing HTTP-specific lives here. */
export interface AppDeps {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  mailer: Mailer;
  /** Stored files (inbound flows); by default the local store under config.filesDir. */
  files?: FileStore;
  /** The PostgreSQL pool's connections, for GET /metrics (absent on the embedded database). */
  poolStats?: (() => PoolStats) | undefined;
}
