/**
 * Embedding our TrueType fonts as Type0 / CIDFontType2 fonts, done here rather than by pdf-lib:
 * pdf-lib's subsetter (fontkit's) drops the outlines of many of Inter's glyphs, and embedding
 * the whole font cost a 340 KB deflate on every save. Our subset keeps the font's own glyph
 * ids (CIDToGIDMap /Identity, CID = glyph id) and empties the outlines of unused glyphs, so no
 * table but glyf, loca and head changes; layout is a plain cmap lookup (no shaping: no
 * ligature, so every glyph maps back to one character and text extraction is exact).
 *
 * Invariants: glyph 0 (.notdef) is kept but never shown (callers replace characters the font
 * lacks, as PDF/A requires); the W array and the ToUnicode CMap list exactly the glyphs shown.
 */
import fontkit from '@pdf-lib/fontkit';
import { zlibSync } from 'fflate';
import { PDFHexString, type PDFContext, type PDFRef } from 'pdf-lib';

type Face = ReturnType<typeof fontkit.create>;
type Glyph = ReturnType<Face['glyphForCodePoint']>;

/** A parsed face shared by every document of the process (parsing is the costly part). */
export interface SharedFace {
  face: Face;
  bytes: Uint8Array;
  postscriptName: string;
  glyphFor: (codePoint: number) => Glyph;
  covers: (codePoint: number) => boolean;
  /** Advance widths in 1/1000 em, by glyph id. */
  advance: (gid: number) => number;
}

export function shareFace(bytes: Uint8Array): SharedFace {
  const face = fontkit.create(bytes);
  const glyphs = new Map<number, Glyph>();
  const known = new Map<number, boolean>();
  const widths = new Map<number, number>();
  const scale = 1000 / face.unitsPerEm;
  return {
    face,
    bytes,
    postscriptName: (face.postscriptName || 'Font').replace(/[^A-Za-z0-9-]/g, ''),
    glyphFor(cp) {
      let g = glyphs.get(cp);
      if (!g) {
        g = face.glyphForCodePoint(cp);
        glyphs.set(cp, g);
      }
      return g;
    },
    covers(cp) {
      let yes = known.get(cp);
      if (yes === undefined) {
        yes = face.hasGlyphForCodePoint(cp);
        known.set(cp, yes);
      }
      return yes;
    },
    advance(gid) {
      let w = widths.get(gid);
      if (w === undefined) {
        w = Math.round(face.getGlyph(gid).advanceWidth * scale);
        widths.set(gid, w);
      }
      return w;
    },
  };
}

/** One font of one document: records the glyphs shown, writes the PDF objects at the end. */
export class DocumentFont {
  /** Glyph id → the text it stands for (for ToUnicode). */
  private readonly used = new Map<number, string>();
  readonly ref: PDFRef;

  constructor(
    private readonly ctx: PDFContext,
    readonly shared: SharedFace,
    private readonly tag: string,
  ) {
    this.ref = ctx.nextRef();
  }

  /** Width of `text` at `size` points. */
  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.shared.advance(this.shared.glyphFor(ch.codePointAt(0)!).id);
    return (w * size) / 1000;
  }

  /** The hex string of glyph ids showing `text`; records each glyph. */
  encode(text: string): PDFHexString {
    let hex = '';
    for (const ch of text) {
      const g = this.shared.glyphFor(ch.codePointAt(0)!);
      if (!this.used.has(g.id)) this.used.set(g.id, ch);
      hex += g.id.toString(16).padStart(4, '0');
    }
    return PDFHexString.of(hex);
  }

  /** Writes the font program subset and the font dictionaries (call once, before saving). */
  finish(): void {
    const { ctx, shared } = this;
    const face = shared.face;
    const scale = 1000 / face.unitsPerEm;
    const gids = [...this.used.keys()].sort((a, b) => a - b);
    const program = subsetTrueType(shared.bytes, new Set([0, ...gids]));
    const fontFile = ctx.stream(zlibSync(program), {
      Filter: 'FlateDecode',
      Length1: program.length,
    });
    const name = `${this.tag}+${shared.postscriptName}`;
    const bbox = face.bbox;
    const descriptor = ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: 4,
      FontBBox: [
        Math.round(bbox.minX * scale),
        Math.round(bbox.minY * scale),
        Math.round(bbox.maxX * scale),
        Math.round(bbox.maxY * scale),
      ],
      ItalicAngle: face.italicAngle,
      Ascent: Math.round(face.ascent * scale),
      Descent: Math.round(face.descent * scale),
      CapHeight: Math.round((face.capHeight || face.ascent) * scale),
      StemV: 80,
      FontFile2: ctx.register(fontFile),
    });
    const w: (number | number[])[] = [];
    for (const gid of gids) w.push(gid, [shared.advance(gid)]);
    const cidFont = ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: {
        Registry: PDFHexString.fromText('Adobe'),
        Ordering: PDFHexString.fromText('Identity'),
        Supplement: 0,
      },
      FontDescriptor: ctx.register(descriptor),
      DW: 1000,
      W: w,
      CIDToGIDMap: 'Identity',
    });
    const toUnicode = ctx.stream(
      zlibSync(new TextEncoder().encode(toUnicodeCMap(this.used, gids))),
      { Filter: 'FlateDecode' },
    );
    const font = ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [ctx.register(cidFont)],
      ToUnicode: ctx.register(toUnicode),
    });
    ctx.assign(this.ref, font);
  }
}

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

