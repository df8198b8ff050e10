import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { ApiError } from '../../api/client';
import type { paths } from '../../api/schema';
import { defineMessages, useT } from '../../app/i18n';
import {
  INVOICE_STATUSES,
  statusMessages,
  StatusBadge,
  type InvoiceStatus,
} from '../../app/statuses';

/** Shapes of the invoice API, from the generated OpenAPI types. */
export type InvoiceList =
  paths['/api/v1/invoices']['get']['responses'][200]['content']['application/json'];
export type InvoiceSummary = InvoiceList['items'][number];
export type InvoiceDetail =
  paths['/api/v1/invoices/{id}']['get']['responses'][200]['content']['application/json'];
export type HistoryEntry =
  paths['/api/v1/invoices/{id}/history']['get']['responses'][200]['content']['application/json']['entries'][number];
export type { InvoiceStatus };
/** Why a recipient rejects an invoice: the server's closed list, from the API types. */
export type RejectionReason = NonNullable<InvoiceDetail['rejection']>['reason'];
/**
 * Every rejection reason, in the order the clerk's list shows them; a Record so that the
 * compiler insists on every value of the API's list (a new reason fails the build here).
 */
const rejectionOrder: Record<RejectionReason, number> = {
  DOUBLON: 1,
  DESTINATAIRE_ERRONE: 2,
  SERVICE_ERRONE: 3,
  ENGAGEMENT_ABSENT_OU_ERRONE: 4,
  MONTANT_OU_TVA_ERRONE: 5,
  PIECE_JOINTE_MANQUANTE: 6,
  AUTRE: 7,
};
export const REJECTION_REASONS = (Object.keys(rejectionOrder) as RejectionReason[]).sort(
  (a, b) => rejectionOrder[a] - rejectionOrder[b],
);
export type Side = InvoiceDetail['sides'][number];
export type ListQuery = NonNullable<paths['/api/v1/invoices']['get']['parameters']['query']>;

export { INVOICE_STATUSES as STATUSES, statusMessages, StatusBadge };

const badgeMessages = defineMessages({
  fr: { meaning: 'Que signifie le statut « {status} » ?' },
  en: { meaning: 'What does the status “{status}” mean?' },
});

/** The badge, linked to what the status means on the help page. */
export function StatusWithHelp({ status }: { status: InvoiceStatus }) {
  const t = useT(statusMessages);
  const tb = useT(badgeMessages);
  return (
    <span>
      <StatusBadge status={status} />{' '}
      <Link to={`/aide/statuts#${status}`} className={fr.cx('fr-link', 'fr-text--sm')}>
        {tb('meaning', { status: t(status) })}
      </Link>
    </span>
  );
}

/** An API error meaning "not there, or not yours": both read the same to the user. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * Amount typed the French or English way ("1 500,50", "1500.50") as the API's decimal string,
 * or null when it is not an amount. Pure string work: never a float.
 */
export function normaliseAmount(input: string): string | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d{1,13}(\.\d{1,2})?$/.test(compact) ? compact : null;
}

/** A move the server says the caller may make now (no copy of its transition table here). */
export type AllowedAction = InvoiceDetail['allowedActions'][number];

/** A recipient move (POST /invoices/{id}/status) and what its form must ask. */
export type RecipientMove = {
  to: InvoiceStatus;
  needs: 'reason' | 'mandateNumber' | 'payment' | null;
};

/** Supplier moves: complete, recycle, acknowledge (dedicated routes). */
export type SupplierMove = 'complete' | 'recycle' | 'acknowledge';

/** The invoice's allowed actions, split into the recipient's and the supplier's buttons. */
export function movesOf(actions: readonly AllowedAction[]): {
  recipient: RecipientMove[];
  supplier: SupplierMove[];
} {
  const recipient: RecipientMove[] = [];
  const supplier: SupplierMove[] = [];
  for (const a of actions) {
    if (a.action === 'status' && a.to) {
      const need = a.needs.find(
        (n): n is RecipientMove['needs'] & string =>
          n === 'reason' || n === 'mandateNumber' || n === 'payment',
      );
      recipient.push({ to: a.to, needs: need ?? null });
    } else if (a.action !== 'status') supplier.push(a.action);
  }
  return { recipient, supplier };
}

export const MAX_REASON = 255;
