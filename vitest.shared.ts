import { defineConfig } from 'vitest/config';

/**
 * Test settings every workspace package extends: resolve workspace packages to their TS source,
 * and leave a JSON report in test-results/ that `pnpm test` adds up into one closing line
 * (scripts/test.mjs).
 */
export default defineConfig({
  resolve: { conditions: ['@orderkit/source'] },
  ssr: { resolve: { conditions: ['@orderkit/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    // CI runs every package's suite at once on two cores: a 2048-bit key generation or a Prism
    // start can take seconds there. Limits on what the code under test does are set by the tests
    // themselves (timeoutMs, deadlines), not by vitest's per-test budget.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
