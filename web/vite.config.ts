/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The built files go into the jar under io/datasipper/web/ui/ (Maven copies them from dist/);
// the local server serves index.html at / and the hashed files at /assets/.
export default defineConfig({
  plugins: [preact()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The CSP allows no inline script or style: keep every asset a file of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The editor's chunk (CodeMirror with its JavaScript language, about 510 kB) is fetched by the
    // transform page alone, with import(): the first load does not carry it.
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
