// The React Native build: src/core and src/react-native transpiled one output file per source file
// (as react-native-builder-bob does it, with esbuild) to dist/rn/esm (ESM) and dist/rn/cjs (CommonJS).
// Metro resolves platform files (`./instance` → instance.android.js, instance.ios.js,
// checks.native.js) only for relative imports inside a package, never for the file an `exports` map
// points at; a single bundled file would carry every platform's kit and valibot. So the entry and each
// platform's instance are then replaced by bundles (see BUNDLED below), which import one another
// extensionless, as the source does, so Metro and Jest pick the platform's file.
// Run after tsup (`npm run build`), which writes the React Native entry's .d.ts.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MANGLE_PROPS } from './mangle-props.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src/core', 'src/react-native'];
const OUT = join(root, 'dist/rn');
// What Metro and Jest may pick for an extensionless relative import, in this build's tree.
const RESOLVED = ['.ts', '.android.ts', '.ios.ts', '.native.ts', '/index.ts'];

/** Every TypeScript source under the React Native tree, relative to the project root. */
function sources() {
  return SOURCES.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name))),
  ).sort();
}

/** Relative imports that leave the tree or name no file: they would break only in an app's bundle. */
function unresolved(files) {
  const problems = [];
  for (const file of files) {
    const code = readFileSync(join(OUT, 'esm', file.replace(/^src\//, '').replace(/\.ts$/, '.js')), 'utf8');
    // esbuild prints every specifier in double quotes.
    for (const [, path] of code.matchAll(/(?:\bfrom|\bimport|\brequire\()\s*"(\.{1,2}\/[^"]*)"/g)) {
      const target = join(root, dirname(file), path);
      const inTree = SOURCES.some((dir) => !relative(join(root, dir), target).startsWith('..'));
      if (!inTree || !RESOLVED.some((ext) => existsSync(target + ext))) problems.push(`${file}: '${path}'`);
    }
  }
  return problems;
}

const entryPoints = sources();
rmSync(OUT, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  entryPoints,
  outbase: 'src',
  bundle: false,
  target: 'es2020',
  platform: 'neutral',
  sourcemap: false,
  logLevel: 'warning',
};
// The engine's private property names are shortened (mangle-props.mjs: Metro would ship them in full).
// The ESM tree goes first; the CommonJS tree takes its renaming, so both name every field alike.
const esm = await build({
  ...common,
  format: 'esm',
  outdir: join(OUT, 'esm'),
  mangleProps: MANGLE_PROPS,
  mangleCache: {},
  // checks.native.ts's `require` stays a require in the ESM tree: Metro (which alone picks that file)
  // handles it, and drops it with valibot when __DEV__ is false.
  logOverride: { 'unsupported-require-call': 'silent' },
});
await build({
  ...common,
  format: 'cjs',
  outdir: join(OUT, 'cjs'),
  mangleProps: MANGLE_PROPS,
  mangleCache: esm.mangleCache,
});

// Metro wraps every module in a function and Babel keeps each cross-module call as `(0, _m.name)(…)`:
// about 60 engine files cost more than their code. So the files Metro reaches through the entry are
// replaced by bundles of their closure, one per platform file. What must stay one module is kept out
// (external): errors (KeepCallError, which the validator throws too: one class for `instanceof`),
// checks (its `.native` file's __DEV__ require keeps valibot out of release builds), NativeKeepCall
// (codegen reads it as its own Native*.js) and, for index, the platform's instance (one binding).
const SHARED = ['core/errors', 'react-native/checks', 'react-native/NativeKeepCall'];
const BUNDLED = {
  'react-native/index': [...SHARED, 'react-native/instance'],
  'react-native/instance': SHARED,
  'react-native/instance.android': SHARED,
  'react-native/instance.ios': SHARED,
};
/** Keeps `shared` modules as imports, written relative to the bundle (src/react-native). */
function keepSeparate(shared) {
  return {
    name: 'keep-separate',
    setup(plugin) {
      plugin.onResolve({ filter: /^\./ }, (args) => {
        const target = relative(join(root, 'src'), join(args.resolveDir, args.path)).replace(/\.ts$/, '');
        if (!shared.includes(target)) return undefined;
        const from = relative(join(root, 'src/react-native'), join(root, 'src', target));
        return { path: from.startsWith('.') ? from : `./${from}`, external: true };
      });
    },
  };
}
for (const format of ['esm', 'cjs']) {
  for (const [entry, shared] of Object.entries(BUNDLED)) {
    await build({
      ...common,
      entryPoints: [join(root, 'src', `${entry}.ts`)],
      outfile: join(OUT, format, `${entry}.js`),
      outdir: undefined,
      outbase: undefined,
      bundle: true,
      format,
      external: ['react', 'react-native'],
      plugins: [keepSeparate(shared)],
      mangleProps: MANGLE_PROPS,
      mangleCache: esm.mangleCache,
      allowOverwrite: true,
    });
  }
}
// The root package.json says "type": "module", which already makes the ESM tree's .js files ESM.
writeFileSync(join(OUT, 'cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

const problems = unresolved(entryPoints);
if (problems.length > 0) {
  console.error(`build-rn: relative imports outside ${SOURCES.join(' and ')}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`build-rn: ${entryPoints.length} files → dist/rn/esm and dist/rn/cjs`);
