import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real-browser and packaging tests are heavy; two cores means two workers at most.
    maxWorkers: 2,
  },
});
