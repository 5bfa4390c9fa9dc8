// What `import { KeepCall } from 'keepcall'` adds to a React Native app's bundle, per platform: an
// esbuild bundle of a one-line entry resolved as Metro resolves it for Android or iOS (`.android.ts` /
// `.ios.ts`, then `.native.ts`, then `.ts`), `react-native` external (the app has it anyway), a
// release build (`__DEV__` false, so no config validation), minified, then gzipped — the same measure
// for react-native-callkeep and @notifee/react-native, per platform, in the same run. One more row
// shows the development build, whose valibot validation a release build drops.
// The Metro rows measure the shipped dist/rn files with the real Metro, which drops no unused export:
// see metroRows.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { MANGLE_PROPS } from '../scripts/mangle-props.mjs';
import { metroBundle, writeMetroApp } from '../test/pack/metro';
import { USER_ENV } from '../test/pack/tarball';
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
  /**
   * Shorten the engine's private property names as scripts/build-rn.mjs does for dist/rn (what Metro
   * bundles in an app): keepcall's React Native rows only, never a peer's code.
   */
  mangle?: boolean;
}

/** Bytes of the minified bundle of `entry` (source text, resolved from the project root) after gzip. */
export async function bundledBytes(
  entry: string,
  { os, dev = false, external = REACT_NATIVE, mangle = false }: BundleOptions = {},
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
    ...(mangle && { mangleProps: MANGLE_PROPS }),
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
    bundledBytes(KEEPCALL, { os, mangle: true }),
    ...PEERS.map((peer) => bundledBytes(peer.source, { os })),
  ]);
  return PEERS.map((peer, index) => ({
    name: `keepcall, ${OS_NAME[os]} release: bundle min+gzip vs ${peer.name}`,
    value: kb(keepcall?.gzip ?? 0),
    unit: 'KB',
    target: '≤ 8 KB (ceiling)',
    peer: { name: peer.name, value: kb(peers[index]?.gzip ?? 0) },
  }));
}

/**
 * The repository's dist/rn, what the package ships for React Native; built first (scripts/build-rn.mjs,
 * the React Native half of `npm run build`) when missing or older than its sources, and said so.
 */
