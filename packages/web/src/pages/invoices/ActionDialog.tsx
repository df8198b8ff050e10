import { useEffect, useId, useRef, type ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useT } from '../../app/i18n';
import { actionMessages } from './action-messages';

/**
 * A modal dialog on the native <dialog> element: focus moves in and is trapped, Escape closes
 * it, the page behind is inert, and focus returns to the button that opened it.
 */
export function ActionDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useT(actionMessages);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={fr.cx('fr-p-3w')}
      style={{ width: 'min(40rem, 94vw)', border: 'none', borderRadius: 4 }}
    >
      <div className={fr.cx('fr-grid-row')} style={{ justifyContent: 'space-between' }}>
        <h2 id={titleId} className={fr.cx('fr-h4')} style={{ flex: 1 }}>
          {title}
        </h2>
        <Button
          type="button"
          priority="tertiary no outline"
          size="small"
          iconId="fr-icon-close-line"
          title={t('close')}
          onClick={onClose}
        />
      </div>
      {children}
    </dialog>
  );
}
