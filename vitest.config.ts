import { defineConfig } from 'vitest/config';

// Dates in the story are written in Asia/Almaty and UTC; tests must not depend on the machine's zone.
// Set here (not only on the command line) so `npx vitest` alone gives the same results; workers inherit it.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    environment: 'node',
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    projects: [
      // Pure tests: no build, no browser, no dist/. Run before the build in `npm test`.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Tests that start Astro builds or a browser, or read the built dist/. Run after `npm run build`.
      { extends: true, test: { name: 'build', include: ['tests/build/**/*.test.ts'] } },
    ],
  },
});