function shippedReactNative(): string {
  const dist = join(root, 'dist/rn');
  const built = join(dist, 'esm/react-native/index.js');
  const sources = [
    join(root, 'scripts/build-rn.mjs'),
    join(root, 'scripts/mangle-props.mjs'),
    ...['src/core', 'src/react-native'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name)),
    ),
  ];
  const newest = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < newest) {
    const why = existsSync(built) ? 'is older than src/' : 'is missing';
    console.error(
      `\nbundle bench: dist/rn ${why}; building it (node scripts/build-rn.mjs) for the Metro rows`,
    );
    execFileSync(process.execPath, ['scripts/build-rn.mjs'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return dist;
}

/**
 * @react-native/babel-preset at the repository's React Native minor, installed with npm into `dir`
 * (from npm's cache when it is there); its path, for an app's Babel config.
 */
function installBabelPreset(dir: string): { path: string; version: string; modules: string } {
  const reactNative = JSON.parse(
    readFileSync(join(root, 'node_modules/react-native/package.json'), 'utf8'),
  ) as {
    version: string;
  };
  const [major, minor] = reactNative.version.split('.');
  writeFileSync(join(dir, 'package.json'), '{"name":"babel-preset-bench","private":true}');
  execFileSync(
    'npm',
    [
      'install',
      `@react-native/babel-preset@~${major}.${minor}.0`,
      // The helpers the preset's output imports, which an app has through react-native.
      '@babel/runtime',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--silent',
    ],
    { cwd: dir, env: USER_ENV, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const path = join(dir, 'node_modules/@react-native/babel-preset');
  const { version } = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { version: string };
  return { path, version, modules: join(dir, 'node_modules') };
}

/**
 * What keepcall adds to a real Metro release bundle, per platform: gzip of the bundle of an app whose
 * entry imports KeepCall, minus gzip of the same app's bundle without it. Both import the same
 * stand-ins for react-native and react (an app has them anyway). Metro keeps every module it reaches
 * and every export in it, so this is all of keepcall's entry, not only KeepCall. Measured twice: with
 * Babel doing only ES modules → CommonJS, and with the @react-native/babel-preset an app has.
 */
async function metroRows(): Promise<BenchRow[]> {
  const preset = mkdtempSync(join(tmpdir(), 'keepcall-babel-preset-'));
  try {
    const babel = installBabelPreset(preset);
    return [
      ...(await metroRowsWith(undefined, 'Babel: ES modules only')),
      ...(await metroRowsWith(babel, `@react-native/babel-preset ${babel.version}`)),
    ];
  } finally {
    rmSync(preset, { recursive: true, force: true });
  }
}

async function metroRowsWith(
  preset: { path: string; modules: string } | undefined,
  babel: string,
): Promise<BenchRow[]> {
  const app = mkdtempSync(join(tmpdir(), 'keepcall-metro-bench-'));
  try {
    const keepcall = join(app, 'node_modules/keepcall');
    mkdirSync(join(keepcall, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(keepcall, 'package.json'));
    cpSync(shippedReactNative(), join(keepcall, 'dist/rn'), { recursive: true });
    const react = "import { AppRegistry } from 'react-native';\nimport { useEffect } from 'react';\n";
    writeMetroApp(
      app,
      {
        'with.js': `${react}import { KeepCall } from 'keepcall';\nglobalThis.app = [AppRegistry, useEffect, KeepCall];\n`,
        'without.js': `${react}globalThis.app = [AppRegistry, useEffect];\n`,
      },
      preset?.path,
    );
    const rows: BenchRow[] = [];
    for (const platform of ['android', 'ios'] as const) {
      const gzip = async (entry: string) => {
        const { code } = await metroBundle({
          projectRoot: app,
          entry,
          platform,
          dev: false,
          minify: true,
          ...(preset ? { watchFolders: [preset.modules], nodeModulesPaths: [preset.modules] } : {}),
        });
        return gzipSync(code, { level: 9 }).byteLength;
      };
      const added = (await gzip('with.js')) - (await gzip('without.js'));
      rows.push({
        name: `keepcall, ${OS_NAME[platform]} release, Metro (${babel}; no tree-shaking, all of keepcall's entry): bundle min+gzip added`,
        value: kb(added),
        unit: 'KB',
      });
    }
    return rows;
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

/**
 * A browser app's bundle of `import { KeepCall } from 'keepcall'`, min+gzip: development (config validated
 * with valibot) and production (the `production` export condition's build: KEEPCALL_VALIDATE false).
 */
async function webRows(): Promise<BenchRow[]> {
  const bytes = async (production: boolean) => {
    const result = await build({
      stdin: { contents: "export { KeepCall } from './src/web/index.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      define: production ? { KEEPCALL_VALIDATE: 'false' } : {},
      logLevel: 'silent',
    });
    return gzipSync(result.outputFiles?.[0]?.contents ?? new Uint8Array(), { level: 9 }).byteLength;
  };
  const [development, production] = await Promise.all([bytes(false), bytes(true)]);
  return [
    {
      name: 'keepcall, web development build (config validated): bundle min+gzip',
      value: kb(development),
      unit: 'KB',
    },
    {
      name: 'keepcall, web production build (`production` condition, no validator): bundle min+gzip',
      value: kb(production),
      unit: 'KB',
    },
  ];
}

/** Bundle bytes of keepcall against its two peers, per platform, and of each adapter. */
export default async function bundleBench(): Promise<BenchRow[]> {
  // Each adapter bundled with nothing external: the SDKs are imported as types only, so a figure far
  // above a kilobyte would mean an SDK got into the bundle a second time.
  const [adapters, android, ios, development, metro, web] = await Promise.all([
    Promise.all(
      ADAPTERS.map(async (name) => ({
        name,
        bytes: await bundledBytes(`export * from './src/adapters/${name}.ts';`, { external: [] }),
      })),
    ),
    platformRows('android'),
    platformRows('ios'),
    bundledBytes(KEEPCALL, { os: 'android', dev: true, mangle: true }),
    metroRows(),
    webRows(),
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
    ...metro,
    ...web,
  ];
}
