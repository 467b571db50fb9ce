import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app loads ui/dist from Tauri's custom protocol: relative asset paths, no dev server.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    // Inline assets would need data: URLs for fonts; keep them as files under the strict CSP.
    assetsInlineLimit: 0,
  },
});
