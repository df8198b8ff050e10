import subsetFont from 'subset-font';
import type { Plugin } from 'vite';

/**
 * The characters the portal's fonts keep: Basic Latin, Latin-1 and Latin Extended-A (French
 * and the names of suppliers from the rest of Europe), general punctuation (typographic
 * apostrophe, dashes, ellipsis, narrow no-break space of French number formatting,
 * guillemets), the euro sign, arrows and the few mathematical signs the pages use. A character
 * outside them still shows, in the browser's fallback font: subsetting costs looks, never text.
 */
export const KEPT_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2264, 0x2265],
];

const KEPT_TEXT = KEPT_RANGES.map(([from, to]) => {
  let s = '';
  for (let c = from; c <= to; c++) s += String.fromCodePoint(c);
  return s;
}).join('');

/** A WOFF2 font cut down to KEPT_RANGES, still WOFF2. */
export async function subsetWoff2(font: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subsetFont(Buffer.from(font), KEPT_TEXT, { targetFormat: 'woff2' }));
}

/**
 * Cuts the DSFR's WOFF2 fonts (Marianne and Spectral, 41–80 KB each, some 600 characters
 * including Vietnamese and Latin Extended-B) down to the characters above, about 40 % smaller.
 * The WOFF copies, fetched only by browsers without WOFF2, are left whole.
 *
 * The faces are not preloaded: they are `font-display: swap`, so text paints at once in the
 * fallback font, and a preload only takes the slow line's bandwidth from the stylesheet and
 * script that the first paint waits for (measured: first paint 2.8 s with two faces preloaded,
 * 1.7 s without, at 1.6 Mbit/s; decision 0023).
 *
 * The file names keep the hash vite gave the whole font: the subset is a pure function of that
 * font and of this file, so a name still stands for one content and may be cached for ever.
 */
export function subsetFonts(): Plugin {
  return {
    name: 'chorale-subset-fonts',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.woff2')) continue;
        const source =
          typeof file.source === 'string' ? new TextEncoder().encode(file.source) : file.source;
        file.source = await subsetWoff2(source);
      }
    },
  };
}
