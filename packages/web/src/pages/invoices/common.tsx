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

/** Recipient moves by status (mirrors the server's transition table, lifecycle.ts). */
export type RecipientMove = {
  to: InvoiceStatus;
  needs: 'reason' | 'mandateNumber' | 'payment' | null;
};

const decisions: RecipientMove[] = [
  { to: 'SERVICE_FAIT', needs: null },
  { to: 'MANDATEE', needs: 'mandateNumber' },
  { to: 'SUSPENDUE', needs: 'reason' },
  { to: 'A_RECYCLER', needs: null },
  { to: 'REJETEE', needs: 'reason' },
];

export const recipientMoves: Partial<Record<InvoiceStatus, RecipientMove[]>> = {
  MISE_A_DISPOSITION: decisions,
  COMPLETEE: decisions,
  SUSPENDUE: [{ to: 'REJETEE', needs: 'reason' }],
  SERVICE_FAIT: [{ to: 'MANDATEE', needs: 'mandateNumber' }],
  MANDATEE: [
    { to: 'MISE_EN_PAIEMENT', needs: 'payment' },
    { to: 'MISE_A_DISPOSITION_COMPTABLE', needs: null },
  ],
  MISE_A_DISPOSITION_COMPTABLE: [{ to: 'COMPTABILISEE', needs: null }],
  COMPTABILISEE: [{ to: 'MISE_EN_PAIEMENT', needs: 'payment' }],
};

/** Supplier moves by status: complete, recycle, acknowledge (dedicated routes). */
export type SupplierMove = 'complete' | 'recycle' | 'acknowledge';
export const supplierMoves: Partial<Record<InvoiceStatus, SupplierMove[]>> = {
  SUSPENDUE: ['complete'],
  A_RECYCLER: ['recycle'],
  REJETEE: ['acknowledge'],
};

export const MAX_REASON = 255;
