import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { defineMessages, useLang, useT } from '../../app/i18n';
import { PageTitle } from '../../app/ui';
import { statusMessages, StatusBadge } from '../../app/statuses';
import { ERROR_ORDER, ERRORS } from './errors';
import { ACCOUNT_GUIDE, FIRST_INVOICE, PROCESSING, type GuideStep } from './guides';
import { MovingFromChorusPro } from './MovingFromChorusPro';
import { SollicitationsHelp } from './SollicitationsHelp';
import { WebhooksHelp } from './WebhooksHelp';
import { REFUSAL_ORDER, REFUSALS } from './refusals';
import { STATUS_ORDER, STATUSES, type Bilingual } from './statuses';

const messages = defineMessages({
  fr: {
    title: 'Aide',
    intro:
      'Des réponses simples pour envoyer, recevoir et suivre des factures électroniques avec Chorale.',
    home: 'Accueil',
    topics: 'Rubriques de l’aide',
    menu: 'Rubriques',
    'premiere-facture': 'Envoyer sa première facture',
    'premiere-facture_desc': 'Pas à pas, du compte au paiement.',
    statuts: 'Les statuts d’une facture',
    statuts_desc: 'Ce que veut dire chacun des 12 statuts et ce qu’il reste à faire.',
    'codes-refus': 'Les codes de refus au dépôt',
    'codes-refus_desc': 'Pourquoi un dépôt est refusé et comment corriger.',
    'traiter-factures': 'Traiter les factures reçues',
    'traiter-factures_desc': 'Pour les structures publiques : décider, mandater, payer.',
    compte: 'Compte, sécurité et droits',
    compte_desc: 'Connexion, double authentification, structures, rôles, clients API.',
    erreurs: 'Les messages d’erreur',
    erreurs_desc: 'Les codes d’erreur affichés par le portail et l’API.',
    'chorus-pro': 'Venir de Chorus Pro',
    'chorus-pro_desc': 'Brancher un logiciel qui parle déjà l’API de Chorus Pro.',
    sollicitations: 'Poser une question (sollicitations)',
    sollicitations_desc: 'Interroger le service destinataire ou le support, suivre la réponse.',
    webhooks: 'Webhooks : être prévenu sans interroger',
    webhooks_desc: 'Ce que Chorale envoie à votre logiciel et comment vérifier la signature.',
    unknownTitle: 'Rubrique introuvable',
    unknown: 'Cette rubrique de l’aide n’existe pas. Choisissez l’une des rubriques ci-dessous.',
    step: 'Étape {n}',
    statusIntro:
      'Une facture passe par plusieurs statuts, du dépôt au paiement. Le code entre parenthèses est celui du cycle de vie de la réforme de 2026 (norme AFNOR XP Z12-012), quand le statut en a un.',
    statusCode: 'Code {code}',
    noCode: 'Sans code propre',
    final: 'Statut définitif',
    meaning: 'Ce que cela veut dire',
    forSupplier: 'Pour le fournisseur',
    forRecipient: 'Pour la structure publique',
    summary: 'Sommaire',
    refusalIntro:
      'Au dépôt, Chorale vérifie la facture avant de l’envoyer. Si quelque chose empêche de l’acheminer, le dépôt est refusé avec l’un des codes ci-dessous, et rien n’est transmis au destinataire : corrigez puis déposez de nouveau.',
    refusalFlows:
      'Dans un flux, les codes FLOW_… refusent le flux entier et les codes ENTRY_… une seule entrée de l’archive : les autres factures sont intégrées. Ne déposez de nouveau que les factures refusées, sinon celles déjà intégrées seront refusées comme doublons. Une archive bien faite est un .zip (méthode deflate ou stockée) ou un .tar.gz d’au plus 1 Go et 10 000 entrées, avec une facture par entrée (XML UBL ou CII, ou PDF Factur-X, 10 Mo au plus), des noms simples sans « .. », ni lien, ni mot de passe, ni archive à l’intérieur.',
    whatItMeans: 'Ce qui se passe',
    howToFix: 'Comment corriger',
    errorIntro:
      'Quand une action échoue, le portail l’explique et donne un code (par exemple « Code : CONFLICT ») ; l’API renvoie le même code dans sa réponse. Voici ce que chacun veut dire.',
    httpStatus: 'Statut HTTP {status}',
    whatToDo: 'Que faire :',
    seeAlso: 'Voir aussi :',
  },
  en: {
    title: 'Help',
    intro: 'Plain answers to send, receive and follow electronic invoices with Chorale.',
    home: 'Home',
    topics: 'Help topics',
    menu: 'Topics',
    'premiere-facture': 'Send your first invoice',
    'premiere-facture_desc': 'Step by step, from the account to the payment.',
    statuts: 'Invoice statuses',
    statuts_desc: 'What each of the 12 statuses means and what is left to do.',
    'codes-refus': 'Deposit refusal codes',
    'codes-refus_desc': 'Why a deposit is refused and how to fix it.',
    'traiter-factures': 'Process received invoices',
    'traiter-factures_desc': 'For public bodies: decide, mandate, pay.',
    compte: 'Account, security and rights',
    compte_desc: 'Sign-in, two-step verification, structures, roles, API clients.',
    erreurs: 'Error messages',
    erreurs_desc: 'The error codes shown by the portal and the API.',
    'chorus-pro': 'Moving from Chorus Pro',
    'chorus-pro_desc': 'Connect software that already speaks the Chorus Pro API.',
    sollicitations: 'Ask a question (requests)',
    sollicitations_desc: 'Ask the addressed service or the support, follow the answer.',
    webhooks: 'Webhooks: being told without polling',
    webhooks_desc: 'What Chorale sends your software and how to check the signature.',
    unknownTitle: 'Topic not found',
    unknown: 'This help topic does not exist. Choose one of the topics below.',
    step: 'Step {n}',
    statusIntro:
      'An invoice goes through several statuses, from deposit to payment. The code in brackets is the one of the 2026 reform’s lifecycle (AFNOR XP Z12-012), when the status has one.',
    statusCode: 'Code {code}',
    noCode: 'No code of its own',
    final: 'Final status',
    meaning: 'What it means',
    forSupplier: 'For the supplier',
    forRecipient: 'For the public body',
    summary: 'Contents',
    refusalIntro:
      'At deposit, Chorale checks the invoice before sending it on. If something prevents routing it, the deposit is refused with one of the codes below, and nothing reaches the recipient: fix it and deposit again.',
    refusalFlows:
      'In a flow, FLOW_… codes refuse the whole flow and ENTRY_… codes one entry of the archive only: the other invoices are integrated. Deposit again only the refused invoices, otherwise those already integrated will be refused as duplicates. A well-made archive is a .zip (deflate or stored method) or a .tar.gz of at most 1 GB and 10,000 entries, with one invoice per entry (UBL or CII XML, or a Factur-X PDF, 10 MB at most), plain names without “..”, no link, no password, no archive inside.',
    whatItMeans: 'What happens',
    howToFix: 'How to fix it',
    errorIntro:
      'When an action fails, the portal explains it and gives a code (for example “Code: CONFLICT”); the API returns the same code in its answer. Here is what each one means.',
    httpStatus: 'HTTP status {status}',
    whatToDo: 'What to do:',
    seeAlso: 'See also:',
  },
});

const TOPICS = [
  'premiere-facture',
  'statuts',
  'codes-refus',
  'traiter-factures',
  'compte',
  'erreurs',
  'chorus-pro',
  'sollicitations',
  'webhooks',
] as const;
type Topic = (typeof TOPICS)[number];

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
