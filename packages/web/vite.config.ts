import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deferStylesheet } from './build/defer-stylesheet.js';
import { precompress } from './build/precompress.js';
import { pruneIcons } from './build/prune-icons.js';
import { subsetFonts } from './build/subset-fonts.js';
import { userGuides } from './build/user-guides.js';

const src = fileURLToPath(new URL('src', import.meta.url));
const reactDsfr = path.dirname(
  createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/package.json'),
);

// The portal is a static bundle served by the Chorale server (packages/server serves dist/).
// In development (`npm run dev -w @chorale/web`) Vite proxies the API to a running server.
export default defineConfig({
  plugins: [
    react(),
    // Icons named by the portal's sources and by react-dsfr's components (its JS files).
    pruneIcons({ sources: [src, reactDsfr] }),
    subsetFonts(),
    deferStylesheet(),
    // The user guides (PDF) from the help pages' texts, before compression sees the output.
    userGuides(),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets the bundle-size test follow the entry's static imports.
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    // The DSFR's icon sheet names 2,640 SVG icons; inlined as data: URLs they made the one
    // stylesheet 2 MB, paid on every cold visit for the dozen icons the portal shows. As files,
    // the browser fetches an icon only when an element on screen uses it.
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
