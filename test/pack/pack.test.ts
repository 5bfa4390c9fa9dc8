// keepcall as a user gets it: `npm pack` (which builds), install the tarball into an empty project, run the
// config plugin through app.plugin.js on a copy of the Expo template, and `npx keepcall doctor` on it;
// bundle the installed package as Metro does for each platform (esbuild set up as Metro resolves), then
// with the real Metro.
// One pack and one install for the whole file: they take minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchTemplate } from '../../scripts/fetch-template.mjs';
import { docsBlocks, extractBlocks, typeCheckBlocks } from '../docs/blocks';
import { installableTemplate, templateManifest } from './expo-template';
import { type MetroBundle, metroBundle, writeMetroApp } from './metro';
import { packKeepcall, REPO, USER_ENV } from './tarball';

const PROPS = { androidKeepCallAlive: true, iosKeepCallAlive: true };

let work = '';
let tarball = '';
let tarballFiles: string[] = [];
let scratch = '';

/** Every npm install here says it too, so no user or global setting turns the peer check off. */
const PLAIN = ['--legacy-peer-deps=false', '--strict-peer-deps=false', '--no-audit', '--no-fund'];

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: USER_ENV });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: USER_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

type Os = 'android' | 'ios';
type Condition = 'import' | 'require';
type Kit = Os | 'web';
const OTHERS: Record<Os, Kit[]> = { android: ['ios', 'web'], ios: ['android', 'web'] };
/**
 * A command only each platform's kit sends, as a string literal that survives minification: the
 * shipped React Native files bundle a platform's whole engine, so its kit is found in the code.
 */
