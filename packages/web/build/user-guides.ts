import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  StandardFonts,
  rgb,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { Plugin } from 'vite';
import { GUIDE_CONTENTS, type GuideContent } from '../src/pages/help/guide-content.js';

/**
 * The user guides (one for suppliers, one for public bodies) as PDFs, made at build time from
 * the help pages' texts (src/pages/help/guide-content.ts) with pdf-lib, in Node: no browser is
 * needed. Written to dist/guides/, which the help pages link to.
 *
 * What a reader gets: the document's title and language (fr-FR) in its metadata, shown as the
 * window title; one bookmark per chapter (help topic) and per section; a structure tree (ISO
 * 32000 14.7: Document → H1 / H2 / P / Code, each pointing at its marked content, the page
 * numbers marked as artifacts), so a screen reader reads headings and paragraphs in order.
 * Left out: the standard fonts (Helvetica, Courier) are not embedded, so the files are not
 * PDF/UA or PDF/A; characters outside their WinAnsi set are replaced (see `printable`).
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;

interface Style {
  font: 'regular' | 'bold' | 'mono';
  size: number;
  lead: number;
  before: number;
}

const STYLES = {
  Title: { font: 'bold', size: 24, lead: 30, before: 0 },
  H1: { font: 'bold', size: 17, lead: 22, before: 18 },
  H2: { font: 'bold', size: 12.5, lead: 17, before: 12 },
  P: { font: 'regular', size: 10.5, lead: 14.5, before: 6 },
  Code: { font: 'mono', size: 8.5, lead: 11, before: 6 },
} satisfies Record<string, Style>;
type Tag = keyof typeof STYLES;

/** Characters WinAnsi lacks, written as near equivalents; any other becomes '?'. */
const REPLACEMENTS: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2011': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2212': '-',
};

/**
 * `/tag <<properties>> BDC`. pdf-lib's operand type leaves dictionaries out, but writes any
 * object by its PDF syntax, which is what a property list inline in a content stream is.
 */
function marked(tag: string, properties: PDFDict): PDFOperator {
  return PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
    PDFName.of(tag),
    properties as unknown as PDFArray,
  ]);
}

interface Element {
  tag: Tag;
  /** Marked content pieces: page index and MCID. */
  parts: { page: number; mcid: number }[];
}

class Layout {
  readonly pages: PDFPage[] = [];
  readonly elements: Element[] = [];
  /** Per page, the next MCID. */
  private readonly mcids: number[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<Style['font'], PDFFont>,
  ) {}

  private charset = new Map<PDFFont, Set<number>>();

  printable(text: string, font: PDFFont): string {
    let set = this.charset.get(font);
    if (!set) {
      set = new Set(font.getCharacterSet());
      this.charset.set(font, set);
    }
    let out = '';
    for (const ch of text) {
      if (set.has(ch.codePointAt(0)!)) out += ch;
      else out += REPLACEMENTS[ch] ?? '?';
    }
    return out;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.mcids.push(0);
    // The structure tree's parent tree finds this page's marked content by this key.
    this.page.node.set(PDFName.of('StructParents'), PDFNumber.of(this.pages.length - 1));
    this.page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    this.y = A4[1] - MARGIN;
  }

  /** Where the next block starts: the page and height a bookmark points to. */
  position(): { page: PDFPage; y: number } {
    return { page: this.page, y: this.y + 4 };
  }

  private wrap(font: PDFFont, size: number, text: string): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= WIDTH || !line) {
        line = candidate;
        continue;
      }
      lines.push(line);
      line = word;
    }
    if (line) lines.push(line);
    return lines;
  }

  /** A line of code as written (its indentation kept), cut where it passes the width. */
  private cut(font: PDFFont, size: number, text: string): string[] {
    const lines: string[] = [];
    let rest = text;
    while (rest.length > 1 && font.widthOfTextAtSize(rest, size) > WIDTH) {
      let at = rest.length - 1;
      while (at > 1 && font.widthOfTextAtSize(rest.slice(0, at), size) > WIDTH) at--;
      lines.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    lines.push(rest);
    return lines;
  }

  /** Writes one block (heading, paragraph, code) as one structure element. */
  block(tag: Tag, text: string | string[]): void {
    const style: Style = STYLES[tag];
    const font = this.fonts[style.font];
    const lines = (Array.isArray(text) ? text : [text]).flatMap((t) =>
      tag === 'Code'
        ? this.cut(font, style.size, this.printable(t, font))
        : this.wrap(font, style.size, this.printable(t, font)),
    );
    const element: Element = { tag, parts: [] };
    this.elements.push(element);
    this.y -= style.before;
    // A heading is never left alone at the bottom of a page.
    const keep = tag === 'H1' || tag === 'H2' ? 3 * STYLES.P.lead : 0;
    if (this.y - style.lead - keep < MARGIN + 20) this.newPage();
    for (const line of lines) {
      if (this.y - style.lead < MARGIN + 20) this.newPage();
      this.y -= style.lead;
      const pageIndex = this.pages.length - 1;
      const mcid = this.mcids[pageIndex]!;
      this.mcids[pageIndex] = mcid + 1;
      element.parts.push({ page: pageIndex, mcid });
      this.page.pushOperators(marked(tag, this.doc.context.obj({ MCID: mcid })));
      this.page.drawText(line, {
        x: MARGIN,
        y: this.y,
        size: style.size,
        font,
        color: tag === 'P' || tag === 'Code' ? rgb(0.09, 0.09, 0.09) : rgb(0, 0, 0.57),
      });
      this.page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    }
  }

  /** Page numbers, marked as artifacts: not part of the text a screen reader reads. */
  footers(title: string): void {
    const font = this.fonts.regular;
    this.pages.forEach((page, i) => {
      page.pushOperators(marked('Artifact', this.doc.context.obj({ Type: 'Pagination' })));
      page.drawText(this.printable(`${title} — page ${i + 1} / ${this.pages.length}`, font), {
        x: MARGIN,
        y: MARGIN - 24,
        size: 8,
        font,
        color: rgb(0.35, 0.35, 0.35),
      });
      page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    });
  }
}

