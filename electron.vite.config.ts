// electron-vite build of the desktop app: main (ESM), preload (one CommonJS file), renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererOptions } from './vite.renderer.config.js';

const projectRoot = import.meta.dirname;

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
  renderer: rendererOptions(),
});
