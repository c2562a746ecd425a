// Vitest: node-side tests (core, cli, shell with a fake electron) and component tests (jsdom).
// A final plain "N passed, N failed" line is printed for CI.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_PATH as chromium } from './scripts/headless-chromium.mjs';

// The browser tests drive Debian's Chromium. Without it they are skipped, saying so, except in CI,
// where .ci/run installs it and a missing browser must fail the run instead of hiding tests.
const browserTests = existsSync(chromium) || process.env.CI === 'true';
if (!browserTests) {
  process.stderr.write(
    `Chromium not found at ${chromium}: browser (e2e) tests skipped. ` +
      'Install it with `apt-get install chromium` (or set PORTHOLE_CHROMIUM) to run them.\n',
  );
}

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        test: {
          name: 'dom',
          include: ['tests/dom/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/dom/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: browserTests ? ['tests/e2e/**/*.test.ts'] : [],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on two cores.
          fileParallelism: false,
        },
      },
      {
        // A real dockerd (root only; skipped, saying why, elsewhere). Its own project: the daemon's
        // forwarders, bridge and iptables rules must not land in the parallel node tests' snapshots,
        // starting it needs longer hooks, and the unprivileged CI pass (--project node) skips nothing.
        test: {
          name: 'engine',
          include: ['tests/engine/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A real Electron and electron-builder's packing: one at a time, like the browser tests
          // (Vitest runs such files alone, after the parallel ones). Both only read out/.
          fileParallelism: false,
        },
      },
    ],
  },
});
