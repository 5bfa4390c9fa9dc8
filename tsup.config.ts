import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One build: ESM + CJS + .d.ts for every public entry. Entries that do not exist yet are skipped so
// the build stays green while the project grows. The React Native entry gets only its .d.ts here: its
// JavaScript is built file by file by scripts/build-rn.mjs (dist/rn), so Metro can pick each
// platform's files.
const entries: Record<string, string> = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'react-native/index': 'src/react-native/index.ts',
  'web/index': 'src/web/index.ts',
  'web/sw': 'src/web/sw.ts',
  'plugin/index': 'src/plugin/index.ts',
  'cli/index': 'src/cli/index.ts',
  'adapters/webrtc': 'src/adapters/webrtc.ts',
  'adapters/stream': 'src/adapters/stream.ts',
  'adapters/livekit': 'src/adapters/livekit.ts',
  'adapters/sessionListener': 'src/adapters/sessionListener.ts',
};
const entry = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));
const TYPES_ONLY = new Set(['react-native/index']);
const jsEntry = Object.fromEntries(Object.entries(entry).filter(([name]) => !TYPES_ONLY.has(name)));
const external = [
  'react-native',
  'react',
  '@expo/config-plugins',
  'livekit-client',
  '@stream-io/video-client',
];

export default defineConfig([
  {
    entry: jsEntry,
    format: ['esm', 'cjs'],
    dts: { entry },
    clean: true,
    sourcemap: false,
    target: 'es2020',
    platform: 'neutral',
    external,
    splitting: true,
    treeshake: true,
  },
  {
    // The web entry for production bundles (export condition `production`): config validation compiled out.
    entry: { 'web/index.production': 'src/web/index.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    clean: false,
    sourcemap: false,
    target: 'es2020',
    platform: 'neutral',
    external,
    define: { KEEPCALL_VALIDATE: 'false' },
    treeshake: true,
  },
  ...(existsSync('src/web/sw.ts')
    ? [
        {
          // A classic service worker can `importScripts` this file; it installs itself.
          entry: { 'web/keepcall-sw': 'src/web/sw.ts' },
          format: ['iife' as const],
          outExtension: () => ({ js: '.js' }),
          target: 'es2020',
          platform: 'browser' as const,
          minify: true,
          dts: false,
          clean: false,
        },
      ]
    : []),
]);
