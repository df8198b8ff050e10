/**
 * The /cpro contract tests' helpers: an API client and a technical account of a structure,
 * a token from /api/oauth/token as the real service's clients ask for it (form-encoded,
 * scope=openid), and calls with the two headers they send.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR, type Scope } from '../../src/accounts/model.js';
import { createTechnicalAccount } from '../../src/cpro/create-technical-account.js';
import { DEMO_PUBLIC_BODY, DEMO_SERVICE_A } from '../../src/directory/demo-directory.js';
import type { TestApp } from '../support/app.js';

export interface CproCaller {
  token: string;
  login: string;
  password: string;
  clientId: string;
  clientSecret: string;
  headers: Record<string, string>;
}

export const accountHeader = (login: string, password: string) =>
  Buffer.from(`${login}:${password}`).toString('base64');

export async function tokenFor(t: TestApp, clientId: string, clientSecret: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/oauth/token',
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'openid',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    access_token: string;
    token_type: string;
    expires_in: number;
    scope: string;
  }>();
}

/** An API client and a technical account of the structure, with a token. */
export async function cproCaller(
  t: TestApp,
  identifier: string,
  scopes: Scope[],
): Promise<CproCaller> {
  const client = await createApiClient({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier,
    name: 'ERP (Chorus Pro client)',
    scopes,
  });
  const account = await createTechnicalAccount({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier,
  });
  const token = await tokenFor(t, client.clientId, client.clientSecret);
  return {
    token: token.access_token,
    login: account.login,
    password: account.password,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'cpro-account': accountHeader(account.login, account.password),
    },
  };
}

/** A /cpro POST with a JSON body, as clients send it (charset in the content type). */
export function cpro(
  t: TestApp,
  who: { headers: Record<string, string> } | undefined,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/cpro/${path}`,
    payload: JSON.stringify(body),
    headers: {
      'content-type': 'application/json;charset=utf-8',
      accept: 'application/json',
      ...(who?.headers ?? {}),
      ...headers,
    },
  });
}

export interface Retour {
  codeRetour: number;
  libelle: string;
}

export async function ok<T>(res: Promise<LightMyRequestResponse> | LightMyRequestResponse) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json<T & Retour>();
  expect(body.codeRetour, r.body).toBe(0);
  return body;
}

export async function failed(
  res: Promise<LightMyRequestResponse> | LightMyRequestResponse,
  status: number,
  codeRetour: number,
) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json<Retour & { listeErreurs?: { champ: string; libelleErreur: string }[] }>();
  expect(body.codeRetour, r.body).toBe(codeRetour);
  expect(body.libelle.length).toBeGreaterThan(10);
  return body;
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The invoice row behind a /cpro integer id (idFacture, identifiantFactureCPP). */
export const invoiceByCproId = (t: TestApp, cproId: number) =>
  t.database.db
    .selectFrom('invoice')
    .selectAll()
    .where('cpro_id', '=', cproId)
    .executeTakeFirstOrThrow();

/**
 * A soumettre body, every block present, as the Python / Odoo clients build it: from the demo
 * directory's supplier to its public body (seedDirectory).
 */
export function soumettreBody(number: string, overrides: Record<string, unknown> = {}) {
  return {
    modeDepot: 'SAISIE_API',
    numeroFactureSaisi: number,
    dateFacture: '2026-11-20',
    dateEcheancePaiement: '2026-12-20',
    idUtilisateurCourant: 0,
    cadreDeFacturation: {
      codeCadreFacturation: 'A1_FACTURE_FOURNISSEUR',
      codeServiceValideur: null,
      codeStructureValideur: null,
    },
    destinataire: {
      codeDestinataire: DEMO_PUBLIC_BODY.identifier,
      codeServiceExecutant: DEMO_SERVICE_A.code,
    },
    fournisseur: {
      idFournisseur: 0,
      idServiceFournisseur: null,
      codeCoordonneesBancairesFournisseur: 0,
    },
    references: {
      deviseFacture: 'EUR',
      typeFacture: 'FACTURE',
      typeTva: 'TVA_SUR_DEBIT',
      modePaiement: 'VIREMENT',
      motifExonerationTva: null,
      numeroMarche: null,
      numeroBonCommande: 'EJ-2026-0042',
      numeroFactureOrigine: null,
    },
    lignePoste: [
      {
        lignePosteNumero: 1,
        lignePosteReference: 'R1',
        lignePosteDenomination: 'Réfection du portail',
        lignePosteQuantite: 1,
        lignePosteUnite: 'C62',
        lignePosteMontantUnitaireHT: 1000,
        lignePosteMontantRemiseHT: 0,
        lignePosteTauxTva: 'TVA20',
        lignePosteTauxTvaManuel: 20,
      },
      {
        lignePosteNumero: 2,
        lignePosteReference: 'R2',
        lignePosteDenomination: 'Peinture (heures)',
        lignePosteQuantite: 5,
        lignePosteUnite: 'HUR',
        lignePosteMontantUnitaireHT: 50,
        lignePosteMontantRemiseHT: 0,
        lignePosteTauxTva: 'TVA20',
        lignePosteTauxTvaManuel: null,
      },
    ],
    ligneTva: [
      {
        ligneTvaTaux: 'TVA20',
        ligneTvaTauxManuel: 20,
        ligneTvaMontantBaseHtParTaux: 1250,
        ligneTvaMontantTvaParTaux: 250,
      },
    ],
    montantTotal: {
      montantHtTotal: 1250,
      montantTVA: 250,
      montantTtcTotal: 1500,
      montantRemiseGlobaleTTC: 0,
      motifRemiseGlobaleTTC: '',
      montantAPayer: 1500,
    },
    pieceJointePrincipale: [],
    pieceJointeComplementaire: [],
    commentaire: '',
    ...overrides,
  };
}
