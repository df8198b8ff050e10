import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../directory/demo-directory.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from './crypto.js';
import type { Right, Role } from './model.js';
import { replaceRights } from './set-rights.js';
import { findStructure } from './structure-access.js';

export interface DemoAccount {
  email: string;
  password: string;
  description: string;
}

interface DemoUser extends DemoAccount {
  name: string;
  memberships: { identifier: string; role: Role; rights: Right[] }[];
}

/** Demo only: fixed, printed passwords. Never seeded outside `--seed-demo` / `chorale seed`. */
const demoUsers: DemoUser[] = [
  {
    email: 'fournisseur@demo.chorale.test',
    password: 'Demo-Fournisseur-2026',
    name: 'Camille Fournier',
    description: `supplier, gestionnaire of ${DEMO_SUPPLIER.name}`,
    memberships: [
      {
        identifier: DEMO_SUPPLIER.identifier,
        role: 'GESTIONNAIRE_PRINCIPAL',
        rights: [{ space: 'FACTURES_EMISES' }, { space: 'SOLLICITATIONS' }],
      },
    ],
  },
  {
    email: 'gestionnaire@mairie.demo.chorale.test',
    password: 'Demo-Gestionnaire-2026',
    name: 'Dominique Maire',
    description: `gestionnaire of ${DEMO_PUBLIC_BODY.name} (every service, also sends invoices)`,
    memberships: [
      {
        identifier: DEMO_PUBLIC_BODY.identifier,
        role: 'GESTIONNAIRE_PRINCIPAL',
        rights: [
          { space: 'FACTURES_RECUES' },
          { space: 'FACTURES_EMISES' },
          { space: 'SOLLICITATIONS' },
        ],
      },
    ],
  },
  {
    email: 'agent.technique@mairie.demo.chorale.test',
    password: 'Demo-Technique-2026',
    name: 'Alex Technicien',
    description: `clerk of ${DEMO_SERVICE_A.name} (${DEMO_SERVICE_A.code}) only`,
    memberships: [
      {
        identifier: DEMO_PUBLIC_BODY.identifier,
        role: 'UTILISATEUR',
        rights: [
          { space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_A.code },
          { space: 'SOLLICITATIONS', serviceCode: DEMO_SERVICE_A.code },
        ],
      },
    ],
  },
  {
    email: 'agent.ecoles@mairie.demo.chorale.test',
    password: 'Demo-Ecoles-2026',
    name: 'Sacha Scolaire',
    description: `clerk of ${DEMO_SERVICE_B.name} (${DEMO_SERVICE_B.code}) only`,
    memberships: [
      {
        identifier: DEMO_PUBLIC_BODY.identifier,
        role: 'UTILISATEUR',
        rights: [
          { space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_B.code },
          { space: 'SOLLICITATIONS', serviceCode: DEMO_SERVICE_B.code },
        ],
      },
    ],
  },
];

/**
 * Writes the demo users with their memberships and rights (the demo directory must be there).
 * With dryRun, only lists them. Existing users (same e-mail) are left as they are.
 */
export async function seedAccounts(options: {
  db: Kysely<DB>;
  dryRun: boolean;
}): Promise<DemoAccount[]> {
  const list = demoUsers.map(({ email, password, description }) => ({
    email,
    password,
    description,
  }));
  if (options.dryRun) return list;
  for (const u of demoUsers) {
    const id = newId('user');
    const inserted = await options.db
      .insertInto('app_user')
      .values({ id, email: u.email, name: u.name, password_hash: await hashPassword(u.password) })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    for (const m of u.memberships) {
      const structure = await findStructure(options.db, m.identifier);
      if (!structure)
        throw new Error(`demo structure ${m.identifier} is missing: seed the directory first`);
      const membershipId = newId('membership');
      await options.db
        .insertInto('membership')
        .values({ id: membershipId, user_id: id, structure_id: structure.id, role: m.role })
        .execute();
      await replaceRights(options.db, membershipId, structure.id, m.rights);
    }
  }
  return list;
}
