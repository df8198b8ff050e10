import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { api, data } from '../../api/client';
import { defineMessages, useLang, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { ErrorMessage, errorState, Loading, PageTitle, useErrorText } from '../../app/ui';
import { FilesField } from './FilesField';
import { toAttachment, useCategories } from './model';

const messages = defineMessages({
  fr: {
    title: 'Poser une question',
    intro:
      'Votre question est adressée au service qui traite la facture, à une structure publique, ou au support de la plateforme. Vous recevrez la réponse par courriel et dans le portail.',
    about: 'À propos de la facture {number}, adressée à {recipient}.',
    to: 'Destinataire',
    toStructure: 'Une structure publique',
    toStructureHint: 'Son SIRET (14 chiffres), tel que l’annuaire le donne.',
    toPlatform: 'Le support de la plateforme',
    toPlatformHint: 'Pour les questions de compte, d’accès ou techniques.',
    identifier: 'SIRET de la structure destinataire',
    category: 'Catégorie',
    subcategory: 'Précision',
    choose: 'Choisissez',
    subject: 'Objet',
    body: 'Votre message',
    send: 'Envoyer la question',
    sending: 'Envoi…',
    required: 'Ce champ est obligatoire.',
    noRight: 'Poser une question demande le droit « Factures émises » dans la structure active.',
    help: 'Les catégories sont décrites dans l’aide.',
  },
  en: {
    title: 'Ask a question',
    intro:
      'Your question goes to the service handling the invoice, to a public body, or to the platform support. You will get the answer by e-mail and in the portal.',
    about: 'About invoice {number}, sent to {recipient}.',
    to: 'Addressee',
    toStructure: 'A public body',
    toStructureHint: 'Its SIRET (14 digits), as the directory gives it.',
    toPlatform: 'The platform support',
    toPlatformHint: 'For account, access or technical questions.',
    identifier: 'SIRET of the addressed structure',
    category: 'Category',
    subcategory: 'Detail',
    choose: 'Choose',
    subject: 'Subject',
    body: 'Your message',
    send: 'Send the question',
    sending: 'Sending…',
    required: 'This field is required.',
    noRight: 'Asking needs the “Sent invoices” right in the active structure.',
    help: 'The categories are described in the help.',
  },
});

/** /sollicitations/nouvelle (?facture=inv_… from an invoice page). */
export default function NewSollicitation() {
  const t = useT(messages);
  const { current } = useSession();
  const [params] = useSearchParams();
  const invoiceId = params.get('facture');
  const canAsk = current?.rights.some((r) => r.space === 'FACTURES_EMISES') ?? false;
  const invoice = useQuery({
    queryKey: ['invoice', invoiceId],
    enabled: invoiceId !== null,
    queryFn: async () =>
      data(await api.GET('/api/v1/invoices/{id}', { params: { path: { id: invoiceId! } } })),
  });
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      {!current ? (
        <Loading />
      ) : !canAsk ? (
        <Alert severity="info" small description={t('noRight')} />
      ) : invoiceId !== null && invoice.isPending ? (
        <Loading />
      ) : invoiceId !== null && invoice.isError ? (
        <ErrorMessage error={invoice.error} />
      ) : (
        <AskForm
          structure={current.structure.identifier}
          invoice={
            invoice.data
              ? {
                  id: invoice.data.id,
                  number: invoice.data.number,
                  recipient: invoice.data.recipient.name,
                }
              : undefined
          }
        />
      )}
    </>
  );
}

