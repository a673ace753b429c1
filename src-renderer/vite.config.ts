/**
 * Renderer build. `base: './'` keeps every asset URL relative so the same files load from
 * file:// in Electron and from the loopback host. Nothing is fetched from the network, and the
 * built page carries a strict CSP (no inline script, no eval; frame-ancestors is a header-only
 * directive, so the host sends that one); in dev, Vite's own client needs
 * inline styles, so the policy is added only to the build.
 */
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { META_CONTENT_SECURITY_POLICY } from '../src-main/hosts/csp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const CSP = META_CONTENT_SECURITY_POLICY;

function contentSecurityPolicy(): Plugin {
  return {
    name: 'region-sync-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [svelte(), contentSecurityPolicy()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a single chunk keeps file:// loading simple.
    chunkSizeWarningLimit: 1000,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
