import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { openSollicitation } from '../../src/sollicitations/open-sollicitation.js';
import type { FileStore } from '../../src/storage/file-store.js';
import { all, P, S, type Case } from './authz.js';

// The authorisation matrix's rules for the sollicitation routes (decision 0018), beside the
// matrix file like the account rules. Portal users only: an API client is refused (403).
// Columns: anonymous, supplier user, supplier gestionnaire, clerk A, clerk B, API client.

export interface SollicitationFixtures {
  /** A thread of S's gestionnaire about an invoice of service A of P, with one file. */
  thread: string;
  file: string;
}

/** Opens the fixture thread about `invoiceId` as the user `userId` of S. */
export async function sollicitationFixtures(
  db: Kysely<DB>,
  files: FileStore,
  userId: string,
  invoiceId: string,
): Promise<SollicitationFixtures> {
  const { id } = await openSollicitation({
    db,
    files,
    actor: { kind: 'user', userId },
    input: {
      structure: S,
      subject: 'Matrice',
      category: 'STATUT_FACTURE',
      subcategory: 'STATUT_INCOMPRIS',
      body: 'Question de la matrice',
      invoiceId,
      attachments: [
        {
          bytes: new TextEncoder().encode('pièce'),
          filename: 'piece.txt',
          mediaType: 'text/plain',
        },
      ],
    },
  });
  const file = await db
    .selectFrom('sollicitation_file')
    .select('id')
    .where('sollicitation_id', '=', id)
    .executeTakeFirstOrThrow();
  return { thread: id, file: file.id };
}

export function sollicitationRules(
  fx: SollicitationFixtures,
  invoiceId: () => string,
): Record<string, Case[]> {
  return {
    'GET /api/v1/sollicitations/categories': [
      {
        label: 'the closed list',
        request: () => ({ method: 'GET', url: '/api/v1/sollicitations/categories' }),
        expect: all(200),
      },
    ],
    'GET /api/v1/sollicitations': [
      {
        label: 'questions of S',
        request: () => ({ method: 'GET', url: `/api/v1/sollicitations?box=sent&structure=${S}` }),
        expect: [401, 200, 200, 404, 404, 403],
      },
      {
        // Clerk B holds SOLLICITATIONS on service B: its inbox answers (without A's threads).
        label: 'inbox of P',
        request: () => ({
          method: 'GET',
          url: `/api/v1/sollicitations?box=received&structure=${P}`,
        }),
        expect: [401, 404, 404, 200, 200, 403],
      },
      {
        label: 'support queue',
        request: () => ({ method: 'GET', url: '/api/v1/sollicitations?box=support' }),
        expect: [401, 403, 403, 403, 403, 403],
      },
    ],
    'GET /api/v1/sollicitations/summary': [
      {
        label: 'inbox figures of P',
        request: () => ({
          method: 'GET',
          url: `/api/v1/sollicitations/summary?box=received&structure=${P}`,
        }),
        expect: [401, 404, 404, 200, 200, 403],
      },
    ],
    'POST /api/v1/sollicitations': [
      {
        label: 'ask about an invoice of S',
        request: () => ({
          method: 'POST',
          url: '/api/v1/sollicitations',
          payload: {
            structure: S,
            subject: 'Question',
            category: 'DELAI_PAIEMENT',
            subcategory: 'RETARD',
            body: 'Quand serai-je payé ?',
            invoiceId: invoiceId(),
          },
        }),
        expect: [401, 201, 201, 404, 404, 403],
      },
    ],
    'GET /api/v1/sollicitations/:id': [
      {
        label: 'a thread of S to service A',
        request: () => ({ method: 'GET', url: `/api/v1/sollicitations/${fx.thread}` }),
        expect: [401, 200, 200, 200, 403, 403],
      },
      {
        label: 'unknown',
        request: () => ({
          method: 'GET',
          url: '/api/v1/sollicitations/sol_00000000000000000000000000',
        }),
        expect: [401, 404, 404, 404, 404, 403],
      },
    ],
    'POST /api/v1/sollicitations/:id/messages': [
      {
        label: 'write in a thread of S to service A',
        request: () => ({
          method: 'POST',
          url: `/api/v1/sollicitations/${fx.thread}/messages`,
          payload: { body: 'Un message' },
        }),
        expect: [401, 201, 201, 201, 403, 403],
      },
    ],
    'POST /api/v1/sollicitations/:id/status': [
      {
        label: 'close, naming a stale version',
        request: () => ({
          method: 'POST',
          url: `/api/v1/sollicitations/${fx.thread}/status`,
          payload: { status: 'CLOSE', version: 999 },
        }),
        expect: [401, 409, 409, 409, 403, 403],
      },
    ],
    'POST /api/v1/sollicitations/:id/reassign': [
      {
        label: 'reassign, by the platform support only',
        request: () => ({
          method: 'POST',
          url: `/api/v1/sollicitations/${fx.thread}/reassign`,
          payload: { recipientIdentifier: P, version: 1 },
        }),
        expect: [401, 403, 403, 403, 403, 403],
      },
    ],
    'GET /api/v1/sollicitations/:id/files/:fileId': [
      {
        label: 'a file of a thread of S to service A',
        request: () => ({
          method: 'GET',
          url: `/api/v1/sollicitations/${fx.thread}/files/${fx.file}`,
        }),
        expect: [401, 200, 200, 200, 403, 403],
      },
    ],
  };
}