function AskForm({
  structure,
  invoice,
}: {
  structure: string;
  invoice: { id: string; number: string; recipient: string } | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [to, setTo] = useState<'structure' | 'platform'>('structure');
  const [identifier, setIdentifier] = useState('');
  const [category, setCategory] = useState('');
  const [subcategory, setSubcategory] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: async () =>
      data(
        await api.POST('/api/v1/sollicitations', {
          body: {
            structure,
            subject,
            category: category as 'AUTRE',
            subcategory,
            body,
            attachments: await Promise.all(files.map(toAttachment)),
            ...(invoice
              ? { invoiceId: invoice.id }
              : to === 'platform'
                ? { toPlatform: true }
                : { recipientIdentifier: identifier.trim() }),
          },
        }),
      ),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: ['sollicitations'] });
      void navigate(`/sollicitations/${id}`);
    },
  });
  const missing = (value: string) => (tried && !value.trim() ? t('required') : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const needed = [
      category,
      subcategory,
      subject,
      body,
      ...(invoice || to === 'platform' ? [] : [identifier]),
    ];
    if (needed.some((v) => !v.trim())) return;
    send.mutate();
  };
  const chosen = categories.data?.categories.find((c) => c.code === category);
  if (categories.isPending) return <Loading />;
  if (categories.isError) return <ErrorMessage error={categories.error} />;
  return (
    <form onSubmit={submit} noValidate>
      {invoice ? (
        <p className={fr.cx('fr-text--bold')}>
          {t('about', { number: invoice.number, recipient: invoice.recipient })}
        </p>
      ) : (
        <>
          <RadioButtons
            legend={t('to')}
            name="to"
            options={[
              {
                label: t('toStructure'),
                hintText: t('toStructureHint'),
                nativeInputProps: {
                  checked: to === 'structure',
                  onChange: () => setTo('structure'),
                },
              },
              {
                label: t('toPlatform'),
                hintText: t('toPlatformHint'),
                nativeInputProps: { checked: to === 'platform', onChange: () => setTo('platform') },
              },
            ]}
          />
          {to === 'structure' && (
            <Input
              label={t('identifier')}
              nativeInputProps={{
                id: 'soll-identifier',
                value: identifier,
                inputMode: 'numeric',
                autoComplete: 'off',
                onChange: (e) => setIdentifier(e.target.value),
              }}
              {...errorState(missing(identifier))}
            />
          )}
        </>
      )}
      <Select
        label={t('category')}
        hint={<Link to="/aide/sollicitations">{t('help')}</Link>}
        nativeSelectProps={{
          id: 'soll-category',
          value: category,
          onChange: (e) => {
            setCategory(e.target.value);
            setSubcategory('');
          },
        }}
        {...errorState(missing(category))}
      >
        <option value="">{t('choose')}</option>
        {categories.data.categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.label[lang]}
          </option>
        ))}
      </Select>
      <Select
        label={t('subcategory')}
        disabled={!chosen}
        nativeSelectProps={{
          id: 'soll-subcategory',
          value: subcategory,
          onChange: (e) => setSubcategory(e.target.value),
        }}
        {...errorState(chosen ? missing(subcategory) : undefined)}
      >
        <option value="">{t('choose')}</option>
        {chosen?.subcategories.map((s) => (
          <option key={s.code} value={s.code}>
            {s.label[lang]}
          </option>
        ))}
      </Select>
      <Input
        label={t('subject')}
        nativeInputProps={{
          id: 'soll-subject',
          value: subject,
          maxLength: 200,
          onChange: (e) => setSubject(e.target.value),
        }}
        {...errorState(missing(subject))}
      />
      <Input
        label={t('body')}
        textArea
        nativeTextAreaProps={{
          id: 'soll-body',
          value: body,
          rows: 6,
          maxLength: 10000,
          onChange: (e) => setBody(e.target.value),
        }}
        {...errorState(missing(body))}
      />
      <FilesField inputId="soll-files" files={files} setFiles={setFiles} />
      {send.isError && (
        <Alert
          severity="error"
          small
          className={fr.cx('fr-mb-2w')}
          description={errorText(send.error)}
        />
      )}
      <Button type="submit" disabled={send.isPending}>
        {send.isPending ? t('sending') : t('send')}
      </Button>
    </form>
  );
}
