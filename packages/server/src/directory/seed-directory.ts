import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

// Placeholder until the directory area lands: writes nothing.
export async function seedDirectory(_options: { db: Kysely<DB> }): Promise<{ structures: number }> {
  return { structures: 0 };
}