function toUnicodeCMap(used: Map<number, string>, gids: number[]): string {
  const out = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
  ];
  for (let i = 0; i < gids.length; i += 100) {
    const chunk = gids.slice(i, i + 100);
    out.push(`${chunk.length} beginbfchar`);
    for (const gid of chunk)
      out.push(`<${gid.toString(16).padStart(4, '0')}> <${utf16Hex(used.get(gid)!)}>`);
    out.push('endbfchar');
  }
  out.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// TrueType subsetting by emptying unused glyphs (glyph ids unchanged)

interface TableEntry {
  tag: string;
  offset: number;
  length: number;
}

/** Tables a CIDFontType2 program needs (ISO 32000 9.9: glyf, head, hhea, hmtx, loca, maxp and
 * the hinting programs) plus OS/2 and post metrics. cmap (simple fonts only: we address glyphs
 * by id), name and the OpenType layout tables are dropped: they were most of the weight. */
const KEEP = new Set([
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'loca',
  'glyf',
  'cvt ',
  'fpgm',
  'prep',
  'OS/2',
  'post',
]);

function checksum(data: Uint8Array): number {
  let sum = 0;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const full = data.length & ~3;
  for (let i = 0; i < full; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (full < data.length) {
    let last = 0;
    for (let i = full; i < full + 4; i++) last = (last << 8) | (i < data.length ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** The font with every glyph not in `keep` (nor a component of one) made empty. */
export function subsetTrueType(font: Uint8Array, keep: Set<number>): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, TableEntry>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.set(tag, { tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const head = tables.get('head')!;
  const maxp = tables.get('maxp')!;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const offsetOf = (gid: number): number =>
    longLoca ? view.getUint32(loca.offset + 4 * gid) : view.getUint16(loca.offset + 2 * gid) * 2;

  // Close `keep` over composite glyph components.
  const wanted = new Set<number>();
  const stack = [...keep].filter((g) => g < numGlyphs);
  while (stack.length) {
    const gid = stack.pop()!;
    if (wanted.has(gid)) continue;
    wanted.add(gid);
    const start = offsetOf(gid);
    const end = offsetOf(gid + 1);
    if (end - start < 10) continue;
    const p = glyf.offset + start;
    if (view.getInt16(p) >= 0) continue; // simple glyph
    let q = p + 10;
    for (;;) {
      const flags = view.getUint16(q);
      stack.push(view.getUint16(q + 2));
      q += 4 + (flags & 1 ? 4 : 2);
      if (flags & 8) q += 2;
      else if (flags & 0x40) q += 4;
      else if (flags & 0x80) q += 8;
      if (!(flags & 0x20)) break;
    }
  }

  // New glyf and long-format loca.
  let glyfSize = 0;
  for (const gid of wanted) glyfSize += (offsetOf(gid + 1) - offsetOf(gid) + 3) & ~3;
  const newGlyf = new Uint8Array(glyfSize);
  const newLoca = new Uint8Array(4 * (numGlyphs + 1));
  const locaView = new DataView(newLoca.buffer);
  let pos = 0;
  for (let gid = 0; gid < numGlyphs; gid++) {
    locaView.setUint32(4 * gid, pos);
    if (!wanted.has(gid)) continue;
    const start = offsetOf(gid);
    const len = offsetOf(gid + 1) - start;
    newGlyf.set(font.subarray(glyf.offset + start, glyf.offset + start + len), pos);
    pos += (len + 3) & ~3;
  }
  locaView.setUint32(4 * numGlyphs, pos);

  const out = new Map<string, Uint8Array>();
  for (const t of tables.values()) {
    if (!KEEP.has(t.tag)) continue;
    if (t.tag === 'glyf') out.set('glyf', newGlyf);
    else if (t.tag === 'loca') out.set('loca', newLoca);
    else if (t.tag === 'post' && t.length >= 32) {
      // Format 3 (no glyph names): a PDF reader never needs them, and they weigh ~30 KB.
      const post = font.slice(t.offset, t.offset + 32);
      new DataView(post.buffer).setUint32(0, 0x00030000);
      out.set('post', post);
    } else out.set(t.tag, font.slice(t.offset, t.offset + t.length));
  }
  const newHead = out.get('head')!;
  const headView = new DataView(newHead.buffer, newHead.byteOffset, newHead.byteLength);
  headView.setInt16(50, 1); // indexToLocFormat: long
  headView.setUint32(8, 0); // checkSumAdjustment, computed below

  // Assemble: offset table, directory (tags sorted), tables 4-byte aligned.
  const tags = [...out.keys()].sort();
  const n = tags.length;
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= n) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  let size = 12 + 16 * n;
  for (const tag of tags) size += (out.get(tag)!.length + 3) & ~3;
  const result = new Uint8Array(size);
  const rv = new DataView(result.buffer);
  rv.setUint32(0, 0x00010000);
  rv.setUint16(4, n);
  rv.setUint16(6, searchRange);
  rv.setUint16(8, entrySelector);
  rv.setUint16(10, n * 16 - searchRange);
  let offset = 12 + 16 * n;
  let headAt = 0;
  tags.forEach((tag, i) => {
    const data = out.get(tag)!;
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) result[at + k] = tag.charCodeAt(k);
    rv.setUint32(at + 4, checksum(data));
    rv.setUint32(at + 8, offset);
    rv.setUint32(at + 12, data.length);
    result.set(data, offset);
    if (tag === 'head') headAt = offset;
    offset += (data.length + 3) & ~3;
  });
  rv.setUint32(headAt + 8, (0xb1b0afba - checksum(result)) >>> 0);
  return result;
}
