import type { Plugin } from 'vite';

/**
 * The built index.html links the portal's stylesheet (about 50 kB compressed: the DSFR) as
 * `media="print"`, marked `data-deferred`: a print stylesheet does not hold back the first
 * paint, so the header shell of index.html (styled by its own few inline rules) paints as soon
 * as the page itself has arrived, where it used to wait for the whole stylesheet — on a
 * 1.6 Mbit/s line, most of a second shared with the script. The stylesheet still downloads at
 * once; the portal's script turns it on (`media="all"`) and waits for it before its first
 * render (src/app/stylesheets.ts), so no page ever shows unstyled.
 */
export function deferStylesheet(): Plugin {
  return {
    name: 'chorale-defer-stylesheet',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const link = /<link rel="stylesheet"( crossorigin)? href="(\/assets\/[^"]+\.css)">/g;
        let found = 0;
        const out = html.replace(link, (_whole, crossorigin: string | undefined, href: string) => {
          found++;
          return `<link rel="stylesheet" media="print" data-deferred${crossorigin ?? ''} href="${href}">`;
        });
        // The shell and the script's wait both expect exactly the entry's stylesheet.
        if (found !== 1) throw new Error(`defer-stylesheet: ${found} stylesheet links, not 1`);
        return out;
      },
    },
  };
}
