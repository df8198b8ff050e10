import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { useLang, useT } from '../../app/i18n';
import { PageTitle } from '../../app/ui';
import { statusMessages, StatusBadge } from '../../app/statuses';
import { ERROR_ORDER, ERRORS } from './errors';
import { ACCOUNT_GUIDE, FIRST_INVOICE, PROCESSING, type GuideStep } from './guides';
import { MovingFromChorusPro } from './MovingFromChorusPro';
import { SollicitationsHelp } from './SollicitationsHelp';
import { WebhooksHelp } from './WebhooksHelp';
import { REFUSAL_ORDER, REFUSALS } from './refusals';
import { STATUS_ORDER, STATUSES, type Bilingual } from './statuses';
import { SupportContact } from './SupportContact';
import { helpMessages, TOPICS, type Topic } from './topics';

const messages = helpMessages;

function isTopic(value: string | undefined): value is Topic {
  return (TOPICS as readonly string[]).includes(value ?? '');
}

function usePick() {
  const { lang } = useLang();
  return (text: Bilingual) => text[lang];
}

export default function Help() {
  const t = useT(messages);
  const { topic } = useParams();
  const { hash } = useLocation();

  // Lazy pages render after the browser looked for the #anchor: go there ourselves, and move
  // the focus so keyboard and screen reader users start reading at the linked entry. After a
  // tick: the layout moves the focus to the h1 on navigation, in an effect that runs after ours.
  useEffect(() => {
    if (!hash) return;
    const timer = setTimeout(() => {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (!target) return;
      target.scrollIntoView();
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [hash, topic]);

  if (topic === undefined) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <p className={fr.cx('fr-text--lead')}>{t('intro')}</p>
        <TopicCards />
        <SupportContact />
      </>
    );
  }
  if (!isTopic(topic)) {
    return (
      <>
        <Breadcrumb
          homeLinkProps={{ to: '/' }}
          segments={[{ label: t('title'), linkProps: { to: '/aide' } }]}
          currentPageLabel={t('unknownTitle')}
        />
        <PageTitle>{t('unknownTitle')}</PageTitle>
        <p>{t('unknown')}</p>
        <TopicCards />
        <SupportContact />
      </>
    );
  }
  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: '/' }}
        segments={[{ label: t('title'), linkProps: { to: '/aide' } }]}
        currentPageLabel={t(topic)}
      />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <SideMenu
            title={t('menu')}
            burgerMenuButtonText={t('menu')}
            items={TOPICS.map((slug) => ({
              text: t(slug),
              linkProps: { to: `/aide/${slug}` },
              isActive: slug === topic,
            }))}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-9')}>
          <PageTitle>{t(topic)}</PageTitle>
          {topic === 'premiere-facture' && <Guide steps={FIRST_INVOICE} />}
          {topic === 'traiter-factures' && <Guide steps={PROCESSING} />}
          {topic === 'compte' && <Guide steps={ACCOUNT_GUIDE} />}
          {topic === 'statuts' && <Statuses />}
          {topic === 'codes-refus' && <Refusals />}
          {topic === 'erreurs' && <Errors />}
          {topic === 'chorus-pro' && <MovingFromChorusPro />}
          {topic === 'sollicitations' && <SollicitationsHelp />}
          {topic === 'webhooks' && <WebhooksHelp />}
          <SupportContact />
        </div>
      </div>
    </>
  );
}

function TopicCards() {
  const t = useT(messages);
  return (
    <>
      <h2 className={fr.cx('fr-sr-only')}>{t('topics')}</h2>
      <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
        {TOPICS.map((slug) => (
          <li key={slug} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
            <Card
              title={t(slug)}
              titleAs="h3"
              desc={t(`${slug}_desc`)}
              linkProps={{ to: `/aide/${slug}` }}
              enlargeLink
              size="small"
            />
          </li>
        ))}
      </ul>
    </>
  );
}

