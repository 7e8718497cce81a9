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
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
