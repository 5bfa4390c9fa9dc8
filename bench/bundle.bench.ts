// What `import { KeepCall } from 'keepcall'` adds to a React Native app's bundle, per platform: an
// esbuild bundle of a one-line entry resolved as Metro resolves it for Android or iOS (`.android.ts` /
// `.ios.ts`, then `.native.ts`, then `.ts`), `react-native` external (the app has it anyway), a
// release build (`__DEV__` false, so no config validation), minified, then gzipped — the same measure
// for react-native-callkeep and @notifee/react-native, per platform, in the same run. One more row
// shows the development build, whose valibot validation a release build drops.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchRow } from './types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REACT_NATIVE = ['react-native', 'react-native/*', 'react', 'react/*'];

type Os = 'android' | 'ios';
const OS_NAME: Record<Os, string> = { android: 'Android', ios: 'iOS' };

interface BundleOptions {
  /** Metro's platform: its files win over `.native` and plain ones; none for a platform-free bundle. */
  os?: Os;
  /** `__DEV__`: true in a development build, false in a release build. */
  dev?: boolean;
  external?: string[];
}

/** Bytes of the minified bundle of `entry` (source text, resolved from the project root) after gzip. */
export async function bundledBytes(
  entry: string,
  { os, dev = false, external = REACT_NATIVE }: BundleOptions = {},
): Promise<{ min: number; gzip: number }> {
  const platform = os ? [`.${os}.ts`, '.native.ts'] : ['.native.ts'];
  const platformJs = os ? [`.${os}.js`, '.native.js'] : ['.native.js'];
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'app-entry.ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    // What Metro resolves first, then the usual fields.
    mainFields: ['react-native', 'browser', 'module', 'main'],
    conditions: ['react-native', 'import', 'require', 'default'],
    resolveExtensions: [...platform, '.ts', '.tsx', ...platformJs, '.js', '.jsx', '.json'],
    loader: { '.js': 'jsx' },
    external,
    define: {
      __DEV__: String(dev),
      'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production'),
    },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const KEEPCALL = "export { KeepCall } from './src/react-native/index.ts';";
const PEERS = [
  { name: 'react-native-callkeep', source: "export { default } from 'react-native-callkeep';" },
  { name: '@notifee/react-native', source: "export { default } from '@notifee/react-native';" },
];
const ADAPTERS = ['webrtc', 'stream', 'livekit', 'sessionListener'];
const KB = 1024;
const kb = (bytes: number) => Math.round((bytes / KB) * 100) / 100;

/** One platform's release bundle of keepcall against each peer's, bundled the same way. */
async function platformRows(os: Os): Promise<BenchRow[]> {
  const [keepcall, ...peers] = await Promise.all([
    bundledBytes(KEEPCALL, { os }),
    ...PEERS.map((peer) => bundledBytes(peer.source, { os })),
  ]);
  return PEERS.map((peer, index) => ({
    name: `keepcall, ${OS_NAME[os]} release: bundle min+gzip vs ${peer.name}`,
    value: kb(keepcall?.gzip ?? 0),
    unit: 'KB',
    target: '≤ 6 KB',
    peer: { name: peer.name, value: kb(peers[index]?.gzip ?? 0) },
  }));
}

/** Bundle bytes of keepcall against its two peers, per platform, and of each adapter. */
export default async function bundleBench(): Promise<BenchRow[]> {
  // Each adapter bundled with nothing external: the SDKs are imported as types only, so a figure far
  // above a kilobyte would mean an SDK got into the bundle a second time.
  const [adapters, android, ios, development] = await Promise.all([
    Promise.all(
      ADAPTERS.map(async (name) => ({
        name,
        bytes: await bundledBytes(`export * from './src/adapters/${name}.ts';`, { external: [] }),
      })),
    ),
    platformRows('android'),
    platformRows('ios'),
    bundledBytes(KEEPCALL, { os: 'android', dev: true }),
  ]);
  return [
    ...adapters.map(({ name, bytes }) => ({
      name: `keepcall/adapters/${name}: bundle min+gzip, SDK not included`,
      value: kb(bytes.gzip),
      unit: 'KB',
      target: '≤ 2 KB (an SDK is 100+ KB)',
    })),
    ...android,
    ...ios,
    {
      name: 'keepcall, Android development (__DEV__, config validated): bundle min+gzip',
      value: kb(development.gzip),
      unit: 'KB',
    },
  ];
}
