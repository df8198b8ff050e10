import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface DemoAccount {
  email: string;
  password: string;
  description: string;
}

// Placeholder until the accounts area lands: no demo account yet.
export async function seedAccounts(_options: {
  db: Kysely<DB>;
  dryRun: boolean;
}): Promise<DemoAccount[]> {
  return [];
}
