// What `import { KeepCall } from 'keepcall'` adds to a React Native app's bundle: an esbuild bundle
// of a one-line entry, `react-native` external (the app has it anyway), minified, then gzipped —
// the same measure for react-native-callkeep and @notifee/react-native, in the same run.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchRow } from './types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bytes of the minified bundle of `entry` (source text, resolved from the project root) after gzip. */
export async function bundledBytes(
  entry: string,
  external: string[] = ['react-native', 'react-native/*', 'react', 'react/*'],
): Promise<{ min: number; gzip: number }> {
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
    resolveExtensions: ['.native.ts', '.native.js', '.ts', '.tsx', '.js', '.jsx', '.json'],
    loader: { '.js': 'jsx' },
    external,
    define: { __DEV__: 'false', 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** keepcall's React Native entry once it exists; the core facade until then (the row says which). */
function keepcallEntry(): { label: string; source: string } {
  if (existsSync(join(root, 'src/react-native/index.ts'))) {
    return { label: 'keepcall', source: "export { KeepCall } from './src/react-native/index.ts';" };
  }
  return {
    label: 'keepcall (core only: src/react-native/index.ts missing)',
    source: "export { createKeepCall } from './src/core/index.ts';",
  };
}

const ADAPTERS = ['webrtc', 'stream', 'livekit', 'sessionListener'];
const KB = 1024;
const kb = (bytes: number) => Math.round((bytes / KB) * 100) / 100;

/** Bundle bytes of keepcall against its two peers. */
export default async function bundleBench(): Promise<BenchRow[]> {
  const ours = keepcallEntry();
  const [keepcall, callkeep, notifee] = await Promise.all([
    bundledBytes(ours.source),
    bundledBytes("export { default } from 'react-native-callkeep';"),
    bundledBytes("export { default } from '@notifee/react-native';"),
  ]);
  // Each adapter bundled with nothing external: the SDKs are imported as types only, so a figure far
  // above a kilobyte would mean an SDK got into the bundle a second time.
  const adapters = await Promise.all(
    ADAPTERS.map(async (name) => ({
      name,
      bytes: await bundledBytes(`export * from './src/adapters/${name}.ts';`, []),
    })),
  );
  return [
    ...adapters.map(({ name, bytes }) => ({
      name: `keepcall/adapters/${name}: bundle min+gzip, SDK not included`,
      value: kb(bytes.gzip),
      unit: 'KB',
      target: '≤ 2 KB (an SDK is 100+ KB)',
    })),
    {
      name: `${ours.label}: bundle min+gzip vs react-native-callkeep`,
      value: kb(keepcall.gzip),
      unit: 'KB',
      target: '≤ 6 KB',
      peer: { name: 'react-native-callkeep', value: kb(callkeep.gzip) },
    },
    {
      name: `${ours.label}: bundle min+gzip vs @notifee/react-native`,
      value: kb(keepcall.gzip),
      unit: 'KB',
      target: '≤ 6 KB',
      peer: { name: '@notifee/react-native', value: kb(notifee.gzip) },
    },
  ];
}
