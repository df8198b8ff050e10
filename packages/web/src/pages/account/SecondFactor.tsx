import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { api, ApiError, data } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../app/ui';
import { TotpQr } from './TotpQr';
import { TurnOffSecondFactor } from './TurnOffSecondFactor';

const messages = defineMessages({
  fr: {
    title: 'Double authentification',
    on: 'Activée',
    off: 'Désactivée',
    onText:
      'À chaque connexion, après votre mot de passe, Chorale vous demande le code à 6 chiffres de votre application d’authentification. Si vous n’avez plus votre téléphone, utilisez l’un de vos codes de secours.',
    offText:
      'Protégez votre compte avec un second facteur : en plus du mot de passe, un code à 6 chiffres donné par une application d’authentification (FreeOTP, Aegis, Google Authenticator, l’application de votre gestionnaire de mots de passe…).',
    start: 'Activer la double authentification',
    step1: 'Ajouter Chorale à votre application et saisir le code',
    step3: 'Conserver vos codes de secours',
    scan: 'Scannez ce QR code avec votre application d’authentification.',
    qrLabel: 'QR code à scanner avec votre application d’authentification',
    manual: 'Vous ne pouvez pas scanner ? Saisissez cette clé dans l’application :',
    keyLabel: 'Clé secrète',
    openApp: 'Ouvrir dans l’application d’authentification (sur ce téléphone)',
    code: 'Code à 6 chiffres affiché par l’application',
    codeHint: 'Le code change toutes les 30 secondes.',
    confirm: 'Valider et activer',
    cancel: 'Annuler',
    required: 'Ce champ est obligatoire.',
    codeFormat: 'Saisissez les 6 chiffres du code.',
    codeWrong:
      'Ce code n’est pas valide. Vérifiez que l’heure de votre téléphone est juste, attendez le code suivant et réessayez.',
    enabledTitle: 'Double authentification activée',
    recoveryIntro:
      'Voici vos 10 codes de secours. Chacun permet une seule connexion si vous n’avez plus accès à votre application. Ils ne seront plus jamais affichés : téléchargez-les ou notez-les maintenant, et rangez-les en lieu sûr.',
    recoveryList: 'Codes de secours',
    download: 'Télécharger les codes (fichier texte)',
    done: 'J’ai conservé mes codes',
    fileHeader: 'Chorale — codes de secours de {email}. Chaque code ne sert qu’une fois.',
    turnedOff: 'La double authentification est désactivée et vos codes de secours sont effacés.',
  },
  en: {
    title: 'Two-step verification',
    on: 'On',
    off: 'Off',
    onText:
      'At each sign-in, after your password, Chorale asks for the 6-digit code of your authenticator app. If you no longer have your phone, use one of your recovery codes.',
    offText:
      'Protect your account with a second factor: besides the password, a 6-digit code given by an authenticator app (FreeOTP, Aegis, Google Authenticator, your password manager’s app…).',
    start: 'Turn on two-step verification',
    step1: 'Add Chorale to your app and enter the code',
    step3: 'Keep your recovery codes',
    scan: 'Scan this QR code with your authenticator app.',
    qrLabel: 'QR code to scan with your authenticator app',
    manual: 'Cannot scan? Type this key into the app:',
    keyLabel: 'Secret key',
    openApp: 'Open in the authenticator app (on this phone)',
    code: '6-digit code shown by the app',
    codeHint: 'The code changes every 30 seconds.',
    confirm: 'Verify and turn on',
    cancel: 'Cancel',
    required: 'This field is required.',
    codeFormat: 'Enter the 6 digits of the code.',
    codeWrong:
      'This code is not valid. Check that the time on your phone is right, wait for the next code and try again.',
    enabledTitle: 'Two-step verification is on',
    recoveryIntro:
      'Here are your 10 recovery codes. Each one lets you sign in once if you lose access to your app. They will never be shown again: download or write them down now, and keep them somewhere safe.',
    recoveryList: 'Recovery codes',
    download: 'Download the codes (text file)',
    done: 'I have kept my codes',
    fileHeader: 'Chorale — recovery codes of {email}. Each code works once.',
    turnedOff: 'Two-step verification is off and your recovery codes are erased.',
  },
});

