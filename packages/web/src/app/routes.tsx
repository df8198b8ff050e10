import { lazy } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { Navigate, useLocation, type RouteObject } from 'react-router';
import { Layout } from './Layout';
import { useSession } from './session';
import { Loading } from './ui';

/**
 * Every page is its own lazily loaded chunk: the initial bundle carries only the shell (header,
 * session, router); the EN 16931 engine and the chart library load with the pages using them.
 */
function page(load: () => Promise<{ default: ComponentType }>): ComponentType {
  return lazy(load);
}

const Home = page(() => import('../pages/Home'));
const NotFound = page(() => import('../pages/NotFound'));
const SignIn = page(() => import('../pages/account/SignIn'));
const SignUp = page(() => import('../pages/account/SignUp'));
const PasswordReset = page(() => import('../pages/account/PasswordReset'));
const PasswordResetConfirm = page(() => import('../pages/account/PasswordResetConfirm'));
const Account = page(() => import('../pages/account/Account'));
const ChangePassword = page(() => import('../pages/account/ChangePassword'));
const Members = page(() => import('../pages/account/Members'));
const ApiClients = page(() => import('../pages/account/ApiClients'));
const TechnicalAccounts = page(() => import('../pages/account/TechnicalAccounts'));
const Directory = page(() => import('../pages/directory/Directory'));
const StructureDetail = page(() => import('../pages/directory/StructureDetail'));
const Help = page(() => import('../pages/help/Help'));
const SupplierDashboard = page(() => import('../pages/dashboard/SupplierDashboard'));
const Deadlines = page(() => import('../pages/dashboard/Deadlines'));
const KeyIn = page(() => import('../pages/entry/KeyIn'));
const Upload = page(() => import('../pages/entry/Upload'));
const FlowList = page(() => import('../pages/flows/FlowList'));
const FlowDeposit = page(() => import('../pages/flows/FlowDeposit'));
const FlowReport = page(() => import('../pages/flows/FlowReport'));
const SentInvoices = page(() => import('../pages/invoices/SentInvoices'));
const ReceivedInvoices = page(() => import('../pages/invoices/ReceivedInvoices'));
const InvoiceDetail = page(() => import('../pages/invoices/InvoiceDetail'));
const SollicitationList = page(() => import('../pages/sollicitations/SollicitationList'));
const NewSollicitation = page(() => import('../pages/sollicitations/NewSollicitation'));
const SollicitationThread = page(() => import('../pages/sollicitations/SollicitationThread'));
const Notifications = page(() => import('../pages/notifications/Notifications'));
const NotificationPreferences = page(() => import('../pages/notifications/Preferences'));
const Webhooks = page(() => import('../pages/notifications/Webhooks'));

/** Pages behind sign-in: anonymous visitors go to the sign-in page and come back after. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/connexion?next=${next}`} replace />;
  }
  return <>{children}</>;
}

function authed(Component: ComponentType): ReactNode {
  return (
    <RequireAuth>
      <Component />
    </RequireAuth>
  );
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/connexion', element: <SignIn /> },
      { path: '/inscription', element: <SignUp /> },
      { path: '/mot-de-passe-oublie', element: <PasswordReset /> },
      { path: '/mot-de-passe/nouveau', element: <PasswordResetConfirm /> },
      { path: '/compte', element: authed(Account) },
      { path: '/compte/mot-de-passe', element: authed(ChangePassword) },
      { path: '/structure/utilisateurs', element: authed(Members) },
      { path: '/structure/clients-api', element: authed(ApiClients) },
      { path: '/structure/comptes-techniques', element: authed(TechnicalAccounts) },
      { path: '/annuaire', element: <Directory /> },
      { path: '/annuaire/:identifier', element: <StructureDetail /> },
      { path: '/aide', element: <Help /> },
      { path: '/aide/:topic', element: <Help /> },
      { path: '/fournisseur', element: authed(SupplierDashboard) },
      { path: '/fournisseur/saisie', element: authed(KeyIn) },
      { path: '/fournisseur/depot', element: authed(Upload) },
      { path: '/fournisseur/flux', element: authed(FlowList) },
      { path: '/fournisseur/flux/depot', element: authed(FlowDeposit) },
      { path: '/fournisseur/flux/:id', element: authed(FlowReport) },
      { path: '/fournisseur/factures', element: authed(SentInvoices) },
      { path: '/destinataire/factures', element: authed(ReceivedInvoices) },
      { path: '/destinataire/echeances', element: authed(Deadlines) },
      { path: '/factures/:id', element: authed(InvoiceDetail) },
      { path: '/sollicitations', element: authed(SollicitationList) },
      { path: '/sollicitations/nouvelle', element: authed(NewSollicitation) },
      { path: '/sollicitations/:id', element: authed(SollicitationThread) },
      { path: '/notifications', element: authed(Notifications) },
      { path: '/compte/notifications', element: authed(NotificationPreferences) },
      { path: '/structure/webhooks', element: authed(Webhooks) },
      { path: '*', element: <NotFound /> },
    ],
  },
];
