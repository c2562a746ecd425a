// Vitest: node-side tests (core, cli); a final plain "N passed, N failed" line is printed for CI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
