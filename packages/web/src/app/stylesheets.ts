/**
 * Turns on the stylesheets the build linked as deferred (build/defer-stylesheet.ts: `media=
 * "print"`, so that index.html's header shell paints without waiting for them) and resolves
 * once they are applied, or could not load: the first render waits for it, so no page shows
 * unstyled. In development there is no such link, and it resolves at once.
 */
export function stylesheetsApplied(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[data-deferred]')];
  return Promise.all(
    links.map((link) => {
      link.media = 'all';
      // A stylesheet that has loaded has its sheet (whatever its media); the events are
      // dispatched as tasks, after this check.
      if (link.sheet) return undefined;
      return new Promise<void>((resolve) => {
        link.addEventListener('load', () => resolve(), { once: true });
        link.addEventListener('error', () => resolve(), { once: true });
      });
    }),
  ).then(() => undefined);
}
