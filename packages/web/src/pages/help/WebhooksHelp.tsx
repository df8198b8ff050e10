import { fr } from '@codegouvfr/react-dsfr';
import { useT } from '../../app/i18n';
import { SNIPPET, webhookMessages as messages } from './webhooks';

/** The help topic "Webhooks": what is sent, and how to check a signature. */
export function WebhooksHelp() {
  const t = useT(messages);
  return (
    <>
      <p className={fr.cx('fr-text--lead')}>{t('intro')}</p>
      <h2>{t('request')}</h2>
      <p>{t('requestText')}</p>
      <p>{t('dedup')}</p>
      <h2>{t('verify')}</h2>
      <p>{t('verifyText')}</p>
      <pre tabIndex={0} style={{ overflowX: 'auto' }} lang="en">
        <code>{SNIPPET}</code>
      </pre>
    </>
  );
}
