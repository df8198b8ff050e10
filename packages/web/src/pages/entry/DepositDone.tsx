import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { ProblemText } from './field-problems';
import { withRef } from './problems';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useFormat, useLang, useT } from '../../app/i18n';
import { formMessages } from './messages';
import type { DepositReply } from './send-deposit';

/** After a deposit: what happened, the certificate, the way to the invoice's page. */
export function DepositDone({
  reply,
  number,
  anotherLabel,
  onAnother,
}: {
  reply: DepositReply;
  number: string;
  anotherLabel: string;
  onAnother(): void;
}) {
  const t = useT(formMessages);
  const { lang } = useLang();
  const format = useFormat();
  return (
    <div>
      <h2 id="deposit-done" tabIndex={-1}>
        {t('successTitle')}
      </h2>
      <Alert
        severity="success"
        small
        description={t('successText', { number, date: format.dateTime(reply.depositedAt) })}
        className={fr.cx('fr-mb-3w')}
      />
      {reply.warnings.length > 0 && (
        <>
          <p>{t('warnings')}</p>
          <ul>
            {reply.warnings.map((w, i) => (
              <li key={i}>
                <ProblemText message={withRef(lang === 'fr' ? w.messageFr : w.message, w.id)} />
              </li>
            ))}
          </ul>
        </>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Link className={fr.cx('fr-btn')} to={`/factures/${reply.id}`}>
            {t('seeInvoice')}
          </Link>
        </li>
        <li>
          <a
            className={fr.cx('fr-btn', 'fr-btn--secondary')}
            href={`/api/v1/invoices/${reply.id}/certificate`}
            download
          >
            {t('certificate')}
          </a>
        </li>
        <li>
          <Button priority="tertiary" type="button" onClick={onAnother}>
            {anotherLabel}
          </Button>
        </li>
      </ul>
    </div>
  );
}
