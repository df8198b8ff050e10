import { useEffect, useRef, useState, type ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';

/**
 * A secret the server gives once (an API client's secret, a technical account's password, a
 * webhook's signing secret): a warning that takes the focus when it appears, so a screen reader
 * says it, an optional copy button whose outcome is announced, and a button to hide it. Render
 * it with the secret as `key`: a new secret is a new block, focused again, "copied" cleared.
 */
export function ShownOnce(props: {
  title: string;
  description: NonNullable<ReactNode>;
  copy?: { text: string; label: string; done: string };
  hideLabel: string;
  onHide: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => ref.current?.focus(), []);
  const { copy } = props;
  const hide = (
    <Button priority="tertiary" onClick={props.onHide}>
      {props.hideLabel}
    </Button>
  );
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert severity="warning" as="h2" title={props.title} description={props.description} />
      {copy ? (
        <>
          <ul
            className={fr.cx(
              'fr-btns-group',
              'fr-btns-group--inline-md',
              'fr-btns-group--icon-left',
              'fr-mt-2w',
            )}
          >
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-clipboard-line"
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(copy.text)
                    .then(() => setCopied(true))
                    .catch(() => undefined)
                }
              >
                {copy.label}
              </Button>
            </li>
            <li>{hide}</li>
          </ul>
          <p role="status" className={fr.cx('fr-text--sm')}>
            {copied ? copy.done : ''}
          </p>
        </>
      ) : (
        <div className={fr.cx('fr-mt-2w')}>{hide}</div>
      )}
    </div>
  );
}
