import { fr } from '@codegouvfr/react-dsfr';
import { DataTable } from '../../app/DataTable';
import { defineMessages, useLang, useT } from '../../app/i18n';
import { MOVE_SECTIONS, OPERATION_MAP } from './chorus-pro';

const messages = defineMessages({
  fr: {
    intro:
      'Votre logiciel parle déjà l’API de Chorus Pro (module d’ERP, bibliothèque, opérateur de dématérialisation) ? Il fonctionne avec Chorale en changeant seulement l’adresse de l’API et les identifiants.',
    mapTitle: 'Chaque opération et son équivalent dans l’API de Chorale',
    mapCaption: 'Opérations de la surface /cpro et API native (/api/v1)',
    operation: 'Opération Chorus Pro (/cpro/…)',
    native: 'API native de Chorale',
    docs: 'La documentation complète (rubrique « cpro ») est sur /api/docs.',
  },
  en: {
    intro:
      'Does your software already speak the Chorus Pro API (ERP module, library, dematerialisation operator)? It works with Chorale by changing only the API’s address and the credentials.',
    mapTitle: 'Each operation and its equivalent in Chorale’s API',
    mapCaption: 'Operations of the /cpro surface and the native API (/api/v1)',
    operation: 'Chorus Pro operation (/cpro/…)',
    native: 'Chorale’s native API',
    docs: 'The full documentation (tag “cpro”) is at /api/docs.',
  },
});

/** The help topic “Moving from Chorus Pro”. */
export function MovingFromChorusPro() {
  const t = useT(messages);
  const { lang } = useLang();
  return (
    <>
      <p className={fr.cx('fr-text--lead')}>{t('intro')}</p>
      {MOVE_SECTIONS.map((s) => (
        <section
          key={s.id}
          id={s.id}
          aria-labelledby={`${s.id}-title`}
          className={fr.cx('fr-mb-5w')}
        >
          <h2 id={`${s.id}-title`} className={fr.cx('fr-h4')}>
            {s.title[lang]}
          </h2>
          {s.text.map((p, i) => (
            <p key={i}>{p[lang]}</p>
          ))}
          {s.code && (
            <pre className={fr.cx('fr-text--sm')} style={{ whiteSpace: 'pre-wrap' }}>
              <code>{s.code.join('\n')}</code>
            </pre>
          )}
        </section>
      ))}
      <section id="operations" aria-labelledby="operations-title">
        <h2 id="operations-title" className={fr.cx('fr-h4')}>
          {t('mapTitle')}
        </h2>
        <DataTable
          caption={t('mapCaption')}
          hideCaption
          columns={[
            { label: t('operation'), wrap: true },
            { label: t('native'), wrap: true },
          ]}
          rows={OPERATION_MAP.map((o) => ({
            key: o.operation,
            cells: [<code key="o">{o.operation}</code>, <code key="n">{o.native}</code>],
          }))}
        />
        <p>{t('docs')}</p>
      </section>
    </>
  );
}