interface Bookmark {
  title: string;
  page: PDFPage;
  y: number;
  children: Bookmark[];
}

/** The outline (bookmarks): chapters, and their sections below them (closed). */
function writeOutline(doc: PDFDocument, bookmarks: Bookmark[]): void {
  const { context } = doc;
  const rootRef = context.nextRef();
  const build = (
    items: Bookmark[],
    parent: PDFRef,
  ): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((item, i) => {
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parent);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      const dest = context.obj([item.page.ref, 'XYZ', null, item.y, null]);
      dict.set(PDFName.of('Dest'), dest);
      if (item.children.length > 0) {
        const kids = build(item.children, refs[i]!);
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        // Negative: the chapter's sections are listed closed.
        dict.set(PDFName.of('Count'), PDFNumber.of(-kids.count));
      }
      context.assign(refs[i]!, dict);
      count++;
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const top = build(bookmarks, rootRef);
  context.assign(
    rootRef,
    context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }),
  );
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** The structure tree: Document → one element per block, each naming its marked content. */
function writeStructure(doc: PDFDocument, layout: Layout): void {
  const { context } = doc;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const perPage: PDFRef[][] = layout.pages.map(() => []);
  const kids: PDFRef[] = [];
  for (const element of layout.elements) {
    if (element.parts.length === 0) continue;
    const ref = context.nextRef();
    const k = element.parts.map((part) =>
      context.obj({ Type: 'MCR', Pg: layout.pages[part.page]!.ref, MCID: part.mcid }),
    );
    context.assign(
      ref,
      context.obj({
        Type: 'StructElem',
        S: element.tag === 'Title' ? 'H1' : element.tag === 'H1' ? 'H1' : element.tag,
        P: documentRef,
        Pg: layout.pages[element.parts[0]!.page]!.ref,
        K: k,
      }),
    );
    kids.push(ref);
    for (const part of element.parts) perPage[part.page]![part.mcid] = ref;
  }
  context.assign(
    documentRef,
    context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }),
  );
  const nums: (number | PDFArray)[] = [];
  perPage.forEach((refs, i) => {
    nums.push(i, context.obj(refs) as PDFArray);
  });
  context.assign(
    rootRef,
    context.obj({
      Type: 'StructTreeRoot',
      K: documentRef,
      ParentTree: context.obj({ Nums: nums }),
      ParentTreeNextKey: layout.pages.length,
      // Code is not a standard structure type: it maps to P for readers that only know those.
      RoleMap: context.obj({ Code: 'P' }),
    }),
  );
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
}

/** One guide as PDF bytes. */
export async function renderGuide(content: GuideContent, now = new Date()): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  doc.setTitle(content.title, { showInWindowTitleBar: true });
  doc.setLanguage('fr-FR');
  doc.setAuthor('Chorale');
  doc.setSubject(content.guide.title.fr);
  doc.setCreator('Chorale (packages/web/build/user-guides.ts)');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(now);
  doc.setModificationDate(now);

  const layout = new Layout(doc, fonts);
  layout.newPage();
  layout.block('Title', content.title);
  for (const p of content.intro) layout.block('P', p);
  const bookmarks: Bookmark[] = [];
  for (const chapter of content.chapters) {
    layout.newPage();
    const at = layout.position();
    layout.block('H1', chapter.title);
    const mark: Bookmark = { title: chapter.title, ...at, children: [] };
    bookmarks.push(mark);
    for (const p of chapter.intro) layout.block('P', p);
    for (const section of chapter.sections) {
      const sectionAt = layout.position();
      layout.block('H2', section.title);
      mark.children.push({ title: section.title, ...sectionAt, children: [] });
      for (const p of section.paragraphs) layout.block('P', p);
      if (section.code) layout.block('Code', section.code);
    }
  }
  layout.footers(content.title);
  writeOutline(doc, bookmarks);
  writeStructure(doc, layout);
  return doc.save({ useObjectStreams: false });
}

/** The Vite plugin: writes every guide into the build's guides/ folder. */
export function userGuides(): Plugin {
  return {
    name: 'chorale-user-guides',
    apply: 'build',
    async generateBundle() {
      for (const content of GUIDE_CONTENTS) {
        this.emitFile({
          type: 'asset',
          fileName: `guides/${content.guide.file}`,
          source: await renderGuide(content),
        });
      }
    },
  };
}
