import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function Help() {
  return <PageTitle>Aide</PageTitle>;
}
