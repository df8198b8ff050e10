import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function ApiClients() {
  return <PageTitle>Clients API</PageTitle>;
}
