/**
 * The fonts our PDFs embed (PDF/A forbids relying on the reader's fonts): Inter Regular and
 * SemiBold, SIL Open Font License 1.1 (see OFL.txt beside this file and
 * docs/decisions/0007-facturx-writer.md). Shipped as raw-deflate + base64 TypeScript modules so
 * the library needs no file system and bundles for the browser; they are loaded lazily (dynamic
 * import) so that code not writing PDFs never pays for ~450 KB of font data, then inflated once
 * and cached.
 */
import { inflateSync } from 'fflate';

export type FontWeight = 'regular' | 'semibold';

const cache = new Map<FontWeight, Uint8Array>();

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The TrueType bytes of a weight. The array is shared: callers must not modify it. */
export async function fontBytes(weight: FontWeight): Promise<Uint8Array> {
  const hit = cache.get(weight);
  if (hit) return hit;
  const b64 =
    weight === 'regular'
      ? (await import('./inter-regular.js')).INTER_REGULAR
      : (await import('./inter-semibold.js')).INTER_SEMIBOLD;
  const ttf = inflateSync(fromBase64(b64));
  cache.set(weight, ttf);
  return ttf;
}
