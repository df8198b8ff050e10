import { fr } from '@codegouvfr/react-dsfr';
import { DataTable } from '../../app/DataTable';
import { useLang, useT } from '../../app/i18n';
import { MOVE_SECTIONS, moveMessages as messages, OPERATION_MAP } from './chorus-pro';

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
