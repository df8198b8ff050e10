import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useT } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { Loading, PageTitle } from '../../app/ui';
import { InvoiceForm } from './InvoiceForm';
import { formMessages } from './messages';

/** Key in an invoice (/fournisseur/saisie): the form, checked in the browser, then sent. */
export default function KeyIn() {
  const t = useT(formMessages);
  const { current } = useSession();
  const { canSend } = useAbilities();
  return (
    <>
      <PageTitle>{t('keyInTitle')}</PageTitle>
      <p className={fr.cx('fr-text--lead')}>{t('keyInIntro')}</p>
      {!current ? (
        <Loading />
      ) : canSend ? (
        // Keyed per structure: switching structure starts from that structure's own draft.
        <InvoiceForm key={current.structure.id} draftName="keyin" />
      ) : (
        <Alert severity="warning" small description={t('cannotSend')} />
      )}
    </>
  );
}
