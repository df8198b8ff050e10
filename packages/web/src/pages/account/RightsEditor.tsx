import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { defineMessages, useT } from '../../app/i18n';
import type { Space } from '../../app/session';
import { ROLES, SPACES, useAccessLabels, type Right, type Role } from './access';

const messages = defineMessages({
  fr: {
    role: 'Rôle',
    GESTIONNAIRE_PRINCIPAL_hint: 'gère les utilisateurs, leurs droits et les clients API',
    UTILISATEUR_hint: 'travaille dans les espaces ouverts par ses droits',
    access: 'Accès',
    none: 'Aucun accès',
    all: 'Toute la structure',
    services: 'Certains services seulement',
    whichServices: 'Services ouverts',
    pickOne: 'Cochez au moins un service, ou choisissez un autre accès.',
    inactive: '(inactif)',
  },
  en: {
    role: 'Role',
    GESTIONNAIRE_PRINCIPAL_hint: 'manages users, their rights and API clients',
    UTILISATEUR_hint: 'works in the spaces their rights open',
    access: 'Access',
    none: 'No access',
    all: 'Whole structure',
    services: 'Some services only',
    whichServices: 'Services opened',
    pickOne: 'Tick at least one service, or choose another access.',
    inactive: '(inactive)',
  },
});

export interface Access {
  role: Role;
  rights: Right[];
}

type Mode = 'none' | 'all' | 'services';

function modeOf(rights: Right[], space: Space): Mode {
  const mine = rights.filter((r) => r.space === space);
  if (mine.length === 0) return 'none';
  return mine.some((r) => r.serviceCode === null) ? 'all' : 'services';
}

/** True when a space set to "some services" has none ticked (the editor says so). */
export function incompleteAccess(access: Access, servicesMode: Partial<Record<Space, boolean>>) {
  return SPACES.some((s) => servicesMode[s] === true && !access.rights.some((r) => r.space === s));
}

/**
 * Role and rights of one member, per space: no access, the whole structure, or some of its
 * services. Controlled: the parent keeps the value (and the "some services" choices, which
 * have no rights yet while nothing is ticked).
 */
export function RightsEditor(props: {
  id: string;
  services: { code: string; name: string; active: boolean }[];
  value: Access;
  onChange(value: Access): void;
  servicesMode: Partial<Record<Space, boolean>>;
  onServicesMode(mode: Partial<Record<Space, boolean>>): void;
}) {
  const t = useT(messages);
  const labels = useAccessLabels();
  const { value, onChange, services, id } = props;

  const setMode = (space: Space, mode: Mode) => {
    const others = value.rights.filter((r) => r.space !== space);
    const rights = mode === 'all' ? [...others, { space, serviceCode: null }] : others;
    props.onServicesMode({ ...props.servicesMode, [space]: mode === 'services' });
    onChange({ ...value, rights });
  };
  const toggleService = (space: Space, code: string, on: boolean) => {
    const others = value.rights.filter((r) => !(r.space === space && r.serviceCode === code));
    onChange({ ...value, rights: on ? [...others, { space, serviceCode: code }] : others });
  };

  return (
    <div>
      <RadioButtons
        legend={t('role')}
        name={`${id}-role`}
        orientation="horizontal"
        options={ROLES.map((r) => ({
          label: labels.role(r),
          hintText: t(`${r}_hint`),
          nativeInputProps: {
            value: r,
            checked: value.role === r,
            onChange: () => onChange({ ...value, role: r }),
          },
        }))}
      />
      {SPACES.map((space) => {
        const mode: Mode = props.servicesMode[space] ? 'services' : modeOf(value.rights, space);
        const missing = mode === 'services' && !value.rights.some((r) => r.space === space);
        return (
          <fieldset key={space} className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
            <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
              <strong>{labels.space(space)}</strong>
              <span className={fr.cx('fr-hint-text')}>{labels.spaceHint(space)}</span>
            </legend>
            <div className={fr.cx('fr-fieldset__element')}>
              <Select
                label={t('access')}
                style={{ maxWidth: '28rem' }}
                nativeSelectProps={{
                  id: `${id}-${space}`,
                  value: mode,
                  onChange: (e) => setMode(space, e.target.value as Mode),
                }}
              >
                <option value="none">{t('none')}</option>
                <option value="all">{t('all')}</option>
                {services.length > 0 && <option value="services">{t('services')}</option>}
              </Select>
            </div>
            {mode === 'services' && (
              <div className={fr.cx('fr-fieldset__element')}>
                <Checkbox
                  small
                  legend={t('whichServices')}
                  state={missing ? 'error' : 'default'}
                  stateRelatedMessage={missing ? t('pickOne') : undefined}
                  options={services.map((svc) => ({
                    label: `${svc.code} — ${svc.name}${svc.active ? '' : ` ${t('inactive')}`}`,
                    nativeInputProps: {
                      checked: value.rights.some(
                        (r) => r.space === space && r.serviceCode === svc.code,
                      ),
                      onChange: (e) => toggleService(space, svc.code, e.target.checked),
                    },
                  }))}
                />
              </div>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}

/** The initial "some services" choices matching existing rights. */
export function servicesModeOf(rights: Right[]): Partial<Record<Space, boolean>> {
  const mode: Partial<Record<Space, boolean>> = {};
  for (const s of SPACES) mode[s] = modeOf(rights, s) === 'services';
  return mode;
}
