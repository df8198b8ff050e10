import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { defineMessages, useT } from '../../app/i18n';
import { useAbilities, useSession, type Membership } from '../../app/session';
import { PageTitle } from '../../app/ui';

const messages = defineMessages({
  fr: {
    toAccount: 'Aller à mon compte',
    notManagerTitle: 'Page réservée aux gestionnaires',
  },
  en: {
    toAccount: 'Go to my account',
    notManagerTitle: 'For managers only',
  },
});

/**
 * A page for the active structure's gestionnaires: without a structure, or without the role,
 * it explains why in plain words (the API would refuse anyway); otherwise it renders the page.
 */
export function GestionnaireOnly({
  title,
  titleOf,
  noStructure,
  notManager,
  children,
}: {
  title: string;
  titleOf: (name: string) => string;
  noStructure: string;
  notManager: (name: string) => string;
  children: (structure: Membership['structure']) => ReactNode;
}) {
  const t = useT(messages);
  const { current } = useSession();
  const { isGestionnaire } = useAbilities();
  if (!current) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <p>{noStructure}</p>
        <Link to="/compte#rejoindre" className={fr.cx('fr-btn')}>
          {t('toAccount')}
        </Link>
      </>
    );
  }
  if (!isGestionnaire) {
    return (
      <>
        <PageTitle>{titleOf(current.structure.name)}</PageTitle>
        <Alert
          severity="info"
          as="h2"
          title={t('notManagerTitle')}
          description={notManager(current.structure.name)}
        />
      </>
    );
  }
  return <>{children(current.structure)}</>;
}
