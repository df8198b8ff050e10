import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
// What react-dsfr's main.css imports, imported one by one so that the build can keep only the
// icons in use (build/prune-icons.ts): @import'ed files skip the build's transforms.
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css';
import '@codegouvfr/react-dsfr/dsfr/dsfr.min.css';
import { ApiError } from './api/client';
import { LangProvider, useLang } from './app/i18n';
import { SessionProvider } from './app/session';
import { routes } from './app/routes';
import { stylesheetsApplied } from './app/stylesheets';
import './app/portal.css';

/** react-dsfr calls this hook inside its components to pick its own strings' language. */
function useDsfrLang(): string {
  return useLang().lang;
}
startReactDsfr({ defaultColorScheme: 'light', Link, useLang: useDsfrLang });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by retrying; a network blip might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(routes);

// The first render replaces index.html's header shell; it waits for the stylesheet, which the
// build links deferred so that the shell paints first (app/stylesheets.ts).
void stylesheetsApplied().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LangProvider>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </LangProvider>
    </StrictMode>,
  ),
);
