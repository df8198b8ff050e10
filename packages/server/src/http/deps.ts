import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DatabaseKind } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../lib/mailer.js';

/** What the HTTP layer hands to use cases: nothing HTTP-specific lives here. */
export interface AppDeps {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  mailer: Mailer;
}
