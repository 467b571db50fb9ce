/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app loads ui/dist from Tauri's custom protocol: relative asset paths, no dev server.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [svelte()],
  define: {
    // The benchmark's test seam (src/lib/saveTimings.ts) exists only in `vite build --mode
    // bench`: everywhere else this is `false` and the bundler drops the seam.
    __RUNG_BENCH__: JSON.stringify(mode === 'bench'),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    // Inline assets would need data: URLs for fonts; keep them as files under the strict CSP.
    assetsInlineLimit: 0,
  },
  test: {
    // Unit tests of plain TypeScript modules (the save queue, the debouncer): no DOM.
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
}));
