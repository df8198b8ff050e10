import { useCallback } from 'react';
import { defineMessages, useT } from '../../app/i18n';
import type { Me, Space } from '../../app/session';

/** Roles, spaces and API scopes in plain words (the API speaks in stable codes). */
const messages = defineMessages({
  fr: {
    GESTIONNAIRE_PRINCIPAL: 'Gestionnaire principal',
    UTILISATEUR: 'Utilisateur',
    FACTURES_EMISES: 'Factures émises',
    FACTURES_RECUES: 'Factures reçues',
    SOLLICITATIONS: 'Sollicitations',
    FACTURES_EMISES_hint: 'déposer et suivre les factures envoyées par la structure',
    FACTURES_RECUES_hint: 'recevoir et traiter les factures adressées à la structure',
    SOLLICITATIONS_hint: 'échanger des demandes d’information avec les partenaires',
    'invoices:send': 'Déposer des factures',
    'invoices:read': 'Lire les factures',
    'invoices:process': 'Traiter les factures reçues',
    'directory:read': 'Consulter l’annuaire',
    wholeStructure: 'toute la structure',
    servicesList: 'services {list}',
    noRights: 'Aucun droit',
  },
  en: {
    GESTIONNAIRE_PRINCIPAL: 'Main manager',
    UTILISATEUR: 'User',
    FACTURES_EMISES: 'Invoices sent',
    FACTURES_RECUES: 'Invoices received',
    SOLLICITATIONS: 'Requests',
    FACTURES_EMISES_hint: 'send and follow the invoices the structure issues',
    FACTURES_RECUES_hint: 'receive and process the invoices addressed to the structure',
    SOLLICITATIONS_hint: 'exchange requests for information with partners',
    'invoices:send': 'Send invoices',
    'invoices:read': 'Read invoices',
    'invoices:process': 'Process received invoices',
    'directory:read': 'Read the directory',
    wholeStructure: 'whole structure',
    servicesList: 'services {list}',
    noRights: 'No rights',
  },
});

export const SPACES = ['FACTURES_EMISES', 'FACTURES_RECUES', 'SOLLICITATIONS'] as const;
export const ROLES = ['GESTIONNAIRE_PRINCIPAL', 'UTILISATEUR'] as const;
export type Role = (typeof ROLES)[number];
export const SCOPES = [
  'invoices:send',
  'invoices:read',
  'invoices:process',
  'directory:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface Right {
  space: Space;
  serviceCode: string | null;
}

export function useAccessLabels() {
  const t = useT(messages);
  const role = useCallback((r: Role) => t(r), [t]);
  const space = useCallback((s: Space) => t(s), [t]);
  const spaceHint = useCallback((s: Space) => t(`${s}_hint`), [t]);
  const scope = useCallback((s: Scope) => t(s), [t]);
  /** "Factures reçues : services SERV-TECH, SERV-ECOLES · Sollicitations : toute la structure" */
  const rights = useCallback(
    (list: readonly Right[]) => {
      if (list.length === 0) return t('noRights');
      return SPACES.filter((s) => list.some((r) => r.space === s))
        .map((s) => {
          const mine = list.filter((r) => r.space === s);
          const whole = mine.some((r) => r.serviceCode === null);
          const codes = mine.map((r) => r.serviceCode).filter((c): c is string => c !== null);
          return `${t(s)} : ${whole ? t('wholeStructure') : t('servicesList', { list: codes.join(', ') })}`;
        })
        .join(' · ');
    },
    [t],
  );
  return { role, space, spaceHint, scope, rights };
}

/**
 * A `next` parameter is only followed when it is a path of this site: "/x" but not "//host" or
 * "/\host" (both would leave the site), and never back to the sign-in page itself.
 */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return null;
  }
  if ([...next].some((c) => c.charCodeAt(0) < 32) || next.startsWith('/connexion')) return null;
  return next;
}

/** Where a user lands after signing in: the space their current structure's rights open. */
export function homeOf(me: Me | null | undefined, structureId: string | null): string {
  if (!me) return '/';
  const m =
    me.memberships.find((x) => x.structure.id === structureId) ?? me.memberships[0] ?? undefined;
  if (!m) return '/compte';
  if (m.rights.some((r) => r.space === 'FACTURES_EMISES')) return '/fournisseur';
  if (m.rights.some((r) => r.space === 'FACTURES_RECUES')) return '/destinataire/factures';
  return '/compte';
}
