import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useT } from '../../app/i18n';
import { flowStateMessages } from './flow-state-messages';
import type { StatusSeverity } from '../../app/statuses';
import type { FlowState } from './flow-model';

export { flowStateHelp, flowStateMessages } from './flow-state-messages';

/** Colour helps, the words say it; in-progress states stay grey. */
const SEVERITY: Record<FlowState, StatusSeverity | undefined> = {
  IN_RECU: undefined,
  IN_EN_ATTENTE_TRAITEMENT_CPP: undefined,
  IN_EN_COURS_TRAITEMENT_CPP: 'info',
  IN_INTEGRE: 'success',
  IN_INTEGRE_PARTIEL: 'warning',
  IN_REJETE: 'error',
  IN_INCIDENTE: 'error',
  OUT_A_RECUPERER: 'info',
  OUT_RECUPERE: 'success',
};

export function FlowStateBadge({ state }: { state: FlowState }) {
  const t = useT(flowStateMessages);
  const severity = SEVERITY[state];
  return (
    <Badge as="span" small noIcon {...(severity ? { severity } : {})}>
      {t(state)}
    </Badge>
  );
}
