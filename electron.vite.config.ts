// The one build of out/main, out/preload and out/renderer (`npm run build`; out/node is tsc's).
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

const projectRoot = import.meta.dirname;
const rendererRoot = resolve(projectRoot, 'src-renderer');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(projectRoot, 'out/main'),
      // `externalizeDeps` (on by default) leaves package.json dependencies such as
      // systeminformation as imports; electron-builder packs them from node_modules.
      rolldownOptions: {
        input: { index: resolve(projectRoot, 'src-main/electron/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(projectRoot, 'out/preload'),
      // A sandboxed preload can require only `electron` and a few built-ins, so everything
      // else (zod, the shared contract) is bundled into the one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(projectRoot, 'src-main/preload/index.ts') },
        // The package is "type": "module"; sandboxed preloads cannot be ES modules, hence .cjs.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  // The window, built once: Electron's porthole://app/ and browser mode's loopback server both
  // serve these same files.
  renderer: {
    root: rendererRoot,
    // Relative asset URLs: the same files load under porthole://app/ and from the loopback server.
    base: './',
    // The root is src-renderer/, so point the plugin at the one svelte.config.js at the top.
    plugins: [svelte({ configFile: resolve(projectRoot, 'svelte.config.js') })],
    publicDir: false,
    build: {
      outDir: resolve(projectRoot, 'out/renderer'),
      emptyOutDir: true,
      // Modern evergreen browsers and Electron 45's Chromium both understand ES2023.
      target: 'es2023',
      // Both browsers the window runs in know <link rel="modulepreload">: no polyfill to run at start.
      modulePreload: { polyfill: false },
      // electron-vite leaves its builds unminified unless told: the app's window would parse and
      // compile a script 2.5x the size (414 KB instead of 167 KB) on every start.
      minify: true,
      reportCompressedSize: false,
      rolldownOptions: {
        input: resolve(rendererRoot, 'index.html'),
        // Svelte's compiler is the slow part by design; the timing warning says nothing new.
        checks: { bundlerTimings: false },
      },
    },
  },
});
