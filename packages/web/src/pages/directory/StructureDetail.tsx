import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function StructureDetail() {
  return <PageTitle>Structure</PageTitle>;
}
