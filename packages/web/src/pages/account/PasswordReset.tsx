import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { api, ApiError } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { ErrorMessage, PageTitle } from '../../app/ui';

const messages = defineMessages({
  fr: {
    title: 'Mot de passe oublié',
    intro:
      'Saisissez l’adresse e-mail de votre compte. Vous recevrez un lien pour choisir un nouveau mot de passe ; il reste valable une heure et ne sert qu’une fois.',
    email: 'Adresse e-mail',
    emailHint: 'Format attendu : nom@domaine.fr',
    submit: 'Recevoir le lien',
    required: 'Ce champ est obligatoire.',
    emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.',
    sentTitle: 'Demande enregistrée',
    sent: 'Si un compte existe pour {email}, un e-mail vient de lui être envoyé. Ouvrez le lien qu’il contient dans l’heure. Pensez à regarder dans les courriers indésirables.',
    tooMany: 'Trop de demandes en peu de temps. Attendez une minute puis réessayez.',
    back: 'Retour à la connexion',
  },
  en: {
    title: 'Forgot your password',
    intro:
      'Enter the e-mail address of your account. You will get a link to choose a new password; it works for one hour, once.',
    email: 'E-mail address',
    emailHint: 'Expected format: name@domain.com',
    submit: 'Send me the link',
    required: 'This field is required.',
    emailInvalid: 'Enter a valid e-mail address, for example name@domain.com.',
    sentTitle: 'Request received',
    sent: 'If an account exists for {email}, an e-mail has just been sent to it. Open its link within the hour. Check your spam folder too.',
    tooMany: 'Too many requests in a short time. Wait a minute and try again.',
    back: 'Back to sign-in',
  },
});

export default function PasswordReset() {
  const t = useT(messages);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<{ email: string }>({ defaultValues: { email: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFailure(null);
    try {
      await api.POST('/api/v1/auth/password-reset', { body: { email } });
      setSentTo(email);
    } catch (error) {
      setFailure(error);
    }
  });

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <PageTitle>{t('title')}</PageTitle>
        {sentTo ? (
          <Alert
            severity="success"
            as="h2"
            title={t('sentTitle')}
            description={t('sent', { email: sentTo })}
            className={fr.cx('fr-mb-3w')}
          />
        ) : (
          <>
            <p>{t('intro')}</p>
            {failure instanceof ApiError && failure.status === 429 ? (
              <Alert
                severity="error"
                small
                description={t('tooMany')}
                className={fr.cx('fr-mb-2w')}
              />
            ) : failure ? (
              <ErrorMessage error={failure} />
            ) : null}
            <form onSubmit={(e) => void onSubmit(e)} noValidate>
              <Input
                label={t('email')}
                hintText={t('emailHint')}
                state={errors.email ? 'error' : 'default'}
                stateRelatedMessage={errors.email?.message}
                nativeInputProps={{
                  type: 'email',
                  autoComplete: 'email',
                  spellCheck: false,
                  ...form.register('email', {
                    required: t('required'),
                    pattern: { value: /^[^\s@]+@[^\s@]+$/, message: t('emailInvalid') },
                  }),
                }}
              />
              <Button type="submit" disabled={isSubmitting}>
                {t('submit')}
              </Button>
            </form>
          </>
        )}
        <p className={fr.cx('fr-mt-3w')}>
          <Link
            to="/connexion"
            className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
          >
            {t('back')}
          </Link>
        </p>
      </div>
    </div>
  );
}
