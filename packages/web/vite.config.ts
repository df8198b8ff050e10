import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The portal is a static bundle served by the Chorale server (packages/server serves dist/).
// In development (`npm run dev -w @chorale/web`) Vite proxies the API to a running server.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets the bundle-size test follow the entry's static imports.
    manifest: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
