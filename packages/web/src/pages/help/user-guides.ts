import type { Bilingual } from './statuses.js';

/**
 * The two user guides, PDFs made at build time from the help pages (build/user-guides.ts) and
 * served under /guides/. In French: the help's first language.
 */
export interface UserGuide {
  file: string;
  audience: 'supplier' | 'recipient';
  title: Bilingual;
}

export const USER_GUIDES: readonly UserGuide[] = [
  {
    file: 'chorale-guide-fournisseurs.pdf',
    audience: 'supplier',
    title: { fr: 'Guide des fournisseurs', en: 'Guide for suppliers (in French)' },
  },
  {
    file: 'chorale-guide-structures-publiques.pdf',
    audience: 'recipient',
    title: {
      fr: 'Guide des structures publiques',
      en: 'Guide for public bodies (in French)',
    },
  },
];
