/**
 * A compact sRGB ICC profile (ICC.1 version 2.1, display class), built in code rather than
 * shipped as a binary: the PDF/A output intent needs one, and the values that define sRGB
 * (IEC 61966-2-1 primaries adapted to the D50 profile connection space, and its transfer
 * curve) are facts of the standard. The bytes are computed once and cached.
 *
 * Layout: 128-byte header, tag count and table, then tag data, each tag 4-byte aligned.
 * The three TRC tags share one curve, which the ICC format allows (same offset and size).
 */

/** s15Fixed16Number: signed 16.16 fixed point. */
function s15f16(v: number): number {
  return Math.round(v * 65536) | 0;
}

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0);
  }
  i32(at: number, v: number): void {
    this.view.setInt32(at, v);
  }
  u16(at: number, v: number): void {
    this.view.setUint16(at, v);
  }
  ascii(at: number, text: string): void {
    for (let i = 0; i < text.length; i++) this.bytes[at + i] = text.charCodeAt(i) & 0x7f;
  }
}

const DESCRIPTION = 'sRGB IEC61966-2.1';
const COPYRIGHT = 'No copyright, use freely';
/** D50, the profile connection space illuminant (ICC.1 7.2.16). */
const D50: readonly [number, number, number] = [0.9642, 1.0, 0.8249];
/** sRGB primaries chromatically adapted to D50 (Bradford), as every sRGB profile carries. */
const RED: readonly [number, number, number] = [0.4361, 0.2225, 0.0139];
const GREEN: readonly [number, number, number] = [0.3851, 0.7169, 0.0971];
const BLUE: readonly [number, number, number] = [0.1431, 0.0606, 0.7141];
/** Curve entries: enough for a smooth 8-bit transfer, small enough to stay around 2 KB. */
const CURVE_POINTS = 1024;

function align4(n: number): number {
  return (n + 3) & ~3;
}

let cached: Uint8Array | undefined;

/** The profile bytes (a fresh copy each call: PDF writers may keep the array they are given). */
export function srgbIccProfile(): Uint8Array {
  cached ??= buildProfile();
  return cached.slice();
}

function buildProfile(): Uint8Array {
  // Tag data sizes.
  const descSize = 12 + DESCRIPTION.length + 1 + 4 + 4 + 2 + 1 + 67; // textDescriptionType
  const cprtSize = 8 + COPYRIGHT.length + 1; // textType
  const xyzSize = 20; // XYZType with one value
  const curvSize = 12 + 2 * CURVE_POINTS; // curveType
  const tags: [sig: string, size: number, shareWith?: string][] = [
    ['desc', descSize],
    ['cprt', cprtSize],
    ['wtpt', xyzSize],
    ['rXYZ', xyzSize],
    ['gXYZ', xyzSize],
    ['bXYZ', xyzSize],
    ['rTRC', curvSize],
    ['gTRC', curvSize, 'rTRC'],
    ['bTRC', curvSize, 'rTRC'],
  ];
  let offset = 128 + 4 + 12 * tags.length;
  const offsets = new Map<string, number>();
  for (const [sig, size, share] of tags) {
    if (share) {
      offsets.set(sig, offsets.get(share)!);
      continue;
    }
    offset = align4(offset);
    offsets.set(sig, offset);
    offset += size;
  }
  const total = align4(offset);
  const w = new Writer(total);

  // Header (ICC.1:2001-04, clause 6.1).
  w.u32(0, total);
  w.u32(8, 0x02100000); // version 2.1.0
  w.ascii(12, 'mntr');
  w.ascii(16, 'RGB ');
  w.ascii(20, 'XYZ ');
  // Creation date: fixed, so the profile (and its checksum in any PDF) is reproducible.
  w.u16(24, 2026);
  w.u16(26, 1);
  w.u16(28, 1);
  w.ascii(36, 'acsp');
  w.u32(64, 0); // perceptual rendering intent
  w.i32(68, s15f16(D50[0]));
  w.i32(72, s15f16(D50[1]));
  w.i32(76, s15f16(D50[2]));

  // Tag table.
  w.u32(128, tags.length);
  tags.forEach(([sig, size], i) => {
    const at = 132 + 12 * i;
    w.ascii(at, sig);
    w.u32(at + 4, offsets.get(sig)!);
    w.u32(at + 8, size);
  });

  // desc: ASCII description; empty Unicode and ScriptCode parts (counts zero).
  let at = offsets.get('desc')!;
  w.ascii(at, 'desc');
  w.u32(at + 8, DESCRIPTION.length + 1);
  w.ascii(at + 12, DESCRIPTION);

  at = offsets.get('cprt')!;
  w.ascii(at, 'text');
  w.ascii(at + 8, COPYRIGHT);

  const xyz = (sig: string, v: readonly [number, number, number]): void => {
    const p = offsets.get(sig)!;
    w.ascii(p, 'XYZ ');
    w.i32(p + 8, s15f16(v[0]));
    w.i32(p + 12, s15f16(v[1]));
    w.i32(p + 16, s15f16(v[2]));
  };
  xyz('wtpt', D50);
  xyz('rXYZ', RED);
  xyz('gXYZ', GREEN);
  xyz('bXYZ', BLUE);

  // The sRGB transfer function: linear segment near black, 2.4 power above.
  at = offsets.get('rTRC')!;
  w.ascii(at, 'curv');
  w.u32(at + 8, CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const v = i / (CURVE_POINTS - 1);
    const lin = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    w.u16(at + 12 + 2 * i, Math.round(lin * 65535));
  }
  return w.bytes;
}
