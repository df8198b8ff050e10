import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  createApiClientFor,
  listApiClientsOf,
  rotateApiClientSecretOf,
  type ApiClientCredentials,
  type ApiClientView,
} from './api-clients.js';
import type { Scope } from './model.js';
import { structureForMember } from './structure-access.js';

// The portal side of API clients: a gestionnaire acts on their structure's clients.

export async function createApiClient(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  name: string;
  scopes: Scope[];
  ip?: string | null;
}): Promise<ApiClientCredentials> {
  const s = await structureForMember({
    db: options.db,
    userId: options.userId,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  return createApiClientFor({
    db: options.db,
    structureId: s.id,
    name: options.name,
    scopes: options.scopes,
    createdBy: options.userId,
    ip: options.ip ?? null,
  });
}

export async function listApiClients(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
}): Promise<ApiClientView[]> {
  const s = await structureForMember({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
  return listApiClientsOf(options.db, s.id);
}

export async function rotateApiClientSecret(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  clientId: string;
  ip?: string | null;
}): Promise<ApiClientCredentials> {
  const s = await structureForMember({
    db: options.db,
    userId: options.userId,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  return rotateApiClientSecretOf({
    db: options.db,
    structureId: s.id,
    clientId: options.clientId,
    actorUserId: options.userId,
    ip: options.ip ?? null,
  });
}
