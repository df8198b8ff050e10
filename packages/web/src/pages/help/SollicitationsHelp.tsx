import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { useLang, useT } from '../../app/i18n';
import { sollicitationHelpMessages as messages } from './sollicitations-help';
import { useSession } from '../../app/session';
import { ErrorMessage, Loading } from '../../app/ui';
import { useCategories } from '../sollicitations/model';

/** /aide/sollicitations: what a sollicitation is, who answers, and the closed list of categories. */
export function SollicitationsHelp() {
  const t = useT(messages);
  const { lang } = useLang();
  const { me } = useSession();
  const categories = useCategories();
  return (
    <>
      <p>{t('what')}</p>
      <p>{t('who')}</p>
      {categories.data && (
        <p>
          {t('statuses', {
            days: categories.data.reopenDays,
            overdue: categories.data.overdueAfterWorkingDays,
          })}
        </p>
      )}
      {me && (
        <p>
          <Link to="/sollicitations/nouvelle" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
            {t('ask')}
          </Link>
        </p>
      )}
      <h2>{t('categories')}</h2>
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <ErrorMessage error={categories.error} level="h3" />
      ) : (
        <dl>
          {categories.data.categories.map((c) => (
            <div key={c.code} id={c.code} className={fr.cx('fr-mb-2w')}>
              <dt className={fr.cx('fr-text--bold')}>
                {c.label[lang]} <code className={fr.cx('fr-text--xs')}>{c.code}</code>
              </dt>
              <dd className={fr.cx('fr-ml-0')}>
                {c.subcategories.map((s) => s.label[lang]).join(' · ')}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
