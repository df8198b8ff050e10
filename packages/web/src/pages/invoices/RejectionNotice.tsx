import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useT } from '../../app/i18n';
import { actionMessages } from './action-messages';
import type { InvoiceDetail } from './common';

/** Why the recipient rejected the invoice: the reason from the list, then the clerk's words. */
export function RejectionNotice({
  rejection,
}: {
  rejection: NonNullable<InvoiceDetail['rejection']>;
}) {
  const ta = useT(actionMessages);
  return (
    <Alert
      severity="warning"
      small
      description={
        <span data-testid="rejection">
          {ta('rejectedBecause', { reason: ta(`reject_${rejection.reason}`) })}
          {rejection.comment && (
            <>
              <br />
              {ta('rejectedDetails', { comment: rejection.comment })}
            </>
          )}
        </span>
      }
      className={fr.cx('fr-mb-2w')}
    />
  );
}
