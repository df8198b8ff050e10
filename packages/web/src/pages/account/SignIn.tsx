import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { api, ApiError, data, setCsrfToken } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { storedStructureId, useSession, type Me } from '../../app/session';
import { PageTitle, useErrorText } from '../../app/ui';
import { homeOf, safeNext } from './access';
import { asMessages } from './NewPasswordFields';

const messages = defineMessages({
  fr: {
    title: 'Connexion',
    secondTitle: 'Vérification en deux étapes',
    intro: 'Connectez-vous avec l’adresse e-mail et le mot de passe de votre compte Chorale.',
    email: 'Adresse e-mail',
    emailHint: 'Format attendu : nom@domaine.fr',
    password: 'Mot de passe',
    submit: 'Se connecter',
    forgot: 'Mot de passe oublié ?',
    noAccount: 'Pas encore de compte ?',
    signUp: 'Créer un compte',
    required: 'Ce champ est obligatoire.',
    emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.',
    failedTitle: 'Connexion impossible',
    wrong: 'Adresse e-mail ou mot de passe incorrect. Vérifiez-les puis réessayez.',
    locked:
      'Trop d’essais infructueux : le compte est verrouillé pendant une heure. Vous pouvez choisir un nouveau mot de passe pour le débloquer tout de suite.',
    tooMany: 'Trop de tentatives en peu de temps. Attendez une minute puis réessayez.',
    totpIntro:
      'Votre compte est protégé par un second facteur. Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
    recoveryIntro:
      'Saisissez l’un des codes de secours obtenus lors de l’activation du second facteur. Chaque code ne sert qu’une fois.',
    totpCode: 'Code à 6 chiffres',
    totpHint: 'Le code change toutes les 30 secondes.',
    recoveryCode: 'Code de secours',
    recoveryHint: '10 lettres et chiffres, par exemple K7Q2M9XA4B',
    verify: 'Valider',
    useRecovery: 'Utiliser un code de secours',
    useTotp: 'Utiliser mon application d’authentification',
    restart: 'Recommencer la connexion',
    codeWrong:
      'Ce code n’est pas valide. Vérifiez l’heure de votre téléphone, attendez le code suivant et réessayez.',
    codeUsed:
      'Ce code a déjà servi à vous connecter. Attendez que votre application affiche le suivant (30 secondes au plus), puis saisissez-le.',
    pendingExpired:
      'La première étape de connexion a expiré (10 minutes). Saisissez de nouveau votre mot de passe.',
    codeFormat: 'Saisissez les 6 chiffres du code.',
    recoveryFormat: 'Un code de secours compte 10 lettres ou chiffres.',
  },
  en: {
    title: 'Sign in',
    secondTitle: 'Two-step verification',
    intro: 'Sign in with the e-mail address and password of your Chorale account.',
    email: 'E-mail address',
    emailHint: 'Expected format: name@domain.com',
    password: 'Password',
    submit: 'Sign in',
    forgot: 'Forgot your password?',
    noAccount: 'No account yet?',
    signUp: 'Create an account',
    required: 'This field is required.',
    emailInvalid: 'Enter a valid e-mail address, for example name@domain.com.',
    failedTitle: 'Could not sign in',
    wrong: 'Wrong e-mail address or password. Check them and try again.',
    locked:
      'Too many failed attempts: the account is locked for one hour. You can choose a new password to unlock it at once.',
    tooMany: 'Too many attempts in a short time. Wait a minute and try again.',
    totpIntro:
      'Your account is protected by a second factor. Enter the 6-digit code shown by your authenticator app.',
    recoveryIntro:
      'Enter one of the recovery codes you got when you turned on the second factor. Each code works once.',
    totpCode: '6-digit code',
    totpHint: 'The code changes every 30 seconds.',
    recoveryCode: 'Recovery code',
    recoveryHint: '10 letters and digits, for example K7Q2M9XA4B',
    verify: 'Verify',
    useRecovery: 'Use a recovery code',
    useTotp: 'Use my authenticator app',
    restart: 'Start signing in again',
    codeWrong:
      'This code is not valid. Check the time on your phone, wait for the next code and try again.',
    codeUsed:
      'This code was already used to sign in. Wait for your app to show the next one (30 seconds at most), then enter it.',
    pendingExpired: 'The first sign-in step expired (10 minutes). Enter your password again.',
    codeFormat: 'Enter the 6 digits of the code.',
    recoveryFormat: 'A recovery code has 10 letters or digits.',
  },
});

interface PasswordForm {
  email: string;
  password: string;
}
interface CodeForm {
  code: string;
}

