import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { api, data } from '../../api/client';
import { defineMessages, useLang, useT } from '../../app/i18n';
import { USER_GUIDES } from './user-guides';

const messages = defineMessages({
  fr: {
    title: 'Besoin d’aide ?',
    email: 'Écrire au support :',
    url: 'Site du support :',
    phone: 'Téléphone du support :',
    noContact:
      'Posez votre question au support de la plateforme depuis la page « Poser une question » (une fois connecté) : la réponse arrive dans le portail et par courriel.',
    // Not the page's own "Poser une question" link: two links, one name, would tell a screen
    // reader user nothing about which goes where.
    ask: 'Poser une question au support',
    guides: 'Guides à télécharger',
    pdf: '(PDF)',
  },
  en: {
    title: 'Need help?',
    email: 'Write to the support:',
    url: 'Support website:',
    phone: 'Support telephone:',
    noContact:
      'Ask the platform support from the “Ask a question” page (once signed in): the answer comes in the portal and by e-mail.',
    ask: 'Ask the support a question',
    guides: 'Guides to download',
    pdf: '(PDF)',
  },
});

/** The instance's support contact (SUPPORT_EMAIL / SUPPORT_URL / SUPPORT_PHONE), public. */
export function useInstance() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: async () => data(await api.GET('/api/v1/instance')),
    staleTime: Infinity,
  });
}

/**
 * The end of every help page: whom to ask when the help does not answer, and the user guides
 * (built from these pages as PDFs, see build/user-guides.ts).
 */
export function SupportContact() {
  const t = useT(messages);
  const { lang } = useLang();
  const instance = useInstance();
  const support = instance.data?.support;
  const any = support && (support.email || support.url || support.phone);
  return (
    <aside
      className={fr.cx('fr-callout', 'fr-mt-6w')}
      aria-labelledby="aide-support"
      data-testid="support-contact"
    >
      <h2 id="aide-support" className={fr.cx('fr-callout__title', 'fr-h5')}>
        {t('title')}
      </h2>
      {any ? (
        <ul className={fr.cx('fr-callout__text', 'fr-raw-list')}>
          {support.email && (
            <li>
              {t('email')}{' '}
              <a className={fr.cx('fr-link')} href={`mailto:${support.email}`}>
                {support.email}
              </a>
            </li>
          )}
          {support.url && (
            <li>
              {t('url')}{' '}
              <a className={fr.cx('fr-link')} href={support.url} rel="noopener">
                {support.url}
              </a>
            </li>
          )}
          {support.phone && (
            <li>
              {t('phone')}{' '}
              <a className={fr.cx('fr-link')} href={`tel:${support.phone.replace(/[^+0-9]/g, '')}`}>
                {support.phone}
              </a>
            </li>
          )}
        </ul>
      ) : (
        instance.data && (
          <p className={fr.cx('fr-callout__text')}>
            {t('noContact')}{' '}
            <Link className={fr.cx('fr-link')} to="/sollicitations/nouvelle">
              {t('ask')}
            </Link>
          </p>
        )
      )}
      <h3 className={fr.cx('fr-h6', 'fr-mt-3w', 'fr-mb-1w')}>{t('guides')}</h3>
      <ul className={fr.cx('fr-raw-list')}>
        {USER_GUIDES.map((guide) => (
          <li key={guide.file}>
            <a
              className={fr.cx('fr-link', 'fr-icon-download-line', 'fr-link--icon-left')}
              href={`/guides/${guide.file}`}
              download
              hrefLang="fr"
              type="application/pdf"
            >
              {guide.title[lang]} {t('pdf')}
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
