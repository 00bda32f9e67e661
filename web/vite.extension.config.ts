import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The side panel extension: panel.html and its scripts, built beside the dashboard from the same
// sources (the API client, the row logic), with the extension's own files (manifest.json, the
// service worker) copied from ../extension as they are. The result is a directory Chromium loads
// with --load-extension; Maven packs it into the jar under io/datasipper/web/extension/.
export default defineConfig({
  plugins: [preact()],
  base: '/',
  publicDir: '../extension',
  build: {
    outDir: 'dist-extension',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Extension pages allow no inline script: keep every asset a file of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: { input: 'panel.html' },
  },
});
