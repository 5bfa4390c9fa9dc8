// The React Native build, one output file per source file (as react-native-builder-bob does it, with
// esbuild): src/core and src/react-native transpiled, not bundled, to dist/rn/esm (ESM) and
// dist/rn/cjs (CommonJS). Metro resolves platform files (`./instance` → instance.android.js,
// instance.ios.js, checks.native.js) only for relative imports inside a package, never for the file
// an `exports` map points at; a single bundled file would carry every platform's kit and valibot.
// Relative imports stay extensionless, as in the source, so Metro and Jest pick the platform's file.
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
// The root package.json says "type": "module", which already makes the ESM tree's .js files ESM.
writeFileSync(join(OUT, 'cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

const problems = unresolved(entryPoints);
if (problems.length > 0) {
  console.error(`build-rn: relative imports outside ${SOURCES.join(' and ')}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`build-rn: ${entryPoints.length} files → dist/rn/esm and dist/rn/cjs`);
