import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useT } from '../../app/i18n';
import type { Place } from './form-model';
import { ProblemText } from './field-problems';
import { formMessages } from './messages';
import { placeId } from './problems';

/**
 * The error summary at the top of the form: messages about no field, then every problem with a
 * link to its field. Its container takes the focus after an attempt to send, so it stays in the
 * page (empty) for the focus to land on.
 */
export function ProblemSummary({
  show,
  refused,
  topMessages,
  all,
}: {
  show: boolean;
  /** The server refused the last attempt (as opposed to problems found before sending). */
  refused: boolean;
  topMessages: string[];
  all: { place: Place; message: string }[];
}) {
  const t = useT(formMessages);
  return (
    <div tabIndex={-1} id="form-summary">
      {show && (
        <Alert
          severity="error"
          as="h2"
          title={refused ? t('refusedTitle') : t('problemsTitle')}
          className={fr.cx('fr-mb-3w')}
          description={
            <>
              {topMessages.map((m, i) => (
                <p key={`top-${i}`}>
                  <ProblemText message={m} />
                </p>
              ))}
              {all.length > 0 && (
                <>
                  <p>{t('problemsIntro', { count: all.length })}</p>
                  <ul>
                    {all.map((a, i) => (
                      <li key={i}>
                        <a href={`#${placeId(a.place)}`}>
                          <ProblemText message={a.message} />
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