/** The secret in groups of four, easier to type by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function SecondFactor() {
  const t = useT(messages);
  const { me, refresh } = useSession();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [turnedOff, setTurnedOff] = useState(false);
  const form = useForm<{ code: string }>({ defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;
  const stepHeading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (enrolment || recovery) stepHeading.current?.focus();
  }, [enrolment, recovery]);

  if (!me) return null;

  const start = async () => {
    setFailure(null);
    setTurnedOff(false);
    setStarting(true);
    try {
      setEnrolment(data(await api.POST('/api/v1/me/second-factor')));
    } catch (error) {
      setFailure(error);
    } finally {
      setStarting(false);
    }
  };

  const confirm = form.handleSubmit(async ({ code }) => {
    setFailure(null);
    try {
      const result = data(
        await api.POST('/api/v1/me/second-factor/confirm', {
          body: { code: code.replace(/\s+/g, '') },
        }),
      );
      setEnrolment(null);
      setRecovery(result.recoveryCodes);
      form.reset({ code: '' });
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        form.setError('code', { message: t('codeWrong') });
      } else {
        setFailure(error);
      }
    }
  });

  const download = (codes: string[]) => {
    const text = [t('fileHeader', { email: me.email }), '', ...codes, ''].join('\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'chorale-codes-de-secours.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const { ref: codeRef, ...codeField } = form.register('code', {
    required: t('required'),
    validate: (v) => /^\d{6}$/.test(v.replace(/\s+/g, '')) || t('codeFormat'),
  });

  return (
    <section aria-labelledby="securite" className={fr.cx('fr-mb-6w')}>
      <h2 id="securite">
        {t('title')}{' '}
        <Badge severity={me.secondFactorEnabled ? 'success' : 'warning'} small>
          {me.secondFactorEnabled ? t('on') : t('off')}
        </Badge>
      </h2>
      {failure ? <ErrorMessage error={failure} /> : null}
      {recovery ? (
        <div ref={stepHeading} tabIndex={-1}>
          <Stepper currentStep={2} stepCount={2} title={t('step3')} />
          <Alert
            severity="success"
            title={t('enabledTitle')}
            description={t('recoveryIntro')}
            className={fr.cx('fr-mb-3w')}
          />
          <h3 className={fr.cx('fr-h6')}>{t('recoveryList')}</h3>
          <ol
            data-testid="recovery-codes"
            className={fr.cx('fr-mb-3w')}
            style={{ fontFamily: 'monospace', fontSize: '1.125rem', columns: '12rem 2' }}
          >
            {recovery.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <ul
            className={fr.cx(
              'fr-btns-group',
              'fr-btns-group--inline-md',
              'fr-btns-group--icon-left',
            )}
          >
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-download-line"
                onClick={() => download(recovery)}
              >
                {t('download')}
              </Button>
            </li>
            <li>
              <Button onClick={() => setRecovery(null)}>{t('done')}</Button>
            </li>
          </ul>
        </div>
      ) : me.secondFactorEnabled ? (
        <>
          <p>{t('onText')}</p>
          <TurnOffSecondFactor
            onDone={async () => {
              setTurnedOff(true);
              await refresh();
            }}
          />
        </>
      ) : enrolment ? (
        <div ref={stepHeading} tabIndex={-1}>
          <Stepper currentStep={1} stepCount={2} title={t('step1')} nextTitle={t('step3')} />
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <p>{t('scan')}</p>
              <TotpQr uri={enrolment.otpauthUri} label={t('qrLabel')} />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
              <p>{t('manual')}</p>
              <p>
                <span className={fr.cx('fr-sr-only')}>{t('keyLabel')} : </span>
                <code
                  data-testid="totp-secret"
                  data-secret={enrolment.secret}
                  style={{ fontSize: '1.25rem', wordBreak: 'break-all' }}
                >
                  {grouped(enrolment.secret)}
                </code>
              </p>
              <p>
                <a href={enrolment.otpauthUri} className={fr.cx('fr-link')}>
                  {t('openApp')}
                </a>
              </p>
            </div>
          </div>
          <form onSubmit={(e) => void confirm(e)} noValidate className={fr.cx('fr-mt-3w')}>
            <Input
              label={t('code')}
              hintText={t('codeHint')}
              style={{ maxWidth: '20rem' }}
              state={errors.code ? 'error' : 'default'}
              stateRelatedMessage={errors.code?.message}
              nativeInputProps={{
                ...codeField,
                ref: codeRef,
                autoComplete: 'one-time-code',
                inputMode: 'numeric',
              }}
            />
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              <li>
                <Button type="submit" disabled={isSubmitting}>
                  {t('confirm')}
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  onClick={() => {
                    setEnrolment(null);
                    form.reset({ code: '' });
                  }}
                >
                  {t('cancel')}
                </Button>
              </li>
            </ul>
          </form>
        </div>
      ) : (
        <>
          {turnedOff ? (
            <Alert
              severity="info"
              small
              description={t('turnedOff')}
              className={fr.cx('fr-mb-2w')}
            />
          ) : null}
          <p>{t('offText')}</p>
          <Button onClick={() => void start()} disabled={starting} iconId="fr-icon-lock-line">
            {t('start')}
          </Button>
        </>
      )}
    </section>
  );
}