export default function SignIn() {
  const t = useT(messages);
  const errorText = useErrorText();
  const { me, refresh } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [step, setStep] = useState<'password' | 'second-factor'>('password');
  const [useRecovery, setUseRecovery] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement | null>(null);
  // Set while this page signs someone in, so the "already signed in" redirect does not race
  // with the navigation to `next`.
  const [signingIn, setSigningIn] = useState(false);

  const passwordForm = useForm<PasswordForm>({ defaultValues: { email: '', password: '' } });
  const codeForm = useForm<CodeForm>({ defaultValues: { code: '' } });

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);
  useEffect(() => {
    if (step === 'second-factor') codeRef.current?.focus();
  }, [step, useRecovery]);

  const explain = (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.code === 'INVALID_CREDENTIALS')
        return step === 'password' ? t('wrong') : t('codeWrong');
      if (error.code === 'CODE_ALREADY_USED') return t('codeUsed');
      if (error.code === 'ACCOUNT_LOCKED') return t('locked');
      if (error.status === 429) return t('tooMany');
      if (error.code === 'VALIDATION_FAILED' && step === 'password') return t('emailInvalid');
    }
    return errorText(error);
  };

  const finish = async () => {
    setSigningIn(true);
    await refresh();
    const fresh = queryClient.getQueryData<Me | null>(['me']);
    void navigate(next ?? homeOf(fresh, storedStructureId()), {
      replace: true,
    });
  };

  if (me && !signingIn) {
    return <Navigate to={next ?? homeOf(me, storedStructureId())} replace />;
  }

  const onPassword = passwordForm.handleSubmit(async (values) => {
    setFailure(null);
    setBusy(true);
    try {
      const result = data(await api.POST('/api/v1/auth/login', { body: values }));
      setCsrfToken(result.csrfToken);
      if (result.status === 'SECOND_FACTOR_REQUIRED') {
        setStep('second-factor');
      } else {
        await finish();
      }
    } catch (error) {
      setFailure(explain(error));
    } finally {
      setBusy(false);
    }
  });

  const onCode = codeForm.handleSubmit(async (values) => {
    setFailure(null);
    setBusy(true);
    try {
      const result = data(
        await api.POST('/api/v1/auth/login/second-factor', {
          body: { code: values.code.replace(/\s+/g, '') },
        }),
      );
      setCsrfToken(result.csrfToken);
      await finish();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        setStep('password');
        passwordForm.setValue('password', '');
        setFailure(t('pendingExpired'));
      } else {
        setFailure(explain(error));
      }
      codeForm.setValue('code', '');
    } finally {
      setBusy(false);
    }
  });

  const failureAlert = failure && (
    <div ref={alertRef} tabIndex={-1}>
      <Alert
        severity="error"
        as="h2"
        title={t('failedTitle')}
        description={failure}
        className={fr.cx('fr-mb-3w')}
      />
    </div>
  );

  const emailError = passwordForm.formState.errors.email;
  const passwordError = passwordForm.formState.errors.password;
  const codeError = codeForm.formState.errors.code;
  const { ref: codeFieldRef, ...codeField } = codeForm.register('code', {
    required: t('required'),
    validate: (value) => {
      const v = value.replace(/\s+/g, '');
      if (useRecovery) return /^[A-Za-z0-9]{10}$/.test(v) || t('recoveryFormat');
      return /^\d{6}$/.test(v) || t('codeFormat');
    },
  });

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        {step === 'password' ? (
          <>
            <PageTitle>{t('title')}</PageTitle>
            <p>{t('intro')}</p>
            {failureAlert}
            <form onSubmit={(e) => void onPassword(e)} noValidate>
              <Input
                label={t('email')}
                hintText={t('emailHint')}
                state={emailError ? 'error' : 'default'}
                stateRelatedMessage={emailError?.message}
                nativeInputProps={{
                  type: 'email',
                  autoComplete: 'username',
                  spellCheck: false,
                  ...passwordForm.register('email', {
                    required: t('required'),
                    pattern: { value: /^[^\s@]+@[^\s@]+$/, message: t('emailInvalid') },
                  }),
                }}
              />
              <PasswordInput
                label={t('password')}
                messagesHint=""
                messages={asMessages(passwordError?.message)}
                nativeInputProps={{
                  autoComplete: 'current-password',
                  ...passwordForm.register('password', { required: t('required') }),
                }}
              />
              <p className={fr.cx('fr-mt-1w')}>
                <Link to="/mot-de-passe-oublie" className={fr.cx('fr-link')}>
                  {t('forgot')}
                </Link>
              </p>
              <Button type="submit" disabled={busy}>
                {t('submit')}
              </Button>
            </form>
            <hr className={fr.cx('fr-mt-4w')} />
            <p>
              {t('noAccount')}{' '}
              <Link to="/inscription" className={fr.cx('fr-link')}>
                {t('signUp')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <PageTitle>{t('secondTitle')}</PageTitle>
            <p>{useRecovery ? t('recoveryIntro') : t('totpIntro')}</p>
            {failureAlert}
            <form onSubmit={(e) => void onCode(e)} noValidate>
              <Input
                key={useRecovery ? 'recovery' : 'totp'}
                style={{ maxWidth: '20rem' }}
                label={useRecovery ? t('recoveryCode') : t('totpCode')}
                hintText={useRecovery ? t('recoveryHint') : t('totpHint')}
                state={codeError ? 'error' : 'default'}
                stateRelatedMessage={codeError?.message}
                nativeInputProps={{
                  ...codeField,
                  ref: (el) => {
                    codeFieldRef(el);
                    codeRef.current = el;
                  },
                  autoComplete: 'one-time-code',
                  inputMode: useRecovery ? 'text' : 'numeric',
                  spellCheck: false,
                  autoCapitalize: useRecovery ? 'characters' : 'off',
                }}
              />
              <Button type="submit" disabled={busy}>
                {t('verify')}
              </Button>
            </form>
            <ul className={fr.cx('fr-mt-3w')}>
              <li>
                <button
                  type="button"
                  className={fr.cx('fr-link')}
                  onClick={() => {
                    setUseRecovery(!useRecovery);
                    codeForm.reset({ code: '' });
                    setFailure(null);
                  }}
                >
                  {useRecovery ? t('useTotp') : t('useRecovery')}
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className={fr.cx('fr-link')}
                  onClick={() => {
                    setStep('password');
                    setUseRecovery(false);
                    setFailure(null);
                    passwordForm.setValue('password', '');
                  }}
                >
                  {t('restart')}
                </button>
              </li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
