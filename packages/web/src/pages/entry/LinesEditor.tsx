import type { UseFieldArrayReturn, UseFormSetValue } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useFormat, useT } from '../../app/i18n';
import { DECIMAL, NO_RATE_CATEGORIES } from './amounts';
import {
  emptyLine,
  UNITS,
  VAT_CATEGORIES,
  type FormValues,
  type LineValues,
  type Place,
} from './form-model';
import { FieldErrors, type FieldProblems } from './field-problems';
import { formMessages } from './messages';
import { placeId } from './problems';

/**
 * The invoice lines: each its name, quantity, unit, price and VAT, with its net amount as
 * typed; lines are added and removed here.
 */
export function LinesEditor({
  lines,
  values,
  lineNets,
  currency,
  setValue,
  fields,
}: {
  lines: UseFieldArrayReturn<FormValues, 'lines'>;
  /** The lines as typed now (the field array only knows their ids). */
  values: readonly LineValues[] | undefined;
  /** Each line's net amount, undefined while a number in it is not one. */
  lineNets: readonly (string | undefined)[];
  currency: string;
  setValue: UseFormSetValue<FormValues>;
  fields: FieldProblems;
}) {
  const t = useT(formMessages);
  const format = useFormat();
  const { problemsAt, stateOf, reg } = fields;
  const lineCount = lines.fields.length;
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')} id={placeId('lines')} tabIndex={-1}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('linesTitle')}</legend>
      {problemsAt('lines').length > 0 && (
        <div className={fr.cx('fr-fieldset__element')}>
          <FieldErrors messages={problemsAt('lines')} />
        </div>
      )}
      {lines.fields.map((field, i) => {
        const n = i + 1;
        const category = values?.[i]?.vatCategory ?? 'S';
        const net = lineNets[i];
        const p = (f: string) => `lines.${i}.${f}` as Place;
        const number = {
          validate: (s: string) => DECIMAL.test(s.trim().replace(/\s/g, '')) || t('notANumber'),
        };
        return (
          <div key={field.id} className={fr.cx('fr-fieldset__element')}>
            <fieldset
              className={fr.cx('fr-fieldset', 'fr-p-2w')}
              style={{ border: '1px solid var(--border-default-grey)', margin: 0 }}
            >
              <legend className={fr.cx('fr-fieldset__legend', 'fr-text--lg')}>
                {t('line', { n })}
              </legend>
              <div className={fr.cx('fr-fieldset__element')}>
                <Input
                  label={t('lineName')}
                  {...stateOf(p('name'))}
                  nativeInputProps={{
                    ...reg(`lines.${i}.name`, {
                      validate: (s) => s.trim() !== '' || t('lineNameMissing'),
                    }),
                    maxLength: 200,
                  }}
                />
              </div>
              <div className={fr.cx('fr-fieldset__element', 'fr-col-6', 'fr-col-md-3')}>
                <Input
                  label={t('quantity')}
                  {...stateOf(p('quantity'))}
                  nativeInputProps={{
                    ...reg(`lines.${i}.quantity`, number),
                    inputMode: 'decimal',
                  }}
                />
              </div>
              <div className={fr.cx('fr-fieldset__element', 'fr-col-6', 'fr-col-md-3')}>
                <Select
                  label={t('unit')}
                  {...stateOf(p('unitCode'))}
                  nativeSelectProps={reg(`lines.${i}.unitCode`)}
                >
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`unit_${u}`)}
                    </option>
                  ))}
                </Select>
              </div>
              <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
                <Input
                  label={t('unitPrice')}
                  {...stateOf(p('unitPrice'))}
                  nativeInputProps={{
                    ...reg(`lines.${i}.unitPrice`, number),
                    inputMode: 'decimal',
                  }}
                />
              </div>
              <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
                <Select
                  label={t('vatCategory')}
                  {...stateOf(p('vatCategory'))}
                  nativeSelectProps={{
                    ...reg(`lines.${i}.vatCategory`),
                    onChange: (e) => {
                      const next = e.target.value;
                      setValue(`lines.${i}.vatCategory`, next, { shouldDirty: true });
                      // A category's usual rate, so only a deliberate choice differs from it.
                      if (NO_RATE_CATEGORIES.has(next)) setValue(`lines.${i}.vatRate`, '');
                      else if (next !== 'S') setValue(`lines.${i}.vatRate`, '0');
                      else if (!values?.[i]?.vatRate || values[i]?.vatRate === '0')
                        setValue(`lines.${i}.vatRate`, '20');
                    },
                  }}
                >
                  {VAT_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`cat_${c}`)}
                    </option>
                  ))}
                </Select>
              </div>
              {!NO_RATE_CATEGORIES.has(category) && (
                <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
                  <Input
                    label={t('vatRate')}
                    {...stateOf(p('vatRate'))}
                    nativeInputProps={{
                      ...reg(`lines.${i}.vatRate`, number),
                      inputMode: 'decimal',
                    }}
                  />
                </div>
              )}
              <div className={fr.cx('fr-fieldset__element')}>
                <p className={fr.cx('fr-mb-1w')} aria-live="off">
                  {net !== undefined
                    ? t('lineTotal', { amount: format.money(net, currency) })
                    : t('lineTotalUnknown')}
                </p>
                {lineCount > 1 && (
                  <Button
                    type="button"
                    priority="tertiary"
                    size="small"
                    iconId="fr-icon-delete-line"
                    onClick={() => lines.remove(i)}
                  >
                    {t('removeLine', { n })}
                  </Button>
                )}
              </div>
            </fieldset>
          </div>
        );
      })}
      <div className={fr.cx('fr-fieldset__element')}>
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-add-line"
          onClick={() => lines.append(emptyLine())}
        >
          {t('addLine')}
        </Button>
      </div>
    </fieldset>
  );
}