const KIT_CODE: Record<Kit, RegExp> = {
  android: /["']service\.start["']/,
  ios: /["']callkit\.configure["']/,
  web: /["']web\.session["']/,
};

/** The bundle carries `os`'s kit and no other platform's (not the fallback holding every kit). */
function expectOnlyKit(os: Os, code: string) {
  expect(code).toMatch(KIT_CODE[os]);
  for (const other of OTHERS[os]) expect(code).not.toMatch(KIT_CODE[other]);
}

/**
 * keepcall's files in a platform's release bundle: the platform's instance (its whole engine, bundled
 * by scripts/build-rn.mjs), the entry over it, and what stays one module of its own: errors
 * (KeepCallError, which the development-only validator throws too), checks.native (its __DEV__ require
 * of the validator folded away) and the TurboModule spec codegen reads.
 */
function releaseFiles(tree: string, os: Os): string[] {
  return [
    'core/errors.js',
    'react-native/NativeKeepCall.js',
    'react-native/checks.native.js',
    'react-native/index.js',
    `react-native/instance.${os}.js`,
  ].map((file) => `${tree}${file}`);
}
const ENTRY: Record<Condition, string> = {
  import: "export { KeepCall } from 'keepcall';",
  require: "exports.KeepCall = require('keepcall').KeepCall;",
};

interface AppBundle {
  /** keepcall's files in the bundle, relative to the installed package. */
  files: string[];
  /** Other packages' files in the bundle. */
  packages: string[];
  code: string;
}

/** `import { KeepCall } from 'keepcall'` (or its require) in an app, resolved as Metro does for `os`. */
async function bundleForApp(os: Os, options: { dev: boolean; condition: Condition }): Promise<AppBundle> {
  const result = await build({
    // esbuild picks `import` or `require` from how the entry asks for keepcall.
    stdin: { contents: ENTRY[options.condition], resolveDir: scratch, sourcefile: 'App.js' },
    absWorkingDir: scratch,
    bundle: true,
    minify: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    conditions: ['react-native', options.condition],
    mainFields: ['react-native', 'module', 'main'],
    resolveExtensions: [`.${os}.js`, '.native.js', '.js', '.json'],
    external: ['react-native', 'react'],
    define: { __DEV__: String(options.dev) },
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => file !== 'App.js');
  const ours = 'node_modules/keepcall/';
  return {
    files: inputs.filter((file) => file.startsWith(ours)).map((file) => file.slice(ours.length)),
    packages: inputs.filter((file) => !file.startsWith(ours)),
    code: result.outputFiles[0]?.text ?? '',
  };
}

/** The headless task is Android's (a cold start of its service); iOS registers none. */
const TASKS: Record<Os, string[]> = { android: ['KeepCallTask'], ios: [] };

/**
 * What of React Native a platform's bundle reads, from its code: property accesses survive
 * minification, and the stand-in (inside Metro's bundles) only defines its exports, never reads them.
 * Android takes the app state and the permissions from the native module, so no AppState and no
 * PermissionsAndroid.check; iOS needs neither PermissionsAndroid nor the headless task.
 */
function expectReactNativeUse(os: Os, code: string) {
  expect(code).not.toMatch(/\.PermissionsAndroid\.check\b/);
  if (os === 'android') {
    expect(code).toMatch(/\.AppRegistry\.registerHeadlessTask\(/);
    expect(code).toMatch(/\.PermissionsAndroid\.request\(/);
    expect(code).not.toMatch(/\.AppState\b/);
  } else {
    expect(code).toMatch(/\.AppState\b/);
    expect(code).not.toMatch(/\.(AppRegistry|registerHeadlessTask|PermissionsAndroid)\b/);
  }
}

interface RunningApp {
  KeepCall: { updateConfig(input: unknown): void };
  /** The headless tasks it registered with React Native. */
  tasks: string[];
  /** The KeepCallError class the app imports, where the app exposes it. */
  KeepCallError?: new (
    ...args: never[]
  ) => unknown;
}

/** Runs a bundle as an app would, over a stand-in React Native; returns its exports and headless tasks. */
function runBundle(code: string): RunningApp {
  const tasks: string[] = [];
  const reactNative = {
    AppRegistry: { registerHeadlessTask: (key: string) => tasks.push(key) },
    AppState: { currentState: 'active', addEventListener: () => ({ remove() {} }) },
    PermissionsAndroid: { request: async () => 'granted' },
    TurboModuleRegistry: { get: () => ({}) },
  };
  const modules: Record<string, unknown> = { 'react-native': reactNative, react: { useEffect() {} } };
  const module = { exports: {} as { KeepCall: { updateConfig(input: unknown): void } } };
  const require = (id: string) => {
    if (!(id in modules)) throw new Error(`the bundle required ${id}`);
    return modules[id];
  };
  runInNewContext(code, { module, exports: module.exports, require });
  return { KeepCall: module.exports.KeepCall, tasks };
}

/** What updateConfig throws for a bad field, or undefined, once the app has loaded keepcall. */
function configError({
  KeepCall,
}: RunningApp): { name?: string; code?: string; message?: string } | undefined {
  try {
    KeepCall.updateConfig({ ios: { appName: 42 } });
    return undefined;
  } catch (error) {
    return error as { code?: string; message?: string };
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keepcall-pack-'));
  tarball = packKeepcall(work, USER_ENV);
  tarballFiles = sh('tar', ['tzf', tarball], work)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/^package\//, ''));

  scratch = join(work, 'scratch');
  mkdirSync(scratch);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  sh('npm', ['install', tarball, '--prefer-offline', '--silent', ...PLAIN], scratch);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('holds the build, the native code, the podspec and app.plugin.js', () => {
    for (const file of [
      'dist/plugin/index.cjs',
      'dist/cli/index.cjs',
      'dist/react-native/index.d.ts',
      'dist/rn/cjs/package.json',
      'android/src/main/AndroidManifest.xml',
      'keepcall.podspec',
      'app.plugin.js',
      'package.json',
    ]) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.some((file) => file.startsWith('ios/'))).toBe(true);
    // React Native's files one by one, so Metro picks each platform's (see the bundles below).
    for (const tree of ['esm', 'cjs']) {
      for (const name of [
        'index',
        'instance',
        'instance.android',
        'instance.ios',
        'android',
        'ios',
        'checks',
        'checks.native',
      ]) {
        expect(tarballFiles).toContain(`dist/rn/${tree}/react-native/${name}.js`);
      }
    }
  });

  test('every file package.json points at is in it', () => {
    const manifest = JSON.parse(readFileSync(join(scratch, 'node_modules/keepcall/package.json'), 'utf8'));
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect([manifest.main, manifest.module, manifest.types, manifest['react-native'], manifest.bin]);
    // A module listed in sideEffects that the build does not write would leave the real one unlisted.
    collect(manifest.sideEffects);
    collect(manifest.exports);
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      const literal = (text: string) => text.replace(/[.+?^$()|[\]\\{}]/g, '\\$&');
      const pattern = new RegExp(`^${path.split('*').map(literal).join('.+')}$`);
      expect(
        tarballFiles.some((file) => pattern.test(file)),
        `${target} is not in the tarball`,
      ).toBe(true);
    }
  });

  test('holds no tests or fixtures', () => {
    const leaked = tarballFiles.filter((file) =>
      /(^|\/)(test|tests|__tests__|fixtures)\/|\.test\.[cm]?[jt]s$/.test(file),
    );
    expect(leaked).toEqual([]);
  });

  test('installs only keepcall and its own dependencies: no Expo tooling', () => {
    const installed = readdirSync(join(scratch, 'node_modules'));
    expect(installed).toContain('keepcall');
    expect(installed).not.toContain('vitest');
    expect(installed).not.toContain('react-native');
    // Expo's tooling is the app's (an optional peer), not downloaded by a web or bare app.
    expect(installed).not.toContain('@expo');
    expect(installed.filter((name) => !name.startsWith('.')).sort()).toEqual(['keepcall', 'valibot']);
  });

  test('without Expo’s tooling, doctor and the plugin name what to install', () => {
    const app = join(scratch, 'app-without-tooling');
    cpSync(fetchTemplate(), app, { recursive: true });
    const doctor = run('npx', ['keepcall', 'doctor', app], scratch);
    expect(doctor.code).toBe(2);
    expect(doctor.stderr).toContain("keepcall doctor needs Expo's config tooling");
    expect(doctor.stderr).toContain('npm install --save-dev @expo/config-plugins');
    const plugin = run(
      'node',
      [
        '-e',
        `require('keepcall/app.plugin.js').default({ name: 'x', slug: 'x', _internal: { projectRoot: ${JSON.stringify(app)} } }, {})`,
      ],
      scratch,
    );
    expect(plugin.code).toBe(1);
    expect(plugin.stderr).toContain("keepcall's config plugin needs Expo's config tooling");
    expect(plugin.stderr).toContain('npx expo install expo');
  });
});

describe('the untouched Expo bare template', () => {
  // What `npm install keepcall` does in a new Expo app: the template as published (its React Native is a
  // prerelease), plain npm. Resolving the tree is where a peer conflict (ERESOLVE) shows, so the lock-only
  // install does the whole of npm's resolution without downloading React Native and Expo.
  const lockOnly = (app: string) =>
    run('npm', ['install', tarball, '--package-lock-only', '--prefer-offline', ...PLAIN], app);
  /** `name@version` of each package npm found no such version of in the registry (ETARGET). */
  const notFound = (stderr: string) =>
    [...stderr.matchAll(/No matching version found for (\S+?)\.?$/gm)].map((match) => match[1]);

  test('plain `npm install` of the tarball meets no peer conflict', () => {
    const app = join(work, 'template-plain');
    cpSync(fetchTemplate(), app, { recursive: true });
    const result = lockOnly(app);
    expect(result.stderr).not.toContain('ERESOLVE');
    if (result.code === 0) return;
    // This registry lacks some of React Native's own packages at the template's prerelease (0.88.0-rc.2
    // names @react-native/*@0.88.0-rc.2; see the next test): that, and only that, may stop the install here.
    const version = templateManifest().dependencies['react-native'];
    const missing = notFound(result.stderr);
    expect(missing.length, result.stderr).toBeGreaterThan(0);
    for (const spec of missing) expect(spec).toMatch(new RegExp(`^@react-native/[a-z-]+@${version}$`));
  }, 300_000);

  test('with only what the registry lacks replaced, the whole Expo tree resolves with keepcall', () => {
    const app = join(work, 'template-resolvable');
    const overrides = installableTemplate(app, USER_ENV);
    const reactNative = templateManifest().dependencies['react-native'];
    // Today: five @react-native/*@0.88.0-rc.2 packages; none of them is keepcall's.
    expect(Object.keys(overrides).every((name) => name.startsWith('@react-native/'))).toBe(true);
    const result = lockOnly(app);
    expect(result.code, result.stderr).toBe(0);
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/react-native']?.version).toBe(reactNative);
    expect(lock.packages['node_modules/expo']?.version).toMatch(/^58\./);
    expect(lock.packages['node_modules/keepcall']?.version).toBe('0.1.0');
  }, 300_000);
});

describe('the docs’ TypeScript blocks, against the installed package', () => {
  const installed = () => join(scratch, 'node_modules/keepcall');

  test('every block in README.md and docs/*.md type-checks', () => {
    const blocks = docsBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(14);
    expect(typeCheckBlocks(blocks, join(work, 'docs-check'), installed())).toEqual([]);
  }, 120_000);

  test('a block that stops type-checking fails the check, named by its file and line', () => {
    const markdown = [
      '# A guide',
      '',
      '```ts',
      "import { KeepCall } from 'keepcall';",
      "KeepCall.updateConfig({ foregroundService: { android: { profile: 'loud' } } });",
      '```',
    ].join('\n');
    const errors = typeCheckBlocks(
      extractBlocks(markdown, 'docs/guide.md'),
      join(work, 'docs-broken'),
      installed(),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^docs\/guide\.md:5: Type '"loud"' is not assignable/);
  }, 120_000);
});

describe('from the installed package', () => {
  // What an Expo app has through `expo` (which cannot install from this registry, see above), and what a
  // bare React Native app adds: the same @expo/config-plugins the repository develops against.
  beforeAll(() => {
    const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).devDependencies[
      '@expo/config-plugins'
    ];
    sh(
      'npm',
      ['install', `@expo/config-plugins@${version}`, '--prefer-offline', '--silent', ...PLAIN],
      scratch,
    );
  }, 600_000);

  test('the plugin runs through app.plugin.js, and doctor goes from problems to clean', () => {
    const app = join(scratch, 'app');
    cpSync(fetchTemplate(), app, { recursive: true });
    const appJson = JSON.parse(readFileSync(join(app, 'app.json'), 'utf8')) as {
      expo: Record<string, unknown>;
    };
    appJson.expo.plugins = [['keepcall', PROPS]];
    writeFileSync(join(app, 'app.json'), JSON.stringify(appJson, null, 2));

    const before = run('npx', ['keepcall', 'doctor', 'app'], scratch);
    expect(before.code, before.stderr).toBe(1);
    expect(before.stdout).toContain('FOREGROUND_SERVICE_MICROPHONE is not declared');
    expect(before.stdout).toContain('UIBackgroundModes lacks "audio"');

    // What `expo prebuild` does with the plugin list, using the app's @expo/config-plugins.
    writeFileSync(
      join(scratch, 'prebuild.cjs'),
      `const { compileModsAsync, withPlugins } = require('@expo/config-plugins');
const root = require('node:path').join(__dirname, 'app');
const { expo } = require(root + '/app.json');
const config = withPlugins({ ...expo, _internal: { projectRoot: root } }, expo.plugins);
compileModsAsync(config, { projectRoot: root, platforms: ['android', 'ios'] }).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
`,
    );
    const prebuild = run('node', ['prebuild.cjs'], scratch);
    expect(prebuild.code, prebuild.stderr).toBe(0);
    const manifest = readFileSync(join(app, 'android/app/src/main/AndroidManifest.xml'), 'utf8');
    expect(manifest).toContain('android.permission.FOREGROUND_SERVICE_MICROPHONE');
    expect(manifest).toContain('tools:replace="android:foregroundServiceType"');

    const after = run('npx', ['keepcall', 'doctor', 'app'], scratch);
    expect(after.stdout).toContain('No problems found.');
    expect(after.code, after.stdout).toBe(0);
    // It found the installed library's manifest one folder up.
    expect(after.stdout).not.toContain('keepcall is not installed');
  });

  test('bad props reach the user as the plugin’s message, through Expo', () => {
    const app = join(scratch, 'bad-app');
    cpSync(fetchTemplate(), app, { recursive: true });
    writeFileSync(
      join(scratch, 'bad-prebuild.cjs'),
      `const { withPlugins } = require('@expo/config-plugins');
try {
  withPlugins({ name: 'x', slug: 'x', _internal: { projectRoot: ${JSON.stringify(app)} } }, [['keepcall', { iosKeepCallAlive: 'yes' }]]);
} catch (error) { console.error(error.message); process.exit(3); }
`,
    );
    const result = run('node', ['bad-prebuild.cjs'], scratch);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('iosKeepCallAlive is "yes"; expected true or false');
  });
});

describe('a React Native app bundling the installed package', () => {
  // Metro's resolution for one platform: the `react-native` export condition, then `.android.js` /
  // `.ios.js` / `.native.js` before `.js` for relative imports. __DEV__ is false in a release build.
  test.each([
    ['android', 'import'],
    ['ios', 'import'],
    ['android', 'require'],
    ['ios', 'require'],
  ] as const)(
    '%s release build (%s): only its own platform’s code, no valibot, no validation',
    async (os, condition) => {
      const bundle = await bundleForApp(os, { dev: false, condition });
      const tree = condition === 'import' ? 'dist/rn/esm/' : 'dist/rn/cjs/';
      // Not the instance.js that holds every kit, not the validator.
      expect([...bundle.files].sort()).toEqual(releaseFiles(tree, os));
      expectOnlyKit(os, bundle.code);
      expect(bundle.packages).toEqual([]);
      expectReactNativeUse(os, bundle.code);
      // It runs: Android's headless task is registered, and a bad config is trusted.
      const app = runBundle(bundle.code);
      expect(app.tasks).toEqual(TASKS[os]);
      expect(configError(app)).toBeUndefined();
    },
  );

  test.each(['import', 'require'] as const)(
    'a development build (%s) validates config with valibot and names the field',
    async (condition) => {
      const bundle = await bundleForApp('android', { dev: true, condition });
      expect(bundle.files.some((file) => file.endsWith('/core/validate.js'))).toBe(true);
      expect(bundle.packages.some((file) => file.startsWith('node_modules/valibot/'))).toBe(true);
      const app = runBundle(bundle.code);
      expect(app.tasks).toEqual(TASKS.android);
      const error = configError(app);
      expect(error?.code).toBe('invalid-config');
      expect(error?.message).toContain('ios.appName');
    },
  );
});

describe('a web app bundling the installed package', () => {
  // What Vite and webpack do for a production build: the `production` export condition, besides `browser`.
  test.each([
    ['development', [] as string[]],
    ['production', ['production']],
  ])('%s build: valibot and validation only in development', async (mode, conditions) => {
    const result = await build({
      stdin: { contents: ENTRY.require, resolveDir: scratch, sourcefile: 'App.js' },
      absWorkingDir: scratch,
      bundle: true,
      minify: true,
      write: false,
      format: 'cjs',
      platform: 'browser',
      conditions,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const files = inputs.filter((file) => file.startsWith('node_modules/keepcall/'));
    const production = mode === 'production';
    expect(files).toContain(
      production
        ? 'node_modules/keepcall/dist/web/index.production.cjs'
        : 'node_modules/keepcall/dist/web/index.cjs',
    );
    expect(inputs.some((file) => file.startsWith('node_modules/valibot/'))).toBe(!production);
    // It runs: a bad config is named in development and trusted in production.
    const error = configError(runBundle(result.outputFiles[0]?.text ?? ''));
    if (production) expect(error).toBeUndefined();
    else expect(error?.message).toContain('ios.appName');
  });
});

describe('the real Metro bundling the installed package', () => {
  // A one-line app next to the install, with stand-ins for react-native and react in its own
  // node_modules (found once keepcall's folders have none), bundled by Metro.runBuild: each
  // platform's minified release build, and an Android development build.
  let app = '';

  beforeAll(() => {
    app = join(scratch, 'metro-app');
    mkdirSync(app);
    writeMetroApp(app, {
      'App.js':
        "import { KeepCall, KeepCallError } from 'keepcall';\nglobalThis.keepcall = KeepCall;\nglobalThis.KeepCallError = KeepCallError;\n",
    });
  });

  const bundle = (platform: Os, dev: boolean) =>
    metroBundle({
      projectRoot: app,
      entry: 'App.js',
      platform,
      dev,
      minify: !dev,
      // keepcall and valibot come from the install next door; the stand-ins from the app.
      watchFolders: [join(scratch, 'node_modules')],
      nodeModulesPaths: [join(app, 'node_modules')],
    });

  /** keepcall's files in the bundle, relative to the installed package; the other packages, by name. */
  function contents({ modules }: MetroBundle): { files: string[]; packages: string[] } {
    const ours = `${join(scratch, 'node_modules/keepcall')}/`;
    const packageName = (path: string) => {
      const [scope = '', name = ''] = path.split('/node_modules/').at(-1)?.split('/') ?? [];
      return scope.startsWith('@') ? `${scope}/${name}` : scope;
    };
    return {
      files: modules.filter((path) => path.startsWith(ours)).map((path) => path.slice(ours.length)),
      packages: [
        ...new Set(
          modules
            .filter((path) => !path.startsWith(ours) && path.includes('/node_modules/'))
            .map(packageName),
        ),
      ].sort(),
    };
  }

  /** Runs a Metro bundle as the app would (Metro's prelude and require polyfill included). */
  function runMetroBundle(code: string): RunningApp {
    const context: Partial<Pick<RunningApp, 'KeepCallError'>> & {
      keepcall?: RunningApp['KeepCall'];
      headlessTasks?: string[];
    } = {};
    runInNewContext(code, context);
    if (!context.keepcall) throw new Error('the bundle did not set globalThis.keepcall');
    const { KeepCallError } = context;
    return {
      KeepCall: context.keepcall,
      tasks: context.headlessTasks ?? [],
      ...(KeepCallError ? { KeepCallError } : {}),
    };
  }

  test.each(['android', 'ios'] as const)(
    '%s release build: only its own platform’s code, no valibot, no validation',
    async (os) => {
      const release = await bundle(os, false);
      const { files, packages } = contents(release);
      // The `react-native` condition, then `import`: the ESM tree. Not the instance.js holding every
      // kit; __DEV__ inlined as false and the branch folded before Metro collected dependencies, so
      // neither the validator nor checks.js.
      expect([...files].sort()).toEqual(releaseFiles('dist/rn/esm/', os));
      expectOnlyKit(os, release.code);
      expect(packages).toEqual(['metro-runtime', 'react', 'react-native']);
      expectReactNativeUse(os, release.code);
      // It runs: Android's headless task is registered, and a bad config is trusted.
      const app = runMetroBundle(release.code);
      expect(app.tasks).toEqual(TASKS[os]);
      expect(configError(app)).toBeUndefined();
    },
  );

  test('android development build: config validated with valibot, the field named', async () => {
    const development = await bundle('android', true);
    const { files, packages } = contents(development);
    expect(files).toContain('dist/rn/esm/react-native/instance.android.js');
    expect(files).toContain('dist/rn/esm/core/validate.js');
    expectOnlyKit('android', development.code);
    expect(packages).toEqual(['metro-runtime', 'react', 'react-native', 'valibot']);
    const app = runMetroBundle(development.code);
    expect(app.tasks).toEqual(TASKS.android);
    const error = configError(app);
    expect(error?.name).toBe('KeepCallError');
    // The validator's class is the one the app imports (one errors module under the bundled engine).
    expect(app.KeepCallError).toBeDefined();
    expect(error).toBeInstanceOf(app.KeepCallError as NonNullable<RunningApp['KeepCallError']>);
    expect(error?.code).toBe('invalid-config');
    expect(error?.message).toContain('ios.appName');
  });
});
