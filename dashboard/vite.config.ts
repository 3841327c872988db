import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev:ui` proxies the admin API and the session to a running gateway.
const gateway = process.env.SWITCHYARD_URL ?? 'http://127.0.0.1:4000';

/**
 * The dashboard: static files under /ui/ (hashed assets in /ui/assets/), built into dist/ui beside the
 * server's build. No inline scripts or styles (the gateway serves it under a strict CSP), no source maps
 * (they would point at sources the package does not ship).
 */
export default defineConfig({
  root: here,
  base: '/ui/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/admin': gateway,
      '/ui/session': gateway,
    },
  },
});
