import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useForm } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { api, ApiError, data, setCsrfToken } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { PageTitle, useErrorText } from '../../app/ui';
import { NewPasswordFields } from './NewPasswordFields';

const messages = defineMessages({
  fr: {
    title: 'Créer un compte',
    intro:
      'Un compte Chorale est personnel. Une fois créé, vous demanderez à rejoindre votre entreprise ou votre structure publique ; son gestionnaire vous donnera vos droits.',
    name: 'Prénom et nom',
    email: 'Adresse e-mail professionnelle',
    emailHint: 'Format attendu : nom@domaine.fr. Elle sert à vous connecter et à vous prévenir.',
    password: 'Mot de passe',
    passwordConfirm: 'Confirmer le mot de passe',
    submit: 'Créer mon compte',
    haveAccount: 'Vous avez déjà un compte ?',
    signIn: 'Se connecter',
    required: 'Ce champ est obligatoire.',
    emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.',
    failedTitle: 'Le compte n’a pas été créé',
    exists:
      'Un compte utilise déjà cette adresse e-mail. Connectez-vous, ou choisissez un nouveau mot de passe si vous l’avez oublié.',
    tooMany: 'Trop de tentatives en peu de temps. Attendez une minute puis réessayez.',
  },
  en: {
    title: 'Create an account',
    intro:
      'A Chorale account is personal. Once it exists, you ask to join your company or public body; its manager gives you your rights.',
    name: 'First and last name',
    email: 'Work e-mail address',
    emailHint: 'Expected format: name@domain.com. You sign in with it and get notices there.',
    password: 'Password',
    passwordConfirm: 'Confirm the password',
    submit: 'Create my account',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    required: 'This field is required.',
    emailInvalid: 'Enter a valid e-mail address, for example name@domain.com.',
    failedTitle: 'The account was not created',
    exists:
      'An account already uses this e-mail address. Sign in, or choose a new password if you forgot it.',
    tooMany: 'Too many attempts in a short time. Wait a minute and try again.',
  },
});

interface SignUpForm {
  name: string;
  email: string;
  password: string;
  confirm: string;
}

export default function SignUp() {
  const t = useT(messages);
  const errorText = useErrorText();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<SignUpForm>({
    defaultValues: { name: '', email: '', password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const onSubmit = form.handleSubmit(async ({ name, email, password }) => {
    setFailure(null);
    try {
      await api.POST('/api/v1/auth/signup', { body: { name, email, password } });
      // A fresh account has no second factor: signing in right away saves a step.
      const session = data(await api.POST('/api/v1/auth/login', { body: { email, password } }));
      setCsrfToken(session.csrfToken);
      await refresh();
      void navigate('/compte?bienvenue=1#rejoindre', { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_EXISTS') setFailure(t('exists'));
      else if (error instanceof ApiError && error.status === 429) setFailure(t('tooMany'));
      else setFailure(errorText(error));
    }
  });

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <PageTitle>{t('title')}</PageTitle>
        <p>{t('intro')}</p>
        {failure && (
          <div ref={alertRef} tabIndex={-1}>
            <Alert
              severity="error"
              as="h2"
              title={t('failedTitle')}
              description={failure}
              className={fr.cx('fr-mb-3w')}
            />
          </div>
        )}
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Input
            label={t('name')}
            state={errors.name ? 'error' : 'default'}
            stateRelatedMessage={errors.name?.message}
            nativeInputProps={{
              autoComplete: 'name',
              ...form.register('name', {
                required: t('required'),
                validate: (v) => v.trim().length > 0 || t('required'),
              }),
            }}
          />
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
          <NewPasswordFields
            form={form}
            passwordLabel={t('password')}
            confirmLabel={t('passwordConfirm')}
          />
          <Button type="submit" disabled={isSubmitting} className={fr.cx('fr-mt-2w')}>
            {t('submit')}
          </Button>
        </form>
        <hr className={fr.cx('fr-mt-4w')} />
        <p>
          {t('haveAccount')}{' '}
          <Link to="/connexion" className={fr.cx('fr-link')}>
            {t('signIn')}
          </Link>
        </p>
      </div>
    </div>
  );
}
