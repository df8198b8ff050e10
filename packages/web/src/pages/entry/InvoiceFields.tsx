import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useT } from '../../app/i18n';
import { CURRENCIES, FRAMEWORKS, INVOICE_TYPES } from './form-model';
import type { FieldProblems } from './field-problems';
import { formMessages } from './messages';
import { characterCount, INVOICE_NUMBER_MAX_LENGTH } from './limits';

/**
 * The invoice itself: number, dates, type, billing framework, currency, payment terms.
 *
 * The number has no maxLength: a browser would cut a pasted number silently. The hint counts
 * its characters and the engine's SAISIE-NUMERO says what to do beyond the limit.
 */
export function InvoiceFields({ fields, number }: { fields: FieldProblems; number: string }) {
  const t = useT(formMessages);
  const { stateOf, reg } = fields;
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('invoiceTitle')}</legend>
      <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
        <Input
          label={
            <>
              {t('number')} {t('required')}
            </>
          }
          hintText={t('numberHint', {
            count: characterCount(number),
            max: INVOICE_NUMBER_MAX_LENGTH,
          })}
          {...stateOf('number')}
          nativeInputProps={{
            ...reg('number', {
              validate: (s) => s.trim() !== '' || t('numberMissing'),
            }),
            autoComplete: 'off',
          }}
        />
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
        <Input
          label={
            <>
              {t('issueDate')} {t('required')}
            </>
          }
          {...stateOf('issueDate')}
          nativeInputProps={{
            ...reg('issueDate', { required: t('issueDateMissing') }),
            type: 'date',
          }}
        />
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
        <Select label={t('type')} {...stateOf('type')} nativeSelectProps={reg('type')}>
          {INVOICE_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(k)}
            </option>
          ))}
        </Select>
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
        <Select
          label={t('framework')}
          {...stateOf('framework')}
          nativeSelectProps={reg('framework')}
        >
          {FRAMEWORKS.map((k) => (
            <option key={k} value={k}>
              {t(k)}
            </option>
          ))}
        </Select>
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
        <Select label={t('currency')} {...stateOf('currency')} nativeSelectProps={reg('currency')}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
        <Input
          label={t('dueDate')}
          {...stateOf('dueDate')}
          nativeInputProps={{ ...reg('dueDate'), type: 'date' }}
        />
      </div>
      <div className={fr.cx('fr-fieldset__element')}>
        <Input
          label={t('paymentTerms')}
          hintText={t('paymentTermsHint')}
          {...stateOf('paymentTerms')}
          nativeInputProps={{ ...reg('paymentTerms'), maxLength: 500 }}
        />
      </div>
    </fieldset>
  );
}