function Guide({ steps }: { steps: GuideStep[] }) {
  const t = useT(messages);
  const pick = usePick();
  return (
    <ol className={fr.cx('fr-raw-list')}>
      {steps.map((step, i) => (
        <li key={step.id} id={step.id} className={fr.cx('fr-mb-5w')}>
          <h2 className={fr.cx('fr-h4')}>
            <span className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ display: 'block' }}>
              {t('step', { n: i + 1 })}
            </span>
            {pick(step.title)}
          </h2>
          {step.text.map((p, k) => (
            <p key={k}>{pick(p)}</p>
          ))}
          {step.links && (
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
              {step.links.map((l) => (
                <li key={l.to}>
                  <Link to={l.to} className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm')}>
                    {pick(l.label)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function Summary({ entries }: { entries: { id: string; label: string }[] }) {
  const t = useT(messages);
  return (
    <nav className={fr.cx('fr-summary', 'fr-mb-4w')} aria-labelledby="sommaire">
      <h2 className={fr.cx('fr-summary__title')} id="sommaire">
        {t('summary')}
      </h2>
      <ol>
        {entries.map((e) => (
          <li key={e.id}>
            <a className={fr.cx('fr-summary__link')} href={`#${e.id}`}>
              {e.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Statuses() {
  const t = useT(messages);
  const label = useT(statusMessages);
  const pick = usePick();
  return (
    <>
      <p>{t('statusIntro')}</p>
      <Summary entries={STATUS_ORDER.map((s) => ({ id: s, label: label(s) }))} />
      {STATUS_ORDER.map((s) => {
        const h = STATUSES[s];
        return (
          <section key={s} id={s} aria-labelledby={`${s}-title`} className={fr.cx('fr-mb-5w')}>
            <h2 id={`${s}-title`} className={fr.cx('fr-h4', 'fr-mb-1w')}>
              {label(s)}
            </h2>
            <ul className={fr.cx('fr-badges-group', 'fr-mb-1w')}>
              <li>
                <StatusBadge status={s} />
              </li>
              <li>
                <Badge small noIcon>
                  {h.code === null ? t('noCode') : t('statusCode', { code: h.code })}
                </Badge>
              </li>
              {h.final && (
                <li>
                  <Badge small noIcon>
                    {t('final')}
                  </Badge>
                </li>
              )}
              <li>
                <code className={fr.cx('fr-text--xs')}>{s}</code>
              </li>
            </ul>
            <p>{pick(h.meaning)}</p>
            <dl>
              <dt className={fr.cx('fr-text--bold')}>{t('forSupplier')}</dt>
              <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>{pick(h.supplier)}</dd>
              <dt className={fr.cx('fr-text--bold')}>{t('forRecipient')}</dt>
              <dd className={fr.cx('fr-ml-0')}>{pick(h.recipient)}</dd>
            </dl>
          </section>
        );
      })}
    </>
  );
}

function Refusals() {
  const t = useT(messages);
  const pick = usePick();
  return (
    <>
      <p>{t('refusalIntro')}</p>
      <p>{t('refusalFlows')}</p>
      <Summary
        entries={REFUSAL_ORDER.map((c) => ({ id: c, label: `${pick(REFUSALS[c].title)} (${c})` }))}
      />
      {REFUSAL_ORDER.map((c) => {
        const h = REFUSALS[c];
        return (
          <section key={c} id={c} aria-labelledby={`${c}-title`} className={fr.cx('fr-mb-5w')}>
            <h2 id={`${c}-title`} className={fr.cx('fr-h4', 'fr-mb-1w')}>
              {pick(h.title)}
            </h2>
            <p className={fr.cx('fr-mb-1w')}>
              <code>{c}</code>
            </p>
            <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{t('whatItMeans')}</h3>
            <p>{pick(h.meaning)}</p>
            <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{t('howToFix')}</h3>
            <p>{pick(h.fix)}</p>
          </section>
        );
      })}
    </>
  );
}

function Errors() {
  const t = useT(messages);
  const pick = usePick();
  return (
    <>
      <p>{t('errorIntro')}</p>
      <p>
        {t('seeAlso')}{' '}
        <Link to="/aide/codes-refus" className={fr.cx('fr-link')}>
          {t('codes-refus')}
        </Link>
      </p>
      {ERROR_ORDER.map((c) => {
        const h = ERRORS[c];
        return (
          <section key={c} id={c} aria-labelledby={`${c}-title`} className={fr.cx('fr-mb-4w')}>
            <h2 id={`${c}-title`} className={fr.cx('fr-h5', 'fr-mb-1w')}>
              <code>{c}</code>
            </h2>
            <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
              {t('httpStatus', { status: h.status })}
            </p>
            <p className={fr.cx('fr-mb-1w')}>{pick(h.meaning)}</p>
            <p>
              <strong>{t('whatToDo')}</strong> {pick(h.fix)}
            </p>
          </section>
        );
      })}
    </>
  );
}
