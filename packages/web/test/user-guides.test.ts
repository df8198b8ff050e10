import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guideContent, guideTopics } from '../src/pages/help/guide-content.js';
import { helpMessages } from '../src/pages/help/topics.js';
import { USER_GUIDES } from '../src/pages/help/user-guides.js';

/**
 * The user guides the build makes from the help pages (build/user-guides.ts): checked in the
 * portal's build itself (dist/guides/, built by the test setup like for the browser tests),
 * with poppler's tools, as a reader's software would read them.
 */
const dist = fileURLToPath(new URL('../dist/guides/', import.meta.url));
const run = (tool: string, ...args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The outline as poppler reads it: [level, title] in order. */
function outline(file: string): [number, string][] {
  const xml = run('pdftohtml', '-xml', '-stdout', '-i', '-q', file);
  const items: [number, string][] = [];
  let level = 0;
  for (const m of xml.matchAll(/<(\/?)outline>|<item page="\d+">([^<]*)<\/item>/g)) {
    if (m[2] !== undefined)
      items.push([level, m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"')]);
    else level += m[1] ? -1 : 1;
  }
  return items;
}

describe.each(USER_GUIDES)('the user guide $file', (guide) => {
  const file = path.join(dist, guide.file);

  it('exists in the build, titled, in French, tagged', () => {
    expect(existsSync(file), `${file} (vite build writes it)`).toBe(true);
    const info = run('pdfinfo', file);
    expect(info).toMatch(new RegExp(`^Title:\\s+Chorale — ${guide.title.fr}$`, 'm'));
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    // The structure tree poppler reads: a Document of headings and paragraphs.
    const struct = run('pdfinfo', '-struct', file).split('\n');
    expect(struct[0]).toBe('Document');
    expect(struct.filter((l) => l.trim().startsWith('H1')).length).toBeGreaterThan(
      guideTopics(guide.audience).length,
    );
    expect(struct.some((l) => l.trim().startsWith('P '))).toBe(true);
  });

  it('has a bookmark per help topic, with its sections below it', () => {
    const items = outline(file);
    const chapters = items.filter(([level]) => level === 1).map(([, title]) => title);
    expect(chapters).toEqual(guideTopics(guide.audience).map((t) => helpMessages.fr[t]));
    const content = guideContent(guide);
    const sections = items.filter(([level]) => level === 2).map(([, title]) => title);
    expect(sections).toEqual(content.chapters.flatMap((c) => c.sections.map((s) => s.title)));
  });

  it('gives its French text back to text extraction, accents and all', () => {
    const text = run('pdftotext', '-enc', 'UTF-8', file, '-').replace(/\s+/g, ' ');
    const content = guideContent(guide);
    for (const chapter of content.chapters) {
      expect(text).toContain(chapter.title);
      // The first words of each chapter's first paragraph, as written in the help.
      const first = chapter.intro[0] ?? chapter.sections[0]?.paragraphs[0];
      if (first) expect(text).toContain(first.split(/\s+/).slice(0, 8).join(' '));
    }
    expect(text).toContain('Mise à disposition');
    expect(text).toMatch(/Étape 1 : |Statut définitif/);
  });
});

it('the guides differ by audience: each has the topics of its readers only', () => {
  expect(guideTopics('supplier')).toContain('premiere-facture');
  expect(guideTopics('supplier')).not.toContain('traiter-factures');
  expect(guideTopics('recipient')).toContain('traiter-factures');
  expect(guideTopics('recipient')).not.toContain('premiere-facture');
});
