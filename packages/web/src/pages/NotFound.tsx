import { Link, useLocation } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { defineMessages, useT } from '../app/i18n';
import { PageTitle } from '../app/ui';

const messages = defineMessages({
  fr: {
    title: 'Page introuvable',
    text: 'La page « {path} » n’existe pas. Le lien est peut-être incomplet, ou la page a été déplacée.',
    next: 'Vous pouvez :',
    home: 'Revenir à l’accueil',
    directory: 'Chercher une structure dans l’annuaire',
    help: 'Consulter l’aide',
    code: 'Erreur 404',
  },
  en: {
    title: 'Page not found',
    text: 'The page “{path}” does not exist. The link may be incomplete, or the page has moved.',
    next: 'You can:',
    home: 'Go back to the home page',
    directory: 'Search the directory',
    help: 'Read the help',
    code: 'Error 404',
  },
});

export default function NotFound() {
  const t = useT(messages);
  const { pathname } = useLocation();
  return (
    <div className={fr.cx('fr-my-4w')}>
      <PageTitle>{t('title')}</PageTitle>
      <p className={fr.cx('fr-text--sm')}>{t('code')}</p>
      <p className={fr.cx('fr-text--lead')}>{t('text', { path: pathname })}</p>
      <p>{t('next')}</p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Link to="/" className={fr.cx('fr-btn')}>
            {t('home')}
          </Link>
        </li>
        <li>
          <Link to="/annuaire" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
            {t('directory')}
          </Link>
        </li>
        <li>
          <Link to="/aide" className={fr.cx('fr-btn', 'fr-btn--tertiary')}>
            {t('help')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
