import { useQuery } from '@tanstack/react-query';
import Big from 'big.js';
import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';

const messages = defineMessages({
  fr: {
    label: 'Je confirme le montant de {amount} TTC',
    hint: 'Ce montant dépasse {threshold} : vérifiez qu’aucun chiffre n’a glissé avant d’envoyer la facture.',
    required: 'Cochez la case pour confirmer le montant, ou corrigez-le.',
  },
  en: {
    label: 'I confirm the amount of {amount} including VAT',
    hint: 'This amount is above {threshold}: check that no digit slipped before sending the invoice.',
    required: 'Tick the box to confirm the amount, or correct it.',
  },
});

/** The amount above which a deposit is confirmed first (GET /invoices/deposit-settings). */
export function useConfirmAbove(): string | undefined {
  const query = useQuery({
    queryKey: ['deposit-settings'],
    queryFn: async () => data(await api.GET('/api/v1/invoices/deposit-settings')),
    staleTime: Infinity,
  });
  return query.data?.confirmAbove;
}

/**
 * Whether a total (decimal text) is above the threshold: compared as decimals, never floats.
 * Unknown either side (settings not loaded, total not computable): no confirmation asked, as
 * the server deposits any amount anyway.
 */
export function needsConfirmation(
  total: string | null | undefined,
  threshold: string | undefined,
): boolean {
  if (!total || !threshold) return false;
  try {
    return new Big(total).gt(new Big(threshold));
  } catch {
    return false;
  }
}

/** The box the supplier ticks to send a total above the threshold. */
export function AmountConfirm({
  id,
  total,
  currency,
  threshold,
  checked,
  onChange,
  showError,
}: {
  id: string;
  total: string;
  currency: string;
  threshold: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** After an attempt to send without ticking it. */
  showError: boolean;
}) {
  const t = useT(messages);
  const f = useFormat();
  // The DSFR names the input itself (its label points at that id): `id` goes on a wrapper, and
  // focusAmountConfirm finds the box inside it.
  return (
    <div id={id}>
      <Checkbox
        className={fr.cx('fr-mt-2w')}
        state={showError && !checked ? 'error' : 'default'}
        stateRelatedMessage={showError && !checked ? t('required') : undefined}
        options={[
          {
            label: t('label', { amount: f.money(total, currency) }),
            hintText: t('hint', { threshold: f.money(threshold, currency) }),
            nativeInputProps: {
              checked,
              onChange: (e) => onChange(e.target.checked),
            },
          },
        ]}
      />
    </div>
  );
}

/** Moves the focus to the box of an AmountConfirm (after an attempt to send without it). */
export function focusAmountConfirm(id: string): void {
  setTimeout(() => document.querySelector<HTMLInputElement>(`#${id} input`)?.focus(), 0);
}
