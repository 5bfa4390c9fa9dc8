// Bundling with the real Metro (React Native's bundler, installed here with react-native), as an app's
// release or development build does; used by the pack test and the bundle bench.
// The repository has no @react-native/babel-preset, so by default Babel does one thing: ES modules to
// CommonJS (@babel/plugin-transform-modules-commonjs, as the preset does); the bundle bench passes a real
// preset it installs into a temp folder (an app's Babel, what its release build really adds). The rest that matters is Metro's own
// transform worker: it inlines `__DEV__`, `process.env.NODE_ENV` and `Platform.OS`, and when `dev` is
// false folds constants, before it collects each module's dependencies. Metro resolves as an app's
// metro.config does: the `react-native` export condition (then `import` or `require`, as the module
// asks), `.android.js` / `.ios.js` / `.native.js` before `.js`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runBuild } from 'metro';
import { getDefaultConfig, mergeConfig } from 'metro-config';

const require = createRequire(import.meta.url);

/** React Native's stand-in: what keepcall touches when it loads; records the headless tasks. */
const REACT_NATIVE = `const tasks = [];
globalThis.headlessTasks = tasks;
module.exports = {
  AppRegistry: { registerHeadlessTask: function (key) { tasks.push(key); } },
  AppState: { currentState: 'active', addEventListener: function () { return { remove: function () {} }; } },
  PermissionsAndroid: { request: function () { return Promise.resolve('granted'); } },
  TurboModuleRegistry: { get: function () { return {}; } },
};
`;
const REACT = 'exports.useEffect = function () {};\n';

/**
 * An app folder Metro can bundle: stand-ins for react-native and react in its node_modules, a Babel
 * config (`babelPreset`: the path of a preset such as @react-native/babel-preset, else ES modules to
 * CommonJS only), and `files` (the entries, by path relative to `dir`).
 */
export function writeMetroApp(dir: string, files: Record<string, string>, babelPreset?: string): void {
  const stub = (name: string, code: string) => {
    const folder = join(dir, 'node_modules', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ name, version: '0.0.0-stub', main: 'index.js' }),
    );
    writeFileSync(join(folder, 'index.js'), code);
  };
  stub('react-native', REACT_NATIVE);
  stub('react', REACT);
  // Found by Babel at the project root and applied to every file Metro transforms, node_modules too.
  const babel = babelPreset
    ? { presets: [babelPreset] }
    : { plugins: [require.resolve('@babel/plugin-transform-modules-commonjs')] };
  writeFileSync(join(dir, 'babel.config.json'), JSON.stringify(babel));
  for (const [path, code] of Object.entries(files)) writeFileSync(join(dir, path), code);
}

export interface MetroBuild {
  /** The app folder written by writeMetroApp: the project root, and where Metro keeps its caches. */
  projectRoot: string;
  /** The entry file, relative to projectRoot. */
  entry: string;
  platform: 'android' | 'ios';
  dev: boolean;
  minify: boolean;
  /** Folders outside projectRoot that modules come from (Metro only reads files it watches). */
  watchFolders?: string[];
  /** Where Metro looks for a package once no node_modules above the importing file has it. */
  nodeModulesPaths?: string[];
}

export interface MetroBundle {
  code: string;
  /** Absolute paths of the bundle's modules, from its source map (Metro's prelude left out). */
  modules: string[];
}

/**
 * One `Metro.runBuild`, in this process (one worker), from scratch: no transform cache (Metro writes
 * it without waiting, so a write could land after the caller removed the folder), the file map's
 * cache inside the project, reset.
 */
export async function metroBundle(build: MetroBuild): Promise<MetroBundle> {
  const { projectRoot } = build;
  const fileMapCache = join(projectRoot, '.metro-cache');
  mkdirSync(fileMapCache, { recursive: true });
  const config = mergeConfig(await getDefaultConfig(projectRoot), {
    projectRoot,
    // The require polyfill every bundle starts with comes from metro-runtime, installed with Metro.
    watchFolders: [
      projectRoot,
      ...(build.watchFolders ?? []),
      dirname(require.resolve('metro-runtime/package.json')),
    ],
    maxWorkers: 1,
    resetCache: true,
    cacheStores: [],
    fileMapCacheDirectory: fileMapCache,
    reporter: { update: () => {} },
    resolver: {
      unstable_enablePackageExports: true,
      unstable_conditionNames: ['react-native'],
      resolverMainFields: ['react-native', 'browser', 'main'],
      nodeModulesPaths: build.nodeModulesPaths ?? [],
      useWatchman: false,
    },
    transformer: {
      // Metro adds it to every bundle's dependency map; by path, as metro-runtime is not in the project.
      asyncRequireModulePath: require.resolve('metro-runtime/src/modules/asyncRequire'),
    },
  });
  const result = await runBuild(config, {
    entry: build.entry,
    platform: build.platform,
    dev: build.dev,
    minify: build.minify,
  });
  const map = JSON.parse(result.map) as { sources: string[] };
  return { code: result.code, modules: map.sources.filter((source) => source !== '__prelude__') };
}
