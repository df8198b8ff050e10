import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { defineMessages, useT } from '../../app/i18n';

const messages = defineMessages({
  fr: { ask: 'Poser une question sur cette facture' },
  en: { ask: 'Ask a question about this invoice' },
});

/** On an invoice page, for its supplier: open a sollicitation about it. */
export function AskAboutInvoice({ invoiceId }: { invoiceId: string }) {
  const t = useT(messages);
  return (
    <p>
      <Link
        to={`/sollicitations/nouvelle?facture=${encodeURIComponent(invoiceId)}`}
        className={fr.cx(
          'fr-btn',
          'fr-btn--secondary',
          'fr-icon-question-line',
          'fr-btn--icon-left',
        )}
      >
        {t('ask')}
      </Link>
    </p>
  );
}
