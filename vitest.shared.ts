import { defineConfig } from 'vitest/config';

/** Test settings every workspace package extends: resolve workspace packages to their TS source. */
export default defineConfig({
  resolve: { conditions: ['@orderkit/source'] },
  ssr: { resolve: { conditions: ['@orderkit/source'] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
  },
});
