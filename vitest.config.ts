import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { mangledEngine } from './test/scripts/mangled-engine';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real-browser and packaging tests are heavy; two cores means two workers at most.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'keepcall', include: ['test/**/*.test.ts'] } },
      // The React Native suites again, over the engine as dist/rn ships it: its private property names
      // shortened (scripts/mangle-props.mjs), which a name read from outside the list would break.
      {
        extends: true,
        plugins: [mangledEngine(root)],
        test: { name: 'react-native, as shipped', include: ['test/react-native/**/*.test.ts'] },
      },
    ],
  },
});
